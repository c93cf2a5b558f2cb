import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatasetRecord } from "../../src/data/record.js";
import { UnitSplitter } from "../../src/lang/index.js";
import { candidatePairs, DOWN_WEIGHT, labelCandidates } from "../../src/train/candidateLabels.js";
import { featurizeRecords, type FeaturizedRecord } from "../../src/train/featurizeRecords.js";

let splitter: UnitSplitter;
beforeAll(async () => {
  splitter = await UnitSplitter.create();
});
afterAll(() => splitter.delete());

const VULN = ["import os, pickle", "def f(v, blob):", '    os.system("ping " + v)', "    return pickle.loads(blob)", ""].join("\n");
const FIXED = ["import os, pickle", "def f(v, blob):", '    os.system("ping localhost")', "    return pickle.loads(blob)", ""].join("\n");

function records(vulnLines: number[] | undefined): FeaturizedRecord[] {
  const rs: DatasetRecord[] = [
    { id: "p-v", language: "python", code: VULN, cwe: "CWE-78", pair: "p", ...(vulnLines ? { lines: vulnLines } : {}) },
    { id: "p-f", language: "python", code: FIXED, cwe: null, pair: "p" },
  ];
  return featurizeRecords(rs, "view", splitter);
}

const concept = (rs: FeaturizedRecord[], record: number, candidate: number) => rs[record].candidates[candidate].hit!.concept;

describe("candidate labels", () => {
  it("the candidate on the gold lines is the positive; the vulnerable record's others follow the treatment; a fix's are negatives", () => {
    const rs = records([3]);
    const labels = (others: "negative" | "down" | "omit") =>
      labelCandidates(rs, others).map((l) => [l.record, concept(rs, l.record, l.candidate), l.label, l.weight]);
    expect(labels("negative")).toEqual([[0, "shell", 1, 1], [0, "deserialize", 0, 1], [1, "shell", 0, 1], [1, "deserialize", 0, 1]]);
    expect(labels("down")).toContainEqual([0, "deserialize", 0, DOWN_WEIGHT]);
    expect(labels("omit").filter((l) => l[0] === 0)).toEqual([[0, "shell", 1, 1]]);
  });

  it("without gold lines on a sink, the CWE's family locates it; a record nothing locates is omitted or spread", () => {
    const byFamily = records(undefined);
    expect(labelCandidates(byFamily, "omit").filter((l) => l.label === 1).map((l) => concept(byFamily, l.record, l.candidate))).toEqual(["shell"]);
    const lost = featurizeRecords([{ id: "x", language: "python", code: "import pickle\ndef f(b):\n    return pickle.loads(b)\n", cwe: "CWE-78", lines: [1] }], "view", splitter);
    expect(labelCandidates(lost, "omit")).toEqual([]);
    expect(labelCandidates(lost, "omit", "spread")).toEqual([{ record: 0, candidate: 0, label: 1, weight: 1 }]);
  });

  it("ranks the vulnerable twin's weakness above the same sink in its fix, not above other sinks", () => {
    const rs = records([3]);
    const labeled = labelCandidates(rs, "negative");
    const pairs = candidatePairs(rs, labeled).map(([v, f]) => [labeled[v], labeled[f]].map((l) => `${l.record}:${concept(rs, l.record, l.candidate)}`));
    expect(pairs).toEqual([["0:shell", "1:shell"]]);
  });
});
