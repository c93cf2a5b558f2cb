// Per-family scores in report.json: gold and predicted CWEs mapped to their family head, with the family's n.
import { describe, expect, it } from "vitest";
import { perFamily } from "../../src/eval/runExperiment.js";
import type { Scored } from "../../src/eval/metrics.js";

const s = (gold: string | null, pred: string | null, error?: string): Scored => ({ gold: { cwe: gold }, pred: { vulnerable: pred !== null, cwe: pred, ...(error ? { error } : {}) } });

describe("perFamily", () => {
  it("scores a family over all its CWEs and counts the samples in it", () => {
    const rows = perFamily([
      s("CWE-78", "CWE-77"), // right family, wrong CWE: a hit
      s("CWE-77", "CWE-78"), // a hit
      s("CWE-78", null), // missed
      s(null, "CWE-78"), // false alarm in the family
      s("CWE-89", "CWE-89"),
      s("CWE-639", "CWE-863"), // both under CWE-284
      s(null, null),
    ]);
    expect(Object.keys(rows).sort()).toEqual(["CWE-284", "CWE-77", "CWE-943"]);
    expect(rows["CWE-77"]).toEqual({ support: 3, f1: expect.closeTo(2 / 3, 9), recall: expect.closeTo(2 / 3, 9), members: ["CWE-77", "CWE-78"] });
    expect(rows["CWE-284"]).toMatchObject({ support: 1, f1: 1, members: ["CWE-639"] });
    expect(rows["CWE-943"]).toMatchObject({ support: 1, f1: 1, members: ["CWE-89"] });
  });

  it("is empty when no sample has a gold CWE", () => {
    expect(perFamily([s(null, "CWE-79"), s(null, null)])).toEqual({});
  });
});
