// Choose the embedded model's L2 penalty, the treatment of a vulnerable record's other candidates, the
// calibration, the operating point and where CWEs come from, by pair-grouped cross-validation on the training
// records (hundreds of out-of-fold scores instead of an 80-record val set), then fit on all of them.
import { binaryMetrics, detectionMetrics } from "../eval/metrics.js";
import { candidateLogit, CWE_SOURCES, cweOf, type CweSource, type EmbeddedModel, type FeatureSet } from "../models/embedded/EmbeddedModel.js";
import { OTHER_TREATMENTS, type OtherTreatment } from "./candidateLabels.js";
import type { FeaturizedRecord } from "./featurizeRecords.js";
import { fitEmbedded, predictRecord, round, type FitOptions } from "./fitEmbedded.js";
import { groupedFolds } from "./groupedFolds.js";
import { fitPlatt } from "./plattScaling.js";

export interface SelectOptions extends Omit<FitOptions, "l2" | "others" | "cweSource"> {
  /** L2 penalties tried. Defaults to `[3e-3, 1e-2, 3e-2]`. */
  l2?: number[];
  /** Treatments of a vulnerable record's other candidates tried. Defaults to all of `OTHER_TREATMENTS`. */
  others?: OtherTreatment[];
  /** CWE sources tried (the best out-of-fold CWE-exact accuracy wins, the first on a tie). Defaults to all (tokens: `head`). */
  cweSources?: CweSource[];
  /** Cross-validation folds. Defaults to `5`. */
  folds?: number;
  /**
   * Operating point: the highest out-of-fold record false-positive rate allowed. Among the thresholds that keep FPR at
   * or below it, the lowest whose out-of-fold record MCC is within one standard error of the best. Without it the
   * threshold is 0.5.
   */
  maxFpr?: number;
}

/** One point of the grid, out of fold, at its own calibration and threshold. */
export interface GridPoint {
  l2: number;
  others: OtherTreatment;
  mcc: number;
  fpr: number;
  threshold: number;
}

export interface Selection {
  model: EmbeddedModel;
  l2: number;
  others: OtherTreatment;
  cweSource: CweSource;
  threshold: number;
  /** Out-of-fold record figures of the chosen scorer (calibrated, at its threshold), every grid point, and CWE-exact accuracy per source. */
  crossValidation: { mcc: number; fpr: number; f1: number; grid: GridPoint[]; cweExact: Partial<Record<CweSource, number>> };
}

