import { describe, expect, it } from "vitest";
import { binaryFromConfusion, baselineGuesses, confusionOf, cweScores } from "../../src/eval/score.js";

describe("binary metrics", () => {
  it("match a hand-computed confusion matrix", () => {
    // tp=6 fp=2 tn=8 fn=4 → precision .75, recall .6, F1 2·.45/1.35 = 2/3, FPR .2
    const m = binaryFromConfusion({ tp: 6, fp: 2, tn: 8, fn: 4 });
    expect(m.accuracy).toBeCloseTo(0.7, 12);
    expect(m.precision).toBeCloseTo(0.75, 12);
    expect(m.recall).toBeCloseTo(0.6, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
    expect(m.fpr).toBeCloseTo(0.2, 12);
    expect(m.balanced_accuracy).toBeCloseTo(0.7, 12);
    // MCC = (48 - 8) / sqrt(8 · 10 · 10 · 12) = 40 / sqrt(9600)
    expect(m.mcc).toBeCloseTo(40 / Math.sqrt(9600), 12);
  });

  it("gives the always-vulnerable baseline F1 2p/(1+p) and MCC 0 on balanced data", () => {
    const gold = [...Array(10)].map((_, i) => ({ cwe: i < 5 ? "CWE-89" : null }));
    const m = binaryFromConfusion(confusionOf(gold, baselineGuesses(gold, "always-vulnerable")));
    expect(m.f1).toBeCloseTo(2 / 3, 12);
    expect(m.mcc).toBe(0);
    expect(m.fpr).toBe(1);
  });
});

describe("CWE scores", () => {
  it("scores exact and family matches per CWE and macro/micro", () => {
    const gold = [{ cwe: "CWE-78" }, { cwe: "CWE-78" }, { cwe: "CWE-89" }, { cwe: null }];
    const guesses = [
      { vulnerable: true, cwe: "CWE-78" }, // exact hit
      { vulnerable: true, cwe: "CWE-77" }, // family hit only (78 ⊂ 77)
      { vulnerable: true, cwe: "CWE-79" }, // miss for 89, FP for nobody's class
      { vulnerable: true, cwe: "CWE-89" }, // FP on a safe sample, attributed to 89
    ];
    const s = cweScores(gold, guesses);
    // exact: 78 tp1 fn1 fp0 → 2/3; 89 tp0 fn1 fp1 → 0 → macro 1/3
    expect(s.perCwe["CWE-78"].exact_f1).toBeCloseTo(2 / 3, 12);
    expect(s.perCwe["CWE-89"].exact_f1).toBe(0);
    expect(s.exactMacroF1).toBeCloseTo(1 / 3, 12);
    // family: 78 tp2 → 1; 89 → 0 → macro .5
    expect(s.perCwe["CWE-78"].family_f1).toBe(1);
    expect(s.familyMacroF1).toBeCloseTo(0.5, 12);
    // exact micro: tp1, fp3 (77, 79, 89-on-safe), fn2 → 2/(2+3+2)
    expect(s.exactMicroF1).toBeCloseTo(2 / 7, 12);
  });
});
