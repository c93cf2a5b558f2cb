// The shipped datasets (issue #3 item 4): built from data/src, valid, parsing, leak-free, paired, big enough.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STUDY_CWES, TARGET_CWES } from "../../src/cwe/entries.js";
import { dedupeFiles } from "../../src/data/dedupe.js";
import { SyntaxChecker } from "../../src/data/generate/SyntaxChecker.js";
import { loadJsonl } from "../../src/data/jsonl.js";
import { findHelperLeaks, findLabelLeaks, formatLabelLeak } from "../../src/data/leakage.js";
import { DatasetRecordSchema, type DatasetRecord } from "../../src/data/record.js";
import { computeStats } from "../../src/data/stats.js";
import { validateFiles } from "../../src/data/validate.js";
import { cli, ROOT } from "../helpers/cli.js";

const FILES = ["python/train.jsonl", "python/val.jsonl", "python/test.jsonl", "javascript/test.jsonl"];
const committed = FILES.map((f) => join(ROOT, "data", f));
const MINIMUM = {
  python: { pairsPerCwe: 20, records: 800 },
  javascript: { pairsPerCwe: 10, records: 400 },
} as const;
const HARD_NEGATIVES_PER_CWE = 3;
/** The breadth targets (issue #15): fewer pairs each, in both languages. */
const BREADTH_CWES = TARGET_CWES.filter((cwe) => !STUDY_CWES.includes(cwe));
const BREADTH_MINIMUM = { python: 12, javascript: 6 } as const;
const BREADTH_HARD_NEGATIVES_PER_CWE = 2;

const byFile = new Map<string, DatasetRecord[]>();
const all: DatasetRecord[] = [];
let built: string;

beforeAll(async () => {
  built = mkdtempSync(join(tmpdir(), "cwescope-datasets-"));
  const r = await cli(["--quiet", "data", "build", "--src", join(ROOT, "data/src"), "--out", built]);
  expect(r.code).toBe(0);
  for (const file of committed) {
    const records = await loadJsonl(file, DatasetRecordSchema);
    byFile.set(file, records);
    all.push(...records);
  }
});

describe("the committed datasets", () => {
  it("are exactly what `data build` makes from data/src (edit the YAML, rebuild, commit both)", () => {
    const stale = FILES.filter((f) => readFileSync(join(built, f), "utf8") !== readFileSync(join(ROOT, "data", f), "utf8"));
    expect(stale, `stale JSONL, run \`cwescope data build\`: ${stale.join(", ")}`).toEqual([]);
    expect(readdirSync(join(ROOT, "data/javascript")).filter((f) => f.endsWith(".jsonl"))).toEqual(["test.jsonl"]);
  });

  it("validate with no problem (`data validate data/*/*.jsonl` exits 0)", async () => {
    const { problems, records } = await validateFiles(committed);
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
    expect(records).toBe(all.length);
    expect((await cli(["--quiet", "data", "validate", ...committed])).code).toBe(0);
  });

  it("keep every pair complete (one vulnerable, its fixed twin) inside one file", () => {
    const where = new Map<string, { files: Set<string>; vulnerable: number; fixed: number }>();
    for (const [file, records] of byFile)
      for (const r of records) {
        if (!r.pair) continue;
        const p = where.get(r.pair) ?? { files: new Set(), vulnerable: 0, fixed: 0 };
        p.files.add(file);
        if (r.cwe) p.vulnerable++;
        else p.fixed++;
        where.set(r.pair, p);
      }
    const broken = [...where].filter(([, p]) => p.files.size !== 1 || p.vulnerable !== 1 || p.fixed !== 1).map(([id]) => id);
    expect(broken).toEqual([]);
    expect(all.filter((r) => r.cwe && !r.pair).map((r) => r.id)).toEqual([]);
  });

  it("point `lines` at non-blank lines of the vulnerable code", () => {
    const bad = all.filter((r) => r.cwe).filter((r) => {
      const lines = r.code.split("\n");
      return !r.lines?.length || r.lines.some((n) => !lines[n - 1]?.trim());
    });
    expect(bad.map((r) => r.id)).toEqual([]);
  });

  it("parse: every Python snippet with python3 `ast`, every JavaScript snippet with tree-sitter", async () => {
    const syntax = await SyntaxChecker.create();
    try {
      const errors = await syntax.check(all.map((r) => ({ code: r.code, language: r.language })));
      expect(all.flatMap((r, i) => (errors[i] ? [`${r.id}: ${errors[i]}`] : []))).toEqual([]);
    } finally {
      syntax.delete();
    }
  });

  it("leak no label through names, comments or strings, nor through helpers only the fix calls", () => {
    const leaks = all.flatMap((r) => findLabelLeaks(r.code, { language: r.language }).map((l) => `${r.id} ${formatLabelLeak(l)}`));
    const pairs = new Map<string, DatasetRecord[]>();
    for (const r of all) if (r.pair) pairs.set(r.pair, [...(pairs.get(r.pair) ?? []), r]);
    for (const [id, [a, b]] of pairs) {
      const [v, f] = a.cwe ? [a, b] : [b, a];
      for (const l of findHelperLeaks(v.code, f.code, { language: v.language })) leaks.push(`${id} ${formatLabelLeak(l)}`);
    }
    expect(leaks).toEqual([]);
  });

  it("meet the per-CWE minimums in both languages", () => {
    const stats = computeStats(all);
    for (const language of ["python", "javascript"] as const) {
      const s = stats.byLanguage[language];
      const min = MINIMUM[language];
      expect(s.records, `${language} records`).toBeGreaterThanOrEqual(min.records);
      const short = STUDY_CWES.filter((cwe) => (s.perCwe[cwe]?.pairs ?? 0) < min.pairsPerCwe || (s.perCwe[cwe]?.negative ?? 0) < HARD_NEGATIVES_PER_CWE);
      expect(short, `${language}: CWEs under ${min.pairsPerCwe} pairs or ${HARD_NEGATIVES_PER_CWE} hard negatives`).toEqual([]);
      expect(s.incompletePairs).toBe(0);
    }
  });

  it("meet the breadth minimums for every new target CWE in both languages", () => {
    const stats = computeStats(all);
    for (const language of ["python", "javascript"] as const) {
      const s = stats.byLanguage[language];
      const pairs = BREADTH_MINIMUM[language];
      const short = BREADTH_CWES.filter((cwe) => (s.perCwe[cwe]?.pairs ?? 0) < pairs || (s.perCwe[cwe]?.negative ?? 0) < BREADTH_HARD_NEGATIVES_PER_CWE);
      expect(short, `${language}: CWEs under ${pairs} pairs or ${BREADTH_HARD_NEGATIVES_PER_CWE} hard negatives`).toEqual([]);
    }
  });

  it("have no near-duplicate across the four files (`data dedupe --across` is clean at 0.7)", async () => {
    const pairs = await dedupeFiles(committed, { threshold: 0.7, acrossOnly: true });
    expect(pairs.map((p) => `${p.similarity.toFixed(2)} ${p.a} ${p.b}`)).toEqual([]);
  });
});

afterAll(() => {
  if (built) rmSync(built, { recursive: true, force: true });
});
