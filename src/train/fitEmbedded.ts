// Fit the embedded model's two heads on featurized records, in memory: what `cwescope train` and the
// cross-validation bench share. No I/O, no calibration (the caller calibrates and sets the threshold).
import { detectionMetrics, type DetectionMetrics } from "../eval/metrics.js";
import { EMBEDDED_FORMAT, EMBEDDED_FORMAT_VERSION, isFlagged, scoreFeatures, type EmbeddedModel, type FeatureSet } from "../models/embedded/EmbeddedModel.js";
import type { FeaturizedRecord } from "./featurizeRecords.js";
import { trainPairwiseLogistic, type LogisticWeights } from "./pairwiseLogistic.js";
import { trainSoftmax, type SoftmaxWeights } from "./softmaxRegression.js";
import { twinPairs } from "./twinPairs.js";

export interface FitOptions {
  /** Defaults to `1`. */
  seed?: number;
  /** Features seen in fewer training records are dropped. Defaults to `2`. */
  minCount?: number;
  /** L2 penalty of both heads. Defaults to `1e-2`. */
  l2?: number;
  /** Defaults to `60`. */
  epochs?: number;
  /** Weight of the binary head's ranking term (each vulnerable twin above its fix); `0` turns it off. Defaults to `1`. */
  pairWeight?: number;
}

export function fitEmbedded(train: readonly FeaturizedRecord[], set: FeatureSet, options: FitOptions = {}): EmbeddedModel {
  const seed = options.seed ?? 1;
  const l2 = options.l2 ?? 1e-2;
  const minCount = options.minCount ?? 2;
  const counts = new Map<string, number>();
  for (const r of train) for (const f of r.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts].filter(([, n]) => n >= minCount).map(([f]) => f).sort();
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const classes = ["none", ...[...new Set(train.map((r) => r.record.cwe).filter((c): c is string => c !== null))].sort()];
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const samples = train.map((r) => ({
    features: r.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined).sort((a, b) => a - b),
    label: classIndex.get(r.record.cwe ?? "none") ?? 0,
  }));
  const weights = trainSoftmax(samples, vocabulary.length, classes.length, { l2, seed, epochs: options.epochs });
  const binarySamples = samples.map((s) => ({ features: s.features, label: s.label === 0 ? 0 : 1 }));
  const binary = trainPairwiseLogistic(binarySamples, vocabulary.length, { l2, seed, epochs: options.epochs, pairs: twinPairs(train.map((r) => r.record)), pairWeight: options.pairWeight ?? 1 });
  const model = toModel(weights, binary, vocabulary, classes, set);
  model.lineConcepts = lineConcepts(train);
  return model;
}

function toModel(w: SoftmaxWeights, b: LogisticWeights, vocabulary: string[], classes: string[], set: FeatureSet): EmbeddedModel {
  const weights: Record<string, number[]> = {};
  vocabulary.forEach((f, i) => {
    const row = Array.from(w.weights.subarray(i * w.nClasses, (i + 1) * w.nClasses), round);
    if (row.some((x) => x !== 0)) weights[f] = row;
  });
  const binary: Record<string, number> = {};
  vocabulary.forEach((f, i) => {
    const v = round(b.weights[i]);
    if (v !== 0) binary[f] = v;
  });
  return {
    format: EMBEDDED_FORMAT,
    version: EMBEDDED_FORMAT_VERSION,
    features: set,
    classes,
    weights,
    bias: Array.from(w.bias, round),
    binary: { weights: binary, bias: round(b.bias) },
    calibration: { a: 1, b: 0 },
    threshold: 0.5,
    lineConcepts: {},
    manifest: {},
  };
}

/** A featurized record's verdict and CWE under a model, with the detector's no-sink rule. */
export function predictRecord(model: EmbeddedModel, r: FeaturizedRecord): { score: number; vulnerable: boolean; cwe: string | null } {
  const s = scoreFeatures(model, r.features);
  const vulnerable = isFlagged(model, s.vulnerable, r.view);
  return { score: s.vulnerable, vulnerable, cwe: vulnerable ? s.cwe : null };
}

/** Detection metrics of a model on featurized records (no lines), for selection and the manifest. */
export function evaluate(model: EmbeddedModel, records: readonly FeaturizedRecord[]): DetectionMetrics {
  return detectionMetrics(records.map((r) => ({ gold: { cwe: r.record.cwe }, pred: predictRecord(model, r) })));
}

/** How often each sink concept sits on a gold line, per CWE. */
function lineConcepts(records: readonly FeaturizedRecord[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const { record, view } of records) {
    if (!record.cwe || !view || !record.lines?.length) continue;
    const gold = new Set(record.lines);
    const seen = new Set<string>();
    for (const hit of view.sinks) if (hit.lines.some((l) => gold.has(l))) seen.add(hit.concept);
    const row = (out[record.cwe] ??= {});
    for (const c of seen) row[c] = (row[c] ?? 0) + 1;
  }
  return out;
}

export function round(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
