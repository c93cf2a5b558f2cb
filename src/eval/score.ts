// Scoring one model on one dataset: binary verdict metrics, CWE exact/family F1, per-CWE rows.
// Pure functions over aligned arrays of gold records and predictions.
import { sameFamily } from "../cwe/catalog.js";

export interface Gold {
  cwe: string | null;
}
export interface Guess {
  vulnerable: boolean;
  cwe: string | null;
  error?: string;
}

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface BinaryMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  mcc: number;
  balanced_accuracy: number;
  fpr: number;
}

const div = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Metrics from a confusion matrix. Undefined ratios are 0 (e.g. precision with no positive verdicts). */
export function binaryFromConfusion(c: Confusion): BinaryMetrics {
  const { tp, fp, tn, fn } = c;
  const n = tp + fp + tn + fn;
  const precision = div(tp, tp + fp);
  const recall = div(tp, tp + fn);
  const tnr = div(tn, tn + fp);
  const denom = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  return {
    accuracy: div(tp + tn, n),
    precision,
    recall,
    f1: div(2 * precision * recall, precision + recall),
    mcc: denom === 0 ? 0 : (tp * tn - fp * fn) / denom,
    balanced_accuracy: (recall + tnr) / 2,
    fpr: div(fp, fp + tn),
  };
}

export function confusionOf(gold: readonly Gold[], guesses: readonly Guess[], indices?: ArrayLike<number>): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  const n = indices ? indices.length : gold.length;
  for (let k = 0; k < n; k++) {
    const i = indices ? indices[k] : k;
    const actual = gold[i].cwe !== null;
    const said = guesses[i].vulnerable;
    if (actual && said) c.tp++;
    else if (actual) c.fn++;
    else if (said) c.fp++;
    else c.tn++;
  }
  return c;
}

export interface CweScores {
  exactMacroF1: number;
  familyMacroF1: number;
  exactMicroF1: number;
  familyMicroF1: number;
  perCwe: Record<string, { support: number; exact_f1: number; family_f1: number; recall: number }>;
}

/**
 * Multi-class CWE scores over the gold CWEs present. A sample counts as a hit for CWE c when the
 * model said vulnerable with CWE c (exact) or a CWE of c's family (family). Macro = mean over gold CWEs;
 * micro = over all vulnerable-labelled decisions (a CWE verdict on a safe sample is a false positive).
 */
export function cweScores(gold: readonly Gold[], guesses: readonly Guess[]): CweScores {
  const classes = [...new Set(gold.filter((g) => g.cwe).map((g) => g.cwe!))].sort();
  const per: CweScores["perCwe"] = {};
  const tally = (match: (a: string, b: string) => boolean) => {
    const stats = new Map(classes.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
    let tp = 0, fp = 0, fn = 0;
    gold.forEach((g, i) => {
      const p = guesses[i];
      const said = p.vulnerable && p.cwe ? p.cwe : null;
      const hit = g.cwe !== null && said !== null && match(said, g.cwe);
      if (g.cwe !== null) {
        const s = stats.get(g.cwe)!;
        if (hit) { s.tp++; tp++; } else { s.fn++; fn++; }
      }
      if (said !== null && !hit) {
        fp++;
        // Attribute the false positive to the gold class the verdict matches, if any.
        const cls = classes.find((c) => match(said, c));
        if (cls) stats.get(cls)!.fp++;
      }
    });
    const f1 = (s: { tp: number; fp: number; fn: number }) => div(2 * s.tp, 2 * s.tp + s.fp + s.fn);
    return { stats, f1, micro: div(2 * tp, 2 * tp + fp + fn) };
  };
  const exact = tally((a, b) => a === b);
  const family = tally(sameFamily);
  for (const c of classes) {
    const e = exact.stats.get(c)!;
    per[c] = { support: e.tp + e.fn, exact_f1: exact.f1(e), family_f1: family.f1(family.stats.get(c)!), recall: div(e.tp, e.tp + e.fn) };
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return {
    exactMacroF1: mean(classes.map((c) => per[c].exact_f1)),
    familyMacroF1: mean(classes.map((c) => per[c].family_f1)),
    exactMicroF1: exact.micro,
    familyMicroF1: family.micro,
    perCwe: per,
  };
}

/** Baseline verdicts: always vulnerable, the majority class, or a seeded coin flip at the positive rate. */
export function baselineGuesses(gold: readonly Gold[], kind: "always-vulnerable" | "majority" | "random", rng?: () => number): Guess[] {
  const positives = gold.filter((g) => g.cwe !== null).length;
  const rate = gold.length ? positives / gold.length : 0;
  return gold.map(() => {
    const vulnerable = kind === "always-vulnerable" ? true : kind === "majority" ? rate > 0.5 : (rng ?? Math.random)() < rate;
    return { vulnerable, cwe: null };
  });
}
