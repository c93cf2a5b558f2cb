// `cwescope train`: fit the embedded model on a dataset, calibrate and select on val, write the artifact.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadJsonl } from "../data/jsonl.js";
import { DatasetRecordSchema, type DatasetRecord } from "../data/record.js";
import { detectionMetrics, type DetectionMetrics } from "../eval/metrics.js";
import { UnitSplitter } from "../lang/index.js";
import { EMBEDDED_FORMAT, EMBEDDED_FORMAT_VERSION, scoreFeatures, type EmbeddedModel, type FeatureSet } from "../models/embedded/EmbeddedModel.js";
import { UserError } from "../util/errors.js";
import { sha256File } from "../util/hash.js";
import { VERSION } from "../version.js";
import { featurizeRecords, type FeaturizedRecord } from "./featurizeRecords.js";
import { fitPlatt } from "./plattScaling.js";
import { trainSoftmax, type SoftmaxWeights } from "./softmaxRegression.js";

export interface TrainOptions {
  /** Training JSONL (dataset records). */
  data: string;
  /** Validation JSONL: used to pick the L2 penalty and to calibrate. Optional. */
  val?: string;
  /** Output folder; `model.json` is written there. */
  out: string;
  /** Defaults to `1`. */
  seed?: number;
  /** Defaults to `"view"`; `"tokens"` trains the bag-of-words ablation. */
  features?: FeatureSet;
  /** Features seen in fewer training records are dropped. Defaults to `2`. */
  minCount?: number;
  /** L2 penalties tried (the best val MCC wins; the first without val). Defaults to `[1e-3, 3e-3, 1e-2, 3e-2]`. */
  l2?: number[];
  /** Defaults to `60`. */
  epochs?: number;
}

export interface TrainResult {
  model: EmbeddedModel;
  file: string;
  trainMetrics: DetectionMetrics;
  valMetrics?: DetectionMetrics;
}

export async function trainEmbedded(options: TrainOptions, log: (msg: string) => void = () => {}): Promise<TrainResult> {
  const seed = options.seed ?? 1;
  const set = options.features ?? "view";
  const train = await loadJsonl(options.data, DatasetRecordSchema);
  if (!train.length) throw new UserError(`${options.data}: no records`);
  const val = options.val ? await loadJsonl(options.val, DatasetRecordSchema) : [];
  const splitter = await UnitSplitter.create();
  const trainF = featurizeRecords(train, set, splitter);
  const valF = featurizeRecords(val, set, splitter);
  splitter.delete();

  const minCount = options.minCount ?? 2;
  const counts = new Map<string, number>();
  for (const r of trainF) for (const f of r.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts].filter(([, n]) => n >= minCount).map(([f]) => f).sort();
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const classes = ["none", ...[...new Set(train.map((r) => r.cwe).filter((c): c is string => c !== null))].sort()];
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const toSample = (r: FeaturizedRecord) => ({
    features: r.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined).sort((a, b) => a - b),
    label: classIndex.get(r.record.cwe ?? "none") ?? 0,
  });
  const samples = trainF.map(toSample);
  log(`train: ${train.length} records, ${vocabulary.length} features, ${classes.length - 1} CWEs; val: ${val.length} records`);

  const grid = options.l2 ?? [1e-3, 3e-3, 1e-2, 3e-2];
  const binarySamples = samples.map((s) => ({ features: s.features, label: s.label === 0 ? 0 : 1 }));
  let best: { l2: number; weights: SoftmaxWeights; binary: SoftmaxWeights; mcc: number } | undefined;
  for (const l2 of val.length ? grid : grid.slice(0, 1)) {
    const weights = trainSoftmax(samples, vocabulary.length, classes.length, { l2, seed, epochs: options.epochs });
    const binary = trainSoftmax(binarySamples, vocabulary.length, 2, { l2, seed, epochs: options.epochs });
    const model = toModel(weights, binary, vocabulary, classes, set, { a: 1, b: 0 });
    const mcc = val.length ? evaluate(model, valF).mcc : 0;
    log(`l2=${l2}: val MCC ${mcc.toFixed(3)}`);
    if (!best || mcc > best.mcc) best = { l2, weights, binary, mcc };
  }
  const chosen = best!;
  let calibration = { a: 1, b: 0 };
  if (val.length) {
    const raw = toModel(chosen.weights, chosen.binary, vocabulary, classes, set, calibration);
    const xs = valF.map((r) => {
      const p = scoreFeatures(raw, r.features).vulnerable;
      const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
      return Math.log(q / (1 - q));
    });
    calibration = fitPlatt(xs, val.map((r) => r.cwe !== null));
  }
  const model = toModel(chosen.weights, chosen.binary, vocabulary, classes, set, calibration);
  model.lineConcepts = lineConcepts(trainF);
  const trainMetrics = evaluate(model, trainF);
  const valMetrics = val.length ? evaluate(model, valF) : undefined;
  model.manifest = {
    cwescope: VERSION,
    seed,
    features: set,
    data: {
      train: { path: options.data, sha256: await sha256File(options.data), records: train.length, languages: languages(train) },
      ...(options.val ? { val: { path: options.val, sha256: await sha256File(options.val), records: val.length, languages: languages(val) } } : {}),
    },
    hyperparameters: { l2: chosen.l2, l2_grid: grid, epochs: options.epochs ?? 60, min_count: minCount, optimizer: "adam", batch_size: 32 },
    vocabulary_size: Object.keys(model.weights).length,
    metrics: { train: pick(trainMetrics), ...(valMetrics ? { val: pick(valMetrics) } : {}) },
  };
  await mkdir(options.out, { recursive: true });
  const file = join(options.out, "model.json");
  await writeFile(file, JSON.stringify(model) + "\n");
  return { model, file, trainMetrics, valMetrics };
}

