// Choose the embedded model's L2 penalty and calibration by pair-grouped cross-validation on the training
// records (hundreds of out-of-fold scores instead of an 80-record val set), then fit on all of them.
import { binaryMetrics } from "../eval/metrics.js";
import { binaryLogit, hasEvidence, type EmbeddedModel, type FeatureSet } from "../models/embedded/EmbeddedModel.js";
import type { FeaturizedRecord } from "./featurizeRecords.js";
import { fitEmbedded, round, type FitOptions } from "./fitEmbedded.js";
import { groupedFolds } from "./groupedFolds.js";
import { fitPlatt } from "./plattScaling.js";

export interface SelectOptions extends Omit<FitOptions, "l2"> {
  /** L2 penalties tried; the best out-of-fold MCC wins (the first on a tie). Defaults to `[3e-3, 1e-2, 3e-2]`. */
  l2?: number[];
  /** Cross-validation folds. Defaults to `5`. */
  folds?: number;
  /**
   * Operating point: the highest out-of-fold false-positive rate allowed. The threshold is then the one with the
   * best out-of-fold MCC among those that keep FPR at or below it. Without it the threshold is 0.5.
   */
  maxFpr?: number;
}

export interface Selection {
  model: EmbeddedModel;
  l2: number;
  /** Out-of-fold figures of the chosen L2, calibrated, at the model's threshold. */
  crossValidation: { mcc: number; fpr: number };
  threshold: number;
}

export function selectEmbedded(train: readonly FeaturizedRecord[], set: FeatureSet, options: SelectOptions = {}, log: (msg: string) => void = () => {}): Selection {
  const k = options.folds ?? 5;
  const folds = groupedFolds(train.map((r) => r.record), k, options.seed ?? 1);
  let best: (Omit<Selection, "model"> & { calibration: { a: number; b: number } }) | undefined;
  for (const l2 of options.l2 ?? [3e-3, 1e-2, 3e-2]) {
    const logits = new Array<number>(train.length);
    for (let fold = 0; fold < k; fold++) {
      const model = fitEmbedded(train.filter((_, i) => folds[i] !== fold), set, { ...options, l2 });
      train.forEach((r, i) => {
        if (folds[i] === fold) logits[i] = binaryLogit(model, r.features);
      });
    }
    // Platt on out-of-fold scores: the in-sample scores of the final fit would be overconfident.
    const platt = fitPlatt(logits, train.map((r) => r.record.cwe !== null));
    const calibration = { a: round(platt.a), b: round(platt.b) };
    const probabilities = logits.map((x) => 1 / (1 + Math.exp(-(calibration.a * x + calibration.b))));
    const { threshold, mcc, fpr } = operatingPoint(train, set, probabilities, options.maxFpr);
    log(`l2=${l2}: out-of-fold MCC ${mcc.toFixed(3)}, FPR ${fpr.toFixed(3)} at threshold ${threshold}`);
    if (!best || mcc > best.crossValidation.mcc) best = { l2, calibration, threshold, crossValidation: { mcc, fpr } };
  }
  const { l2, calibration, threshold, crossValidation } = best!;
  const model = fitEmbedded(train, set, { ...options, l2 });
  model.calibration = calibration;
  model.threshold = threshold;
  return { model, l2, threshold, crossValidation };
}

/**
 * The threshold on calibrated out-of-fold probabilities: 0.5 without `maxFpr`; with it, the best-MCC threshold
 * among those whose false-positive rate stays at or below `maxFpr` (candidates: the observed probabilities).
 */
function operatingPoint(train: readonly FeaturizedRecord[], set: FeatureSet, probabilities: number[], maxFpr?: number): { threshold: number; mcc: number; fpr: number } {
  const at = (threshold: number) => {
    const m = binaryMetrics(
      train.map((r, i) => ({ gold: { cwe: r.record.cwe }, pred: { vulnerable: probabilities[i] >= threshold && hasEvidence(set, r.view), cwe: null } })),
    );
    return { threshold, mcc: m.mcc, fpr: m.fpr };
  };
  if (maxFpr === undefined) return at(0.5);
  let best = at(1);
  for (const p of new Set(probabilities.map(round))) {
    const point = at(p);
    if (point.fpr <= maxFpr && point.mcc > best.mcc) best = point;
  }
  return best;
}
