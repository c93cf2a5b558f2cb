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
}

export interface Selection {
  model: EmbeddedModel;
  l2: number;
  /** Out-of-fold figures of the chosen L2, calibrated, at the model's threshold (0.5). */
  crossValidation: { mcc: number; fpr: number };
}

export function selectEmbedded(train: readonly FeaturizedRecord[], set: FeatureSet, options: SelectOptions = {}, log: (msg: string) => void = () => {}): Selection {
  const k = options.folds ?? 5;
  const folds = groupedFolds(train.map((r) => r.record), k, options.seed ?? 1);
  let best: Omit<Selection, "model"> & { calibration: { a: number; b: number } } | undefined;
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
    const m = binaryMetrics(
      train.map((r, i) => {
        const p = 1 / (1 + Math.exp(-(calibration.a * logits[i] + calibration.b)));
        return { gold: { cwe: r.record.cwe }, pred: { vulnerable: p >= 0.5 && hasEvidence(set, r.view), cwe: null } };
      }),
    );
    log(`l2=${l2}: out-of-fold MCC ${m.mcc.toFixed(3)}, FPR ${m.fpr.toFixed(3)}`);
    if (!best || m.mcc > best.crossValidation.mcc) best = { l2, calibration, crossValidation: { mcc: m.mcc, fpr: m.fpr } };
  }
  const { l2, calibration, crossValidation } = best!;
  const model = fitEmbedded(train, set, { ...options, l2 });
  model.calibration = calibration;
  return { model, l2, crossValidation };
}
