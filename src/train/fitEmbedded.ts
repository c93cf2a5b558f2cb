// Fit the embedded model in memory on featurized records: the candidate scorer (logistic regression with a
// pairwise term) and, for a learned CWE source, the CWE head. What `cwescope train` and the cross-validation
// bench share. No I/O, no calibration (the caller calibrates and sets the threshold).
import { detectionMetrics, type DetectionMetrics } from "../eval/metrics.js";
import { rowFeature } from "../models/embedded/candidateFeatures.js";
import { judge } from "../models/embedded/EmbeddedDetector.js";
import { EMBEDDED_FORMAT, EMBEDDED_FORMAT_VERSION, type CweSource, type EmbeddedModel, type FeatureSet } from "../models/embedded/EmbeddedModel.js";
import { candidatePairs, labelCandidates, type LabeledCandidate, type OtherTreatment, type UnlocatedTreatment } from "./candidateLabels.js";
import type { FeaturizedRecord } from "./featurizeRecords.js";
import { trainPairwiseLogistic } from "./pairwiseLogistic.js";
import { trainSoftmax } from "./softmaxRegression.js";

export interface FitOptions {
  /** Defaults to `1`. */
  seed?: number;
  /** Features seen in fewer training candidates are dropped. Defaults to `2`. */
  minCount?: number;
  /** L2 penalty of the scorer and the CWE head. Defaults to `1e-2`. */
  l2?: number;
  /** Defaults to `60`. */
  epochs?: number;
  /** Weight of the ranking term "a vulnerable twin's weakness scores above the same sink in its fix"; `0` turns it off. Defaults to `1`. */
  pairWeight?: number;
  /** What a vulnerable record's other candidates become. Defaults to `"negative"`. */
  others?: OtherTreatment;
  /** What a vulnerable record whose weakness no candidate sits at gives. Defaults to `"omit"`. */
  unlocated?: UnlocatedTreatment;
  /** Where findings' CWEs come from. Defaults to `"row"` (view) or `"head"` (tokens, which has no rows). */
  cweSource?: CweSource;
}

export function fitEmbedded(train: readonly FeaturizedRecord[], set: FeatureSet, options: FitOptions = {}): EmbeddedModel {
  const seed = options.seed ?? 1;
  const l2 = options.l2 ?? 1e-2;
  const labeled = labelCandidates(train, options.others ?? "negative", options.unlocated);
  const featuresOf = (l: LabeledCandidate) => train[l.record].candidates[l.candidate].features;
  const vocabulary = vocabularyOf(labeled.map(featuresOf), options.minCount ?? 2);
  const samples = labeled.map((l) => ({ features: indices(featuresOf(l), vocabulary.index), label: l.label, weight: l.weight }));
  const scorer = trainPairwiseLogistic(samples, vocabulary.names.length, { l2, seed, epochs: options.epochs, pairs: candidatePairs(train, labeled), pairWeight: options.pairWeight ?? 1 });
  const weights: Record<string, number> = {};
  vocabulary.names.forEach((f, i) => {
    const v = round(scorer.weights[i]);
    if (v !== 0) weights[f] = v;
  });
  const cweSource = options.cweSource ?? (set === "tokens" ? "head" : "row");
  return {
    format: EMBEDDED_FORMAT,
    version: EMBEDDED_FORMAT_VERSION,
    features: set,
    scorer: { weights, bias: round(scorer.bias) },
    calibration: { a: 1, b: 0 },
    threshold: 0.5,
    emptyPrior: emptyPrior(train),
    cwe: cweSource === "row" ? { source: "row", classes: [], weights: {}, bias: [] } : fitCweHead(train, labeled, cweSource, { ...options, l2, seed }),
    manifest: {},
  };
}

/**
 * The CWE head: softmax regression over the positive candidates' features (plus their row's CWE for
 * `combined`), the label being the record's gold CWE.
 */
function fitCweHead(train: readonly FeaturizedRecord[], labeled: readonly LabeledCandidate[], source: CweSource, options: FitOptions): EmbeddedModel["cwe"] {
  const positives = labeled.filter((l) => l.label === 1);
  const featuresOf = (l: LabeledCandidate) => {
    const c = train[l.record].candidates[l.candidate];
    return source === "combined" && c.hit ? [...c.features, rowFeature(c.hit)] : c.features;
  };
  const classes = [...new Set(positives.map((l) => train[l.record].record.cwe!))].sort();
  if (!classes.length) return { source, classes: [], weights: {}, bias: [] };
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const vocabulary = vocabularyOf(positives.map(featuresOf), options.minCount ?? 2);
  const samples = positives.map((l) => ({ features: indices(featuresOf(l), vocabulary.index), label: classIndex.get(train[l.record].record.cwe!)!, weight: l.weight }));
  const w = trainSoftmax(samples, vocabulary.names.length, classes.length, { l2: options.l2, seed: options.seed, epochs: options.epochs });
  const weights: Record<string, number[]> = {};
  vocabulary.names.forEach((f, i) => {
    const row = Array.from(w.weights.subarray(i * classes.length, (i + 1) * classes.length), round);
    if (row.some((x) => x !== 0)) weights[f] = row;
  });
  return { source, classes, weights, bias: Array.from(w.bias, round) };
}

/** Share of the records without any candidate that are vulnerable, smoothed (such records are never flagged). */
function emptyPrior(train: readonly FeaturizedRecord[]): number {
  const empty = train.filter((r) => !r.candidates.length);
  return round((empty.filter((r) => r.record.cwe).length + 1) / (empty.length + 2));
}

function vocabularyOf(lists: readonly string[][], minCount: number): { names: string[]; index: Map<string, number> } {
  const counts = new Map<string, number>();
  for (const list of lists) for (const f of list) counts.set(f, (counts.get(f) ?? 0) + 1);
  const names = [...counts].filter(([, n]) => n >= minCount).map(([f]) => f).sort();
  return { names, index: new Map(names.map((f, i) => [f, i])) };
}

function indices(features: readonly string[], index: Map<string, number>): number[] {
  return features.map((f) => index.get(f)).filter((i): i is number => i !== undefined).sort((a, b) => a - b);
}

/** A featurized record's verdict and CWE under a model, as the detector gives them (`score`: the strongest candidate's). */
export function predictRecord(model: EmbeddedModel, r: FeaturizedRecord): { score: number; vulnerable: boolean; cwe: string | null } {
  const verdict = judge(model, r.candidates);
  return { score: verdict.vulnerable ? verdict.confidence : r.candidates.length ? 1 - verdict.confidence : 0, vulnerable: verdict.vulnerable, cwe: verdict.cwe };
}

/** Detection metrics of a model on featurized records (no lines), for selection and the manifest. */
export function evaluate(model: EmbeddedModel, records: readonly FeaturizedRecord[]): DetectionMetrics {
  return detectionMetrics(records.map((r) => ({ gold: { cwe: r.record.cwe }, pred: predictRecord(model, r) })));
}

export function round(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
