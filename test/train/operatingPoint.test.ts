// The operating point: lowest threshold within one standard error of the best out-of-fold MCC, FPR within its cap.
import { describe, expect, it } from "vitest";
import { operatingPoint } from "../../src/train/selectEmbedded.js";
import type { FeaturizedRecord } from "../../src/train/featurizeRecords.js";

/** Records with a gold label and a calibrated score (`undefined`: no candidate). */
function set(rows: [boolean, number | undefined][]) {
  const train = rows.map(([vulnerable], i) => ({ record: { id: `r${i}`, cwe: vulnerable ? "CWE-89" : null } }) as unknown as FeaturizedRecord);
  return { train, probabilities: rows.map(([, p]) => p) };
}

describe("operatingPoint", () => {
  it("takes the lower of two cuts whose MCC differs by less than a standard error, and keeps FPR under the cap", () => {
    // 200 records: a cut at 0.8 finds 40 of 100 with 1 false alarm (MCC 0.483); one at 0.4 finds 60 with 14
    // (MCC 0.476, within one standard error, 0.062); below that every record is flagged.
    const rows: [boolean, number][] = [
      ...Array.from({ length: 40 }, () => [true, 0.9] as [boolean, number]),
      ...Array.from({ length: 20 }, () => [true, 0.7] as [boolean, number]),
      ...Array.from({ length: 40 }, () => [true, 0.1] as [boolean, number]),
      ...Array.from({ length: 1 }, () => [false, 0.9] as [boolean, number]),
      ...Array.from({ length: 13 }, () => [false, 0.7] as [boolean, number]),
      ...Array.from({ length: 86 }, () => [false, 0.1] as [boolean, number]),
    ];
    const { train, probabilities } = set(rows);
    const point = operatingPoint(train, probabilities, 0.2);
    expect(point.threshold).toBeCloseTo(0.4, 5);
    expect(point.fpr).toBeCloseTo(0.14, 5);
    // A cap that the lower cut breaks keeps the higher one.
    expect(operatingPoint(train, probabilities, 0.1).threshold).toBeCloseTo(0.8, 5);
  });

  it("does not trade a clearly better MCC for recall", () => {
    // The lower cut adds 10 true and 30 false alarms: far more than one standard error worse.
    const rows: [boolean, number][] = [
      ...Array.from({ length: 60 }, () => [true, 0.9] as [boolean, number]),
      ...Array.from({ length: 10 }, () => [true, 0.5] as [boolean, number]),
      ...Array.from({ length: 30 }, () => [true, 0.1] as [boolean, number]),
      ...Array.from({ length: 30 }, () => [false, 0.5] as [boolean, number]),
      ...Array.from({ length: 70 }, () => [false, 0.1] as [boolean, number]),
    ];
    const { train, probabilities } = set(rows);
    expect(operatingPoint(train, probabilities, 0.5).threshold).toBeGreaterThan(0.5);
  });
});
