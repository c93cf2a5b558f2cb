import { describe, expect, it } from "vitest";
import type { DatasetRecord } from "../../src/data/record.js";
import { groupedFolds } from "../../src/train/groupedFolds.js";

const records: DatasetRecord[] = [];
for (const cwe of ["CWE-89", "CWE-78", "CWE-22"]) {
  for (let p = 0; p < 10; p++) {
    const pair = `${cwe}-${p}`;
    records.push({ id: `${pair}-v`, language: "python", code: "", cwe, pair }, { id: `${pair}-f`, language: "python", code: "", cwe: null, pair });
  }
}
for (let n = 0; n < 7; n++) records.push({ id: `neg-${n}`, language: "python", code: "", cwe: null, pair: null });

describe("groupedFolds", () => {
  it("keeps twins together, deals every CWE across all folds, and is deterministic", () => {
    const folds = groupedFolds(records, 5, 3);
    expect(groupedFolds(records, 5, 3)).toEqual(folds);
    for (let i = 0; i < 60; i += 2) expect(folds[i + 1]).toBe(folds[i]);
    for (const cwe of ["CWE-89", "CWE-78", "CWE-22"]) {
      const perFold = [0, 0, 0, 0, 0];
      records.forEach((r, i) => r.cwe === cwe && perFold[folds[i]]++);
      expect(perFold).toEqual([2, 2, 2, 2, 2]);
    }
    // Records without a pair are groups of one, spread like the rest.
    expect(new Set(folds.slice(60)).size).toBeGreaterThan(1);
  });

  it("draws a different assignment for another seed", () => {
    expect(groupedFolds(records, 5, 4)).not.toEqual(groupedFolds(records, 5, 3));
  });
});
