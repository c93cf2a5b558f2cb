import { describe, expect, it } from "vitest";
import {
  alwaysVulnerable,
  binaryMetrics,
  confusion,
  cweExactAccuracy,
  cweMacroF1,
  cweMicroF1,
  detectionMetrics,
  majorityBaseline,
  mcc,
  perCwe,
  type Scored,
} from "../../src/eval/metrics.js";

const s = (gold: string | null, vulnerable: boolean, cwe: string | null = null, error?: string): Scored => ({
  gold: { cwe: gold },
  pred: { vulnerable, cwe, ...(error ? { error } : {}) },
});

// 3 TP (two right CWE, one family match 78→77), 1 FN, 1 FP, 2 TN, and one failed sample (no verdict: left out).
const samples: Scored[] = [
  s("CWE-89", true, "CWE-89"),
  s("CWE-79", true, "CWE-79"),
  s("CWE-78", true, "CWE-77"),
  s("CWE-22", false),
  s(null, true, "CWE-89"),
  s(null, false),
  s(null, false),
  s(null, false, null, "timeout: 30 s"),
];

describe("binary metrics", () => {
  it("computes the confusion matrix and the derived rates by hand", () => {
    expect(confusion(samples)).toEqual({ tp: 3, fp: 1, tn: 2, fn: 1 });
    const m = binaryMetrics(samples);
    expect(m.n).toBe(7);
    expect(m.precision).toBeCloseTo(0.75);
    expect(m.recall).toBeCloseTo(0.75);
    expect(m.f1).toBeCloseTo(0.75);
    expect(m.accuracy).toBeCloseTo(5 / 7);
    expect(m.fpr).toBeCloseTo(1 / 3);
    expect(m.balanced_accuracy).toBeCloseTo((0.75 + 2 / 3) / 2);
    // (3·2 − 1·1) / sqrt(4·4·3·3) = 5/12
    expect(m.mcc).toBeCloseTo(5 / 12);
  });

  it("returns 0, never NaN, when a margin is empty", () => {
    expect(mcc({ tp: 5, fp: 5, tn: 0, fn: 0 })).toBe(0);
    const m = binaryMetrics([s(null, false), s(null, false)]);
    expect([m.precision, m.recall, m.f1, m.mcc]).toEqual([0, 0, 0, 0]);
  });
});

describe("CWE metrics", () => {
  it("scores exact and family matches", () => {
    // right: 89, 79, and the two answered clean samples predicted clean, of 7 answered
    expect(cweExactAccuracy(samples)).toBeCloseTo(4 / 7);
    const exact = perCwe(samples);
    expect(exact["CWE-89"]).toMatchObject({ support: 1, predicted: 2, tp: 1, precision: 0.5, recall: 1 });
    expect(exact["CWE-78"]).toMatchObject({ support: 1, predicted: 0, tp: 0, f1: 0 });
    const family = perCwe(samples, true);
    expect(family["CWE-78"]).toMatchObject({ tp: 1, recall: 1 });
    // exact macro over 89 (2/3), 79 (1), 78 (0), 22 (0)
    expect(cweMacroF1(samples)).toBeCloseTo((2 / 3 + 1) / 4);
    expect(cweMacroF1(samples, true)).toBeGreaterThan(cweMacroF1(samples));
    // micro exact: tp 2 of 4 predicted and 4 gold
    expect(cweMicroF1(samples)).toBeCloseTo(0.5);
  });

  it("counts failed samples", () => {
    expect(detectionMetrics(samples)).toMatchObject({ failed: 1, failure_rate: 1 / 8, n: 7 });
  });
});

describe("baselines", () => {
  const golds = [{ cwe: "CWE-89" }, { cwe: "CWE-89" }, { cwe: "CWE-79" }, { cwe: null }];
  it("always-vulnerable flags everything with the commonest CWE", () => {
    const base = alwaysVulnerable(golds);
    expect(base.every((b) => b.pred.vulnerable && b.pred.cwe === "CWE-89")).toBe(true);
    const m = binaryMetrics(base);
    expect(m.recall).toBe(1);
    expect(m.fpr).toBe(1);
    expect(m.mcc).toBe(0);
  });

  it("majority follows the commoner side", () => {
    expect(majorityBaseline(golds)[0].pred).toEqual({ vulnerable: true, cwe: "CWE-89" });
    expect(majorityBaseline([{ cwe: null }, { cwe: null }, { cwe: "CWE-1" }])[0].pred).toEqual({ vulnerable: false, cwe: null });
  });
});