function toModel(w: SoftmaxWeights, b: SoftmaxWeights, vocabulary: string[], classes: string[], set: FeatureSet, calibration: { a: number; b: number }): EmbeddedModel {
  const weights: Record<string, number[]> = {};
  vocabulary.forEach((f, i) => {
    const row = Array.from(w.weights.subarray(i * w.nClasses, (i + 1) * w.nClasses), round);
    if (row.some((x) => x !== 0)) weights[f] = row;
  });
  // A two-class softmax is a logistic regression with weight w1 - w0.
  const binary: Record<string, number> = {};
  vocabulary.forEach((f, i) => {
    const v = round(b.weights[i * 2 + 1] - b.weights[i * 2]);
    if (v !== 0) binary[f] = v;
  });
  return {
    format: EMBEDDED_FORMAT,
    version: EMBEDDED_FORMAT_VERSION,
    features: set,
    classes,
    weights,
    bias: Array.from(w.bias, round),
    binary: { weights: binary, bias: round(b.bias[1] - b.bias[0]) },
    calibration: { a: round(calibration.a), b: round(calibration.b) },
    threshold: 0.5,
    lineConcepts: {},
    manifest: {},
  };
}

/** Score featurized records with a model (no lines), for selection and the manifest. */
export function evaluate(model: EmbeddedModel, records: readonly FeaturizedRecord[]): DetectionMetrics {
  return detectionMetrics(
    records.map((r) => {
      const s = scoreFeatures(model, r.features);
      const vulnerable = s.vulnerable >= model.threshold;
      return { gold: { cwe: r.record.cwe }, pred: { vulnerable, cwe: vulnerable ? s.cwe : null } };
    }),
  );
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

function languages(records: readonly DatasetRecord[]): string[] {
  return [...new Set(records.map((r) => r.language))].sort();
}

function pick(m: DetectionMetrics) {
  const r = (x: number) => Math.round(x * 1e4) / 1e4;
  return { n: m.n, precision: r(m.precision), recall: r(m.recall), f1: r(m.f1), mcc: r(m.mcc), fpr: r(m.fpr), cwe_exact_accuracy: r(m.cwe_exact_accuracy) };
}

function round(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
