// `cwescope train`: fit the embedded model on a dataset (choices by cross-validation on it), score val, write the artifact.
import { mkdir } from "node:fs/promises";
import { writeFileAtomic } from "../util/atomicWrite.js";
import { join, relative, resolve, sep } from "node:path";
import { loadJsonl } from "../data/jsonl.js";
import { DatasetRecordSchema, type DatasetRecord } from "../data/record.js";
import type { DetectionMetrics } from "../eval/metrics.js";
import { UnitSplitter } from "../lang/index.js";
import type { EmbeddedModel, FeatureSet } from "../models/embedded/EmbeddedModel.js";
import { UserError } from "../util/errors.js";
import { sha256File } from "../util/hash.js";
import { VERSION } from "../version.js";
import { featurizeRecords } from "./featurizeRecords.js";
import { evaluate } from "./fitEmbedded.js";
import { selectEmbedded } from "./selectEmbedded.js";

/** Pair-grouped cross-validation folds for the L2 penalty and the calibration. */
const FOLDS = 5;

export interface TrainOptions {
  /** Training JSONL (dataset records). */
  data: string;
  /** Validation JSONL: scored for the manifest only (the L2 penalty and calibration come from cross-validation on `data`). Optional. */
  val?: string;
  /** Output folder; `model.json` is written there. */
  out: string;
  /** Defaults to `1`. */
  seed?: number;
  /** Defaults to `"view"`; `"tokens"` trains the bag-of-words ablation. */
  features?: FeatureSet;
  /** Features seen in fewer training records are dropped. Defaults to `2`. */
  minCount?: number;
  /**
   * L2 penalties tried, each with every treatment of a vulnerable record's other candidates (the best
   * pair-grouped cross-validation MCC on `data` wins). Defaults to `[3e-3, 1e-2, 3e-2]`.
   */
  l2?: number[];
  /** Weight of the ranking term "a vulnerable twin's weakness scores above the same sink in its fix". Defaults to `1`. */
  pairWeight?: number;
  /** Defaults to `60`. */
  epochs?: number;
  /**
   * Operating point: the highest false-positive rate allowed on pair-grouped cross-validation of `data`; the
   * threshold is the best-MCC one within it. Defaults to `DEFAULT_MAX_FPR`.
   */
  maxFpr?: number;
}

/** The false-alarm ceiling, applied where it can be without looking at any test set: on training CV. */
export const DEFAULT_MAX_FPR = 0.2;

export interface TrainResult {
  model: EmbeddedModel;
  file: string;
  trainMetrics: DetectionMetrics;
  valMetrics?: DetectionMetrics;
}

/**
 * Refuse training data that can only give a useless model: too few records, one class only, or ids used
 * twice (the cross-validation folds and the manifest key on them).
 */
export function checkTrainable(file: string, records: readonly DatasetRecord[]): void {
  if (!records.length) throw new UserError(`${file}: no records`);
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    const first = seen.get(r.id);
    if (first !== undefined) throw new UserError(`${file}: id "${r.id}" is used twice (records ${first + 1} and ${i + 1}); ids must be unique`);
    seen.set(r.id, i);
  });
  const vulnerable = records.filter((r) => r.cwe !== null).length;
  if (records.length < 2 || vulnerable === 0 || vulnerable === records.length)
    throw new UserError(`${file}: ${records.length} record(s), ${vulnerable} vulnerable: training needs both vulnerable and non-vulnerable records`);
}

export async function trainEmbedded(options: TrainOptions, log: (msg: string) => void = () => {}): Promise<TrainResult> {
  const seed = options.seed ?? 1;
  const set = options.features ?? "view";
  const train = await loadJsonl(options.data, DatasetRecordSchema);
  checkTrainable(options.data, train);
  const val = options.val ? await loadJsonl(options.val, DatasetRecordSchema) : [];
  const splitter = await UnitSplitter.create();
  const trainF = featurizeRecords(train, set, splitter);
  const valF = featurizeRecords(val, set, splitter);
  splitter.delete();

  const minCount = options.minCount ?? 2;
  const pairWeight = options.pairWeight ?? 1;
  const grid = options.l2 ?? [3e-3, 1e-2, 3e-2];
  const maxFpr = options.maxFpr ?? DEFAULT_MAX_FPR;
  log(`train: ${train.length} records; val: ${val.length} records`);
  const { model, l2, others, cweSource, threshold, crossValidation } = selectEmbedded(trainF, set, { l2: grid, seed, minCount, epochs: options.epochs, pairWeight, folds: FOLDS, maxFpr }, log);
  const trainMetrics = evaluate(model, trainF);
  const valMetrics = val.length ? evaluate(model, valF) : undefined;
  model.manifest = {
    cwescope: VERSION,
    seed,
    features: set,
    data: {
      train: { path: pathFromModel(options.out, options.data), sha256: await sha256File(options.data), records: train.length, languages: languages(train) },
      ...(options.val ? { val: { path: pathFromModel(options.out, options.val), sha256: await sha256File(options.val), records: val.length, languages: languages(val) } } : {}),
    },
    hyperparameters: { l2, l2_grid: grid, others, cwe_source: cweSource, pair_weight: pairWeight, folds: FOLDS, epochs: options.epochs ?? 60, min_count: minCount, optimizer: "adam", batch_size: 32, max_fpr: maxFpr, threshold },
    vocabulary_size: Object.keys(model.scorer.weights).length,
    metrics: {
      cross_validation: {
        mcc: pick1(crossValidation.mcc),
        fpr: pick1(crossValidation.fpr),
        f1: pick1(crossValidation.f1),
        cwe_exact_accuracy: crossValidation.cweExact,
        grid: crossValidation.grid.map((g) => ({ ...g, mcc: pick1(g.mcc), fpr: pick1(g.fpr) })),
      },
      train: pick(trainMetrics),
      ...(valMetrics ? { val: pick(valMetrics) } : {}),
    },
  };
  await mkdir(options.out, { recursive: true });
  const file = join(options.out, "model.json");
  await writeFileAtomic(file, JSON.stringify(model) + "\n");
  return { model, file, trainMetrics, valMetrics };
}

/** A data file as seen from the model's folder, `/`-separated: the artifact (and its digest) stays the same when the repository moves. */
export function pathFromModel(modelDir: string, dataFile: string): string {
  return relative(resolve(modelDir), resolve(dataFile)).split(sep).join("/");
}

function languages(records: readonly DatasetRecord[]): string[] {
  return [...new Set(records.map((r) => r.language))].sort();
}

function pick(m: DetectionMetrics) {
  const r = pick1;
  return { n: m.n, precision: r(m.precision), recall: r(m.recall), f1: r(m.f1), mcc: r(m.mcc), fpr: r(m.fpr), cwe_exact_accuracy: r(m.cwe_exact_accuracy) };
}

function pick1(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
