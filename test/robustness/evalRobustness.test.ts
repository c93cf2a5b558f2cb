// `cwescope eval --robustness`: the flip table per edit kind, beside accuracy, in text and JSON.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadJsonl } from "../../src/data/jsonl.js";
import { DatasetRecordSchema } from "../../src/data/record.js";
import { EDIT_KINDS } from "../../src/eval/robustness/index.js";
import { cli } from "../helpers/cli.js";

let dir: string;
let data: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cwescope-evalrob-"));
  const py = (await loadJsonl("data/python/test.jsonl", DatasetRecordSchema)).slice(0, 12);
  const js = (await loadJsonl("data/javascript/test.jsonl", DatasetRecordSchema)).slice(0, 12);
  data = join(dir, "mixed.jsonl");
  await writeFile(data, [...py, ...js].map((r) => JSON.stringify(r)).join("\n") + "\n");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("eval --robustness", () => {
  it("prints edit kind × n, flips, flip rate and accuracy", async () => {
    const r = await cli(["eval", "--model", "embedded", "--data", data, "--robustness"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/robustness of embedded/);
    expect(r.stdout).toMatch(/edit\s+n\s+flips\s+flip rate\s+→safe\/→vuln\s+acc original\s+acc edited/);
    for (const kind of [...EDIT_KINDS, "all"]) expect(r.stdout).toMatch(new RegExp(`^${kind}\\s+\\d+\\s+\\d+\\s+\\d+\\.\\d%`, "m"));
  });

  it("adds the rows to --format json, and the same seed gives the same figures", async () => {
    const run = async () => JSON.parse((await cli(["eval", "--model", "embedded", "--data", data, "--robustness", "--seed", "4", "--format", "json"])).stdout);
    const a = await run();
    const b = await run();
    expect(a.robustness).toEqual(b.robustness);
    expect(a.robustness.seed).toBe(4);
    const all = a.robustness.rows.find((row: { edit: string }) => row.edit === "all");
    expect(all.n).toBe(a.robustness.rows.filter((row: { edit: string }) => row.edit !== "all").reduce((s: number, row: { n: number }) => s + row.n, 0));
    expect(all.n).toBeGreaterThan(24 * 3);
    // Accuracy on the originals matches the main metrics' accuracy when every record was edited.
    expect(a.robustness.rows.find((row: { edit: string }) => row.edit === "safety-comment").accuracy_original).toBeCloseTo(a.metrics.accuracy ?? (a.metrics.tp + a.metrics.tn) / a.metrics.n, 6);
  });
});