export function selectEmbedded(train: readonly FeaturizedRecord[], set: FeatureSet, options: SelectOptions = {}, log: (msg: string) => void = () => {}): Selection {
  const k = options.folds ?? 5;
  const folds = groupedFolds(train.map((r) => r.record), k, options.seed ?? 1);
  const heldOut = (fold: number) => train.filter((_, i) => folds[i] !== fold);
  const grid: GridPoint[] = [];
  let best: (GridPoint & { calibration: { a: number; b: number } }) | undefined;
  for (const others of options.others ?? OTHER_TREATMENTS) {
    for (const l2 of options.l2 ?? [3e-3, 1e-2, 3e-2]) {
      // A record's score is its strongest candidate's: the verdict is its strongest finding.
      const strongest = new Array<number | undefined>(train.length);
      for (let fold = 0; fold < k; fold++) {
        const model = fitEmbedded(heldOut(fold), set, { ...options, l2, others, cweSource: "row" });
        train.forEach((r, i) => {
          if (folds[i] === fold && r.candidates.length) strongest[i] = Math.max(...r.candidates.map((c) => candidateLogit(model, c.features)));
        });
      }
      // Platt on out-of-fold scores (the in-sample scores of the final fit would be overconfident), over the
      // records that have a candidate: the others are never flagged.
      const scored = train.flatMap((r, i) => (strongest[i] === undefined ? [] : [{ x: strongest[i]!, y: r.record.cwe !== null }]));
      const platt = fitPlatt(scored.map((s) => s.x), scored.map((s) => s.y));
      const calibration = { a: round(platt.a), b: round(platt.b) };
      const probabilities = strongest.map((x) => (x === undefined ? undefined : 1 / (1 + Math.exp(-(calibration.a * x + calibration.b)))));
      const point = { l2, others, ...operatingPoint(train, probabilities, options.maxFpr) };
      grid.push(point);
      log(`others=${others} l2=${l2}: out-of-fold MCC ${point.mcc.toFixed(3)}, FPR ${point.fpr.toFixed(3)} at threshold ${point.threshold}`);
      if (!best || point.mcc > best.mcc) best = { ...point, calibration };
    }
  }
  const { l2, others, calibration, threshold } = best!;
  const calibrated = (model: EmbeddedModel) => Object.assign(model, { calibration, threshold });

  // Where the CWE comes from: the scorer, hence every verdict, is the same for each source; only the CWE differs.
  // Measured over every vulnerable record, as the CWE of its strongest candidate whatever its score, so the
  // comparison does not hang on the threshold (a record without a candidate counts as wrong for every source).
  const cweExact: Partial<Record<CweSource, number>> = {};
  let verdicts: ReturnType<typeof detectionMetrics> | undefined;
  let cweSource: CweSource | undefined;
  for (const source of options.cweSources ?? (set === "tokens" ? ["head" as const] : CWE_SOURCES)) {
    const samples: Parameters<typeof detectionMetrics>[0][number][] = [];
    let right = 0, vulnerable = 0;
    for (let fold = 0; fold < k; fold++) {
      const model = calibrated(fitEmbedded(heldOut(fold), set, { ...options, l2, others, cweSource: source }));
      train.forEach((r, i) => {
        if (folds[i] !== fold) return;
        samples.push({ gold: { cwe: r.record.cwe }, pred: predictRecord(model, r) });
        if (!r.record.cwe) return;
        vulnerable++;
        if (strongestCwe(model, r) === r.record.cwe) right++;
      });
    }
    verdicts ??= detectionMetrics(samples);
    cweExact[source] = round(right / Math.max(1, vulnerable));
    log(`cwe from ${source}: out-of-fold CWE-exact accuracy ${cweExact[source]!.toFixed(3)} (vulnerable records, strongest candidate)`);
    if (cweSource === undefined || cweExact[source]! > cweExact[cweSource]!) cweSource = source;
  }
  const { f1, mcc, fpr } = verdicts!;
  const model = calibrated(fitEmbedded(train, set, { ...options, l2, others, cweSource }));
  return { model, l2, others, cweSource: cweSource!, threshold, crossValidation: { mcc, fpr, f1, grid, cweExact } };
}

/** The CWE of a record's strongest candidate under a model, whatever its score (`null`: no candidate). */
export function strongestCwe(model: EmbeddedModel, r: FeaturizedRecord): string | null {
  let best: FeaturizedRecord["candidates"][number] | undefined;
  let top = -Infinity;
  for (const c of r.candidates) {
    const x = candidateLogit(model, c.features);
    if (x > top) [best, top] = [c, x];
  }
  return best ? cweOf(model, best.features, best.hit?.cwe) : null;
}

/**
 * The threshold on calibrated out-of-fold record probabilities (`undefined`: no candidate, never flagged): 0.5
 * without `maxFpr`; with it, the best-MCC threshold among those whose false-positive rate stays at or below
 * `maxFpr` (candidates: midpoints between neighbouring observed probabilities).
 */
export function operatingPoint(train: readonly FeaturizedRecord[], probabilities: readonly (number | undefined)[], maxFpr?: number): { threshold: number; mcc: number; fpr: number } {
  const at = (threshold: number) => {
    const m = binaryMetrics(train.map((r, i) => ({ gold: { cwe: r.record.cwe }, pred: { vulnerable: (probabilities[i] ?? -1) >= threshold, cwe: null } })));
    return { threshold, mcc: m.mcc, fpr: m.fpr };
  };
  if (maxFpr === undefined) return at(0.5);
  // Each cut lies halfway between two neighbouring observed scores: the same out-of-fold verdicts as cutting at
  // the upper one, with a margin on both sides for records not seen yet.
  const observed = [...new Set(probabilities.filter((p): p is number => p !== undefined))].sort((a, b) => a - b);
  const allowed = [at(1), ...observed.map((p, i) => at(round(i ? (p + observed[i - 1]) / 2 : p)))].filter((point) => point.fpr <= maxFpr);
  let best = allowed[0];
  for (const point of allowed) if (point.mcc > best.mcc) best = point;
  // Out-of-fold MCC is flat over a wide band of thresholds; within one standard error of the best (Breiman's
  // one-SE rule, SE of a correlation over n records) a scanner takes the lowest cut: more weaknesses found for
  // no measurable loss in MCC.
  const se = Math.sqrt((1 - best.mcc * best.mcc) / Math.max(1, train.length - 2));
  return allowed.filter((point) => point.mcc >= best.mcc - se).reduce((low, point) => (point.threshold < low.threshold ? point : low), best);
}
