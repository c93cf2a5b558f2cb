// The study end to end: experiments/llama31-8b-vs-70b.yaml with its endpoints pointed at two `cwescope
// serve` instances backed by two tiny GGUF models of different sizes, then SIGKILL midway and resume.
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExperimentReport } from "../../src/eval/reportTypes.js";
import { writeTinyGguf } from "../helpers/tinyGguf.js";
import { runBin, startBin } from "../helpers/runBin.js";
import { CHROMIUM, checkPage, launchChromium } from "../helpers/chromium.js";

const LIMIT = "4";
// Short latency passes keep the test quick; the study itself times 50 samples per model and dataset.
// Random-weight models answer gibberish now and then: an unparsable answer is a failed sample (issue #17), never a
// guess. The smoke run accepts any failure rate; the rows still count their failures.
const SMOKE = ["--limit", LIMIT, "--warmup", "1", "--latency-samples", "3", "--throughput-samples", "2", "--max-failure-rate", "1"];
let dir: string;
const servers: ChildProcess[] = [];
let env: NodeJS.ProcessEnv;

async function serve(gguf: string, name: string): Promise<string> {
  const { child } = startBin(["serve", "--model", `llamacpp:${gguf}`, "--port", "0", "--name", name, "--threads", "1"]);
  servers.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += String(d);
      const url = /(http:\/\/127\.0\.0\.1:\d+\S*)/.exec(out)?.[1];
      if (url) resolve(url.endsWith("/v1") ? url : `${url.replace(/\/$/, "")}/v1`);
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cwescope-study-"));
  const small = await writeTinyGguf(join(dir, "small.gguf"), { seed: 1, layers: 1 });
  const large = await writeTinyGguf(join(dir, "large.gguf"), { seed: 2, layers: 2, embedding: 64 });
  const [url8, url70] = await Promise.all([serve(small.path, "tiny-8b"), serve(large.path, "tiny-70b")]);
  env = { CWESCOPE_8B_URL: url8, CWESCOPE_70B_URL: url70, CWESCOPE_8B_MODEL: "tiny-8b", CWESCOPE_70B_MODEL: "tiny-70b" };
}, 120_000);

afterAll(async () => {
  for (const s of servers) s.kill("SIGTERM");
  await rm(dir, { recursive: true, force: true });
});

const spec = "experiments/llama31-8b-vs-70b.yaml";
const read = (out: string): ExperimentReport => JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
/** Everything in a report that does not depend on timing. */
const quality = (r: ExperimentReport) => ({
  results: r.results.map((x) => ({ model: x.model, dataset: x.dataset, n: x.n, metrics: x.metrics, per_cwe: x.per_cwe })),
  comparisons: r.comparisons,
  baselines: r.baselines,
  gaps: r.gaps,
});

describe("the 8B vs 70B study against two cwescope serve instances", () => {
  it("runs end to end and writes all three reports with latency percentiles and McNemar results", async () => {
    const out = join(dir, "run");
    const r = await runBin(["experiment", spec, "--out", out, ...SMOKE], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/skipping optional model openai:\$\{CWESCOPE_8B_ADAPTER\}/);
    expect(r.stdout).toContain("| llama-3.1-70b zero-shot | javascript-test |");
    const report = read(out);
    expect(report.results.map((x) => `${x.model}/${x.dataset}`)).toEqual([
      "embedded/python-test", "embedded/javascript-test",
      "llama-3.1-8b zero-shot/python-test", "llama-3.1-8b zero-shot/javascript-test",
      "llama-3.1-70b zero-shot/python-test", "llama-3.1-70b zero-shot/javascript-test",
    ]);
    for (const x of report.results) {
      expect(x.n).toBe(Number(LIMIT));
      // The embedded model never fails; a random-weight model's unparsable answers are counted, never guessed.
      if (x.model === "embedded") expect(x.metrics.failed).toBe(0);
      expect(x.metrics.failed).toBeLessThan(x.n);
      expect(x.latency.p50_ms).toBeGreaterThan(0);
      expect(x.latency.p99_ms).toBeGreaterThanOrEqual(x.latency.p50_ms);
    }
    const llm = report.results.filter((x) => x.model.startsWith("llama"));
    for (const x of llm) {
      expect(x.latency.measured_on.backend).toBe("openai");
      expect(x.latency.ttft_p50_ms).toBeGreaterThan(0);
    }
    // Two different models: their digests differ.
    const digests = report.manifest.models.map((m) => m.digest);
    expect(new Set(digests).size).toBe(3);
    expect(report.comparisons).toHaveLength(2 * 3);
    for (const c of report.comparisons) expect(c.mcnemar.p).toBeGreaterThan(0);
    expect(report.gaps.map((g) => g.model)).toEqual(["embedded", "llama-3.1-8b zero-shot", "llama-3.1-70b zero-shot"]);
    expect(readFileSync(join(out, "report.md"), "utf8")).toMatch(/McNemar/);
    if (CHROMIUM) {
      const browser = await launchChromium();
      try {
        const page = await checkPage(browser, join(out, "report.html"));
        expect(page.consoleErrors).toEqual([]);
        expect(page.marks.f1).toBeGreaterThan(0);
        expect(page.marks.latency).toBe(6);
      } finally {
        await browser.close();
      }
    }
  }, 300_000);

  it("after SIGKILL midway, rerunning gives the same numbers with no duplicate work", async () => {
    const out = join(dir, "killed");
    const { child, done } = startBin(["experiment", spec, "--out", out, ...SMOKE], { env });
    const cache = join(out, "cache.sqlite");
    const rows = () => {
      if (!existsSync(cache)) return 0;
      try {
        const db = new Database(cache, { readonly: true, fileMustExist: true });
        try {
          return (db.prepare("SELECT count(*) AS n FROM predictions").get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return 0;
      }
    };
    // Kill once the embedded rows and part of the first language model's rows are in.
    const target = 2 * Number(LIMIT) + 3;
    while (rows() < target) {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill("SIGKILL");
    await done;
    const before = rows();
    expect(before).toBeGreaterThanOrEqual(target);
    expect(before).toBeLessThan(6 * Number(LIMIT));
    const r = await runBin(["experiment", spec, "--out", out, ...SMOKE], { env });
    expect(r.code, r.stderr).toBe(0);
    const resumed = read(out);
    expect(resumed.results.reduce((a, x) => a + x.cached, 0)).toBe(before);
    expect(resumed.results.reduce((a, x) => a + x.computed, 0)).toBe(6 * Number(LIMIT) - before);
    // Failed answers are never cached: they are asked again on every run.
    const failed = resumed.results.reduce((a, x) => a + x.metrics.failed, 0);
    expect(rows()).toBe(6 * Number(LIMIT) - failed);
    expect(quality(resumed)).toEqual(quality(read(join(dir, "run"))));
  }, 300_000);
});
