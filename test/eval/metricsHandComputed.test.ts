import { describe, expect, it } from "vitest";
import { alwaysVulnerable, binaryMetrics, cweMacroF1, cweMicroF1, perCwe, type Scored } from "../../src/eval/metrics.js";

const fromConfusion = (c: { tp: number; fp: number; tn: number; fn: number }) => {
  const samples: Scored[] = [];
  const push = (n: number, gold: string | null, vulnerable: boolean) => {
    for (let i = 0; i < n; i++) samples.push({ gold: { cwe: gold }, pred: { vulnerable, cwe: null } });
  };
  push(c.tp, "CWE-89", true);
  push(c.fn, "CWE-89", false);
  push(c.fp, null, true);
  push(c.tn, null, false);
  return binaryMetrics(samples);
};

describe("binary metrics", () => {
  it("match a hand-computed confusion matrix", () => {
    // tp=6 fp=2 tn=8 fn=4 → precision .75, recall .6, F1 2·.45/1.35 = 2/3, FPR .2
    const m = fromConfusion({ tp: 6, fp: 2, tn: 8, fn: 4 });
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
    const m = binaryMetrics(alwaysVulnerable(gold));
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
    const s: Scored[] = gold.map((g, i) => ({ gold: g, pred: guesses[i] }));
    // exact: 78 tp1 fn1 fp0 → 2/3; 89 tp0 fn1 fp1 → 0 → macro 1/3
    expect(perCwe(s)["CWE-78"].f1).toBeCloseTo(2 / 3, 12);
    expect(perCwe(s)["CWE-89"].f1).toBe(0);
    expect(cweMacroF1(s)).toBeCloseTo(1 / 3, 12);
    // family: 78 tp2 → 1; 89 → 0 → macro .5
    expect(perCwe(s, true)["CWE-78"].f1).toBe(1);
    expect(cweMacroF1(s, true)).toBeCloseTo(0.5, 12);
    // exact micro: tp1, 4 CWE verdicts, 3 vulnerable → P 1/4, R 1/3 → F1 2/7
    expect(cweMicroF1(s)).toBeCloseTo(2 / 7, 12);
  });
});
