// Detection metrics as pure functions over {gold, pred} pairs: binary confusion, CWE exact/family, baselines.
import { sameFamily } from "../cwe/catalog.js";

/** One scored sample: gold and predicted labels. `cwe` is null for "not vulnerable". */
export interface Scored {
  gold: { cwe: string | null };
  pred: { vulnerable: boolean; cwe: string | null; error?: string };
}

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface BinaryMetrics extends Confusion {
  n: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  mcc: number;
  fpr: number;
  balanced_accuracy: number;
}

/** Safe division: 0 when the denominator is 0 (a metric with no support reads as 0, never NaN). */
function div(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/**
 * The samples a model answered. A failed sample (`error`) is no verdict: every metric below is computed over
 * answered samples only, and the failed count is reported beside them, never counted as "not vulnerable".
 */
export function answered<T extends Scored>(samples: readonly T[]): T[] {
  return samples.filter((s) => s.pred.error === undefined);
}

export function confusion(samples: readonly Scored[]): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const { gold, pred } of samples) {
    if (pred.error !== undefined) continue;
    const g = gold.cwe !== null;
    const p = pred.vulnerable;
    if (g && p) c.tp++;
    else if (!g && p) c.fp++;
    else if (!g && !p) c.tn++;
    else c.fn++;
  }
  return c;
}

/** Matthews correlation coefficient; 0 when any margin is empty. */
export function mcc({ tp, fp, tn, fn }: Confusion): number {
  const den = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  return den === 0 ? 0 : (tp * tn - fp * fn) / den;
}

export function binaryMetrics(samples: readonly Scored[]): BinaryMetrics {
  const c = confusion(samples);
  const { tp, fp, tn, fn } = c;
  const precision = div(tp, tp + fp);
  const recall = div(tp, tp + fn);
  const specificity = div(tn, tn + fp);
  return {
    ...c,
    n: tp + fp + tn + fn,
    accuracy: div(tp + tn, tp + fp + tn + fn),
    precision,
    recall,
    f1: div(2 * precision * recall, precision + recall),
    mcc: mcc(c),
    fpr: div(fp, fp + tn),
    balanced_accuracy: (recall + specificity) / 2,
  };
}

/** The predicted label as a class: the CWE when flagged vulnerable (`"?"` when no CWE given), else null. */
function predictedClass(pred: Scored["pred"]): string | null {
  return pred.vulnerable ? (pred.cwe ?? "?") : null;
}

/** Exact CWE accuracy over every sample: a clean sample is right when predicted clean. */
export function cweExactAccuracy(all: readonly Scored[]): number {
  const samples = answered(all);
  return div(samples.filter((s) => predictedClass(s.pred) === s.gold.cwe).length, samples.length);
}

export interface PerCwe {
  support: number;
  predicted: number;
  tp: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * One-vs-rest scores per gold CWE. With `family`, a prediction counts as right when it is in the same
 * family as the gold id (`sameFamily`: 78 ⊂ 77, 639 ⊂ 863 ⊂ 284).
 */
export function perCwe(all: readonly Scored[], family = false): Record<string, PerCwe> {
  const samples = answered(all);
  const match = (a: string, b: string) => (family ? sameFamily(a, b) : a === b);
  const labels = [...new Set(samples.map((s) => s.gold.cwe).filter((c): c is string => c !== null))].sort();
  const out: Record<string, PerCwe> = {};
  for (const label of labels) {
    let support = 0, predicted = 0, tp = 0;
    for (const { gold, pred } of samples) {
      const p = predictedClass(pred);
      const g = gold.cwe !== null && match(gold.cwe, label);
      const hit = p !== null && match(p, label);
      if (g) support++;
      if (hit) predicted++;
      if (g && hit) tp++;
    }
    const precision = div(tp, predicted);
    const recall = div(tp, support);
    out[label] = { support, predicted, tp, precision, recall, f1: div(2 * precision * recall, precision + recall) };
  }
  return out;
}

/** Macro F1 over the gold CWEs present. */
export function cweMacroF1(samples: readonly Scored[], family = false): number {
  const rows = Object.values(perCwe(samples, family));
  return div(rows.reduce((a, r) => a + r.f1, 0), rows.length);
}

/** Micro F1 over vulnerable samples: a true positive needs the right CWE (or family). */
export function cweMicroF1(samples: readonly Scored[], family = false): number {
  let tp = 0, predicted = 0, support = 0;
  for (const { gold, pred } of answered(samples)) {
    const p = predictedClass(pred);
    if (gold.cwe !== null) support++;
    if (p !== null) predicted++;
    if (gold.cwe !== null && p !== null && (family ? sameFamily(p, gold.cwe) : p === gold.cwe)) tp++;
  }
  const precision = div(tp, predicted);
  const recall = div(tp, support);
  return div(2 * precision * recall, precision + recall);
}

export interface DetectionMetrics extends BinaryMetrics {
  cwe_exact_accuracy: number;
  cwe_exact_macro_f1: number;
  cwe_family_macro_f1: number;
  cwe_exact_micro_f1: number;
  /** Samples whose prediction carries `error`: left out of every metric above (`n` counts answered samples). */
  failed: number;
  /** `failed` over all samples (0 when there are none). */
  failure_rate: number;
}

/** Everything `cwescope eval` prints for one model on one dataset. */
export function detectionMetrics(samples: readonly Scored[]): DetectionMetrics {
  return {
    ...binaryMetrics(samples),
    cwe_exact_accuracy: cweExactAccuracy(samples),
    cwe_exact_macro_f1: cweMacroF1(samples),
    cwe_family_macro_f1: cweMacroF1(samples, true),
    cwe_exact_micro_f1: cweMicroF1(samples),
    ...failures(samples),
  };
}

/** Failed samples and their share of all samples. */
export function failures(samples: readonly Scored[]): { failed: number; failure_rate: number } {
  const failed = samples.length - answered(samples).length;
  return { failed, failure_rate: div(failed, samples.length) };
}

/** The "flag everything" baseline: every sample vulnerable, with the most common gold CWE. */
export function alwaysVulnerable(golds: readonly Scored["gold"][]): Scored[] {
  const cwe = majorityCwe(golds);
  return golds.map((gold) => ({ gold, pred: { vulnerable: true, cwe } }));
}

/** A seeded coin flip at the dataset's positive rate: what chance alone scores. */
export function randomBaseline(golds: readonly Scored["gold"][], rng: () => number): Scored[] {
  const rate = div(golds.filter((g) => g.cwe !== null).length, golds.length);
  return golds.map((gold) => ({ gold, pred: { vulnerable: rng() < rate, cwe: null } }));
}

/** The majority-class baseline: every sample gets the most common gold label (clean or a CWE). */
export function majorityBaseline(golds: readonly Scored["gold"][]): Scored[] {
  const vulnerable = golds.filter((g) => g.cwe !== null).length;
  const cwe = vulnerable * 2 > golds.length ? majorityCwe(golds) : null;
  return golds.map((gold) => ({ gold, pred: { vulnerable: cwe !== null, cwe } }));
}

function majorityCwe(golds: readonly Scored["gold"][]): string | null {
  const counts = new Map<string, number>();
  for (const g of golds) if (g.cwe) counts.set(g.cwe, (counts.get(g.cwe) ?? 0) + 1);
  let best: string | null = null;
  for (const [cwe, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (best === null || n > counts.get(best)!) best = cwe;
  return best;
}
