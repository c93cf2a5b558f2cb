// Failed samples are not negatives: metrics over answered samples, the failed count and rate beside them,
// and a result above the failure limit is incomplete (exit 2).
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectionMetrics, type Scored } from "../../src/eval/metrics.js";
import { cli } from "../helpers/cli.js";
import { startFaultServer, type FaultServer } from "../helpers/faultServer.js";

const failedPred = { vulnerable: false, cwe: null, error: "http_500: down" };

describe("metrics over answered samples", () => {
  it("leaves failed samples out of the confusion and reports them beside it", () => {
    const samples: Scored[] = [
      { gold: { cwe: "CWE-89" }, pred: { vulnerable: true, cwe: "CWE-89" } },
      { gold: { cwe: null }, pred: { vulnerable: true, cwe: "CWE-89" } },
      ...Array.from({ length: 8 }, (): Scored => ({ gold: { cwe: null }, pred: failedPred })),
      ...Array.from({ length: 2 }, (): Scored => ({ gold: { cwe: "CWE-78" }, pred: failedPred })),
    ];
    const m = detectionMetrics(samples);
    expect({ n: m.n, tp: m.tp, fp: m.fp, tn: m.tn, fn: m.fn }).toEqual({ n: 2, tp: 1, fp: 1, tn: 0, fn: 0 });
    // Counted as negatives, the 8 failed clean samples would read as FPR 1/9 and the failed CWE-78 as misses.
    expect(m.fpr).toBe(1);
    expect(m.recall).toBe(1);
    expect(m.failed).toBe(10);
    expect(m.failure_rate).toBeCloseTo(10 / 12, 10);
    expect(m.cwe_exact_accuracy).toBe(0.5);
  });
});

let dir: string;
let py: string;
let js: string;
let server: FaultServer;
const marker = (body: Record<string, any> | undefined) => /rec-(\d+)/.exec(JSON.stringify(body?.messages ?? ""))?.[1];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cwescope-failures-"));
  const rows = (language: string, n: number) =>
    Array.from({ length: n }, (_, i) => JSON.stringify({ id: `${language}-${i}`, language, code: `# rec-${i}\nx = ${i}\n`, cwe: i % 2 ? "CWE-89" : null })).join("\n") + "\n";
  py = join(dir, "py.jsonl");
  js = join(dir, "js.jsonl");
  await writeFile(py, rows("python", 20));
  await writeFile(js, rows("javascript", 20));
  // The preflight passes; record 0 fails always; with `failAll` every record fails.
  server = await startFaultServer({ faults: (_n, body) => (marker(body) === undefined ? "ok" : failAll || marker(body) === "0" ? "error-400" : "ok") });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});
let failAll = false;

describe("eval and experiment with failing samples", () => {
  it("experiment against a server failing every request: incomplete, exit 2, no FPR 0 and no gap of 0 [0, 0]", async () => {
    failAll = true;
    const spec = join(dir, "all-fail.yaml");
    await writeFile(
      spec,
      [
        "name: all-fail",
        "models:",
        `  - {id: "openai:fault-model", name: down, base_url: "${server.url}", options: {maxRetries: 0}}`,
        "datasets:",
        `  - {name: py, path: "${py}", language: python}`,
        `  - {name: js, path: "${js}", language: javascript}`,
        "metrics: {bootstrap: 20}",
        "latency: {warmup: 0, samples: 0, throughput_samples: 0}",
        "",
      ].join("\n"),
    );
    const out = join(dir, "run-all-fail");
    const r = await cli(["experiment", spec, "--out", out]);
    failAll = false;
    expect(r.code).toBe(2);
    const report = JSON.parse(await readFile(join(out, "report.json"), "utf8"));
    for (const row of report.results) {
      expect(row.metrics).toMatchObject({ failed: 20, failure_rate: 1, incomplete: true, tp: 0, fp: 0, tn: 0, fn: 0 });
      expect(row.metrics.f1_ci).toEqual([null, null]);
    }
    expect(report.gaps[0]).toMatchObject({ incomplete: true, f1_gap_ci: [null, null] });
    expect(await readFile(join(out, "report.md"), "utf8")).toMatch(/\| 20 INCOMPLETE \|/);
  }, 60_000);

  it("eval: 1 of 20 failed is within the 5 % default (exit 0); above --max-failure-rate it is incomplete (exit 2)", async () => {
    const args = ["eval", "--model", "openai:fault-model", "--base-url", server.url, "--data", py, "--latency-samples", "0", "--format", "json"];
    const within = await cli(args);
    expect(within.code).toBe(0);
    expect(JSON.parse(within.stdout).metrics).toMatchObject({ n: 19, failed: 1, failure_rate: 0.05 });
    const above = await cli([...args, "--max-failure-rate", "0.01"]);
    expect(above.code).toBe(2);
    expect((await cli([...args, "--max-failure-rate", "2"])).code).toBe(2);
  }, 60_000);
});
