import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { ExperimentReport, ModelDatasetResult } from "../../src/eval/reportTypes.js";
import { writeReports } from "../../src/cli/commands/experiment.js";
import { checkPage, CHROMIUM, launchChromium } from "../helpers/chromium.js";

function result(model: string, dataset: string, f1: number, mcc: number): ModelDatasetResult {
  return {
    model, model_id: model === "embedded" ? "embedded" : `openai:${model}`, dataset, language: dataset.startsWith("py") ? "python" : "javascript", n: 100,
    metrics: { accuracy: 0.8, precision: 0.8, recall: 0.75, f1, mcc, balanced_accuracy: 0.8, fpr: 0.15, f1_ci: [f1 - 0.05, f1 + 0.05], mcc_ci: [mcc - 0.08, mcc + 0.07], cwe_exact_macro_f1: 0.6, cwe_family_macro_f1: 0.65, cwe_exact_micro_f1: 0.6, cwe_family_micro_f1: 0.66, failed: 1, failure_rate: 0.01, incomplete: false, tp: 40, fp: 8, tn: 40, fn: 12 },
    per_cwe: { "CWE-89": { support: 10, exact_f1: 0.9, family_f1: 0.9, recall: 0.9 }, "CWE-78": { support: 10, exact_f1: 0.5, family_f1: 0.8, recall: 0.6 }, "CWE-<script>": { support: 1, exact_f1: 0, family_f1: 0, recall: 0 } },
    latency: { n: 20, p50_ms: 12, p90_ms: 20, p95_ms: 25, p99_ms: 30, mean_ms: 14, ttft_p50_ms: 5, ttft_p90_ms: 8, tokens_per_s: 120, throughput_per_s: 40, measured_on: { machine: "test", backend: "openai", model_digest: "abc", concurrency: 1 } },
    latency_samples_ms: Array.from({ length: 20 }, (_, i) => 5 + i * 1.3),
    cached: 0,
    computed: 100,
  };
}

const report: ExperimentReport = {
  manifest: {
    cwescope: { version: "0.1.0", git_commit: "0123456789abcdef", git_dirty: false },
    experiment: { name: "8B vs 70B <test>", spec_file: "x.yaml", spec_sha256: "00" },
    created: "2026-11-25T00:00:00.000Z",
    seeds: { experiment: 1, bootstrap: 1 },
    datasets: [{ name: "python-test", path: "p", sha256: "aa".repeat(32), n: 100 }],
    models: [{ name: "embedded", id: "embedded", backend: "embedded", digest: "bb".repeat(32), versions: {} }],
    runtime: { node: "20", platform: "linux", arch: "x64", cpu: "cpu", cores: 2, memory_gib: 24 },
    skipped_models: [],
  },
  results: [result("embedded", "python-test", 0.8, 0.6), result("embedded", "javascript-test", 0.7, 0.5), result("llama-8b", "python-test", 0.75, 0.55), result("llama-8b", "javascript-test", 0.6, 0.3)],
  comparisons: [{ dataset: "python-test", a: "embedded", b: "llama-8b", accuracy_a: 0.8, accuracy_b: 0.75, mcnemar: { b: 10, c: 5, p: 0.3 } }],
  baselines: [{ dataset: "python-test", name: "always-vulnerable", metrics: { accuracy: 0.5, precision: 0.5, recall: 1, f1: 0.667, mcc: 0, balanced_accuracy: 0.5, fpr: 1 } }],
  gaps: [{ model: "embedded", from: "python-test", to: "javascript-test", f1_gap: 0.1, f1_gap_ci: [0.02, 0.18], mcc_gap: 0.1, mcc_gap_ci: [-0.05, 0.2] }],
};

describe("experiment reports", () => {
  const dir = mkdtempSync(join(tmpdir(), "cwescope-report-"));
  let browser: Browser;
  beforeAll(async () => {
    await writeReports(dir, report);
    if (CHROMIUM) browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it("writes report.json with the DESIGN.md fields and report.md with the paper tables", () => {
    const json = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(["manifest", "results", "comparisons", "baselines"]));
    for (const key of ["accuracy", "precision", "recall", "f1", "mcc", "balanced_accuracy", "fpr", "f1_ci", "mcc_ci", "cwe_exact_macro_f1", "cwe_family_macro_f1", "failed"])
      expect(json.results[0].metrics).toHaveProperty(key);
    for (const key of ["p50_ms", "p90_ms", "p99_ms", "ttft_p50_ms", "tokens_per_s", "throughput_per_s"]) expect(json.results[0].latency).toHaveProperty(key);
    const md = readFileSync(join(dir, "report.md"), "utf8");
    expect(md).toContain("| embedded | python-test | 100 | 0.800 [0.75, 0.85]");
    expect(md).toMatch(/McNemar[\s\S]*\| python-test \| embedded \| llama-8b \|/);
    expect(md).toContain("always-vulnerable");
  });

  it("shows only the percentiles its samples support, precision and recall with intervals, and short digests in the HTML", () => {
    const md = readFileSync(join(dir, "report.md"), "utf8");
    // 20 samples: p90 stands, p99 would be the slowest sample and is left out.
    expect(md).toMatch(/\| embedded \| python-test \| 20 \| 12\.0 \| 20\.0 \| – \|/);
    // tp 40, fp 8, fn 12: Wilson intervals over 48 flagged and 52 vulnerable samples.
    expect(md).toContain("| embedded | python-test | 0.800 [0.70, 0.91] | 0.750 [0.64, 0.86] | 40 | 8 | 12 |");
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain(`<td title="${"aa".repeat(32)}"><code>aaaaaaaaaaaa…</code></td>`);
    expect(html).not.toContain(`<td>${"aa".repeat(32)}</td>`);
  });

  it.skipIf(!CHROMIUM)("report.html renders in headless Chromium with no console errors, no network, and drawn charts", async () => {
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain("CWE-&lt;script&gt;");
    const page = await checkPage(browser, join(dir, "report.html"));
    expect(page.consoleErrors).toEqual([]);
    expect(page.failedRequests).toEqual([]);
    // 2 models × 2 datasets + the baseline where present
    expect(page.marks.f1).toBe(5);
    expect(page.marks.mcc).toBeGreaterThanOrEqual(4);
    expect(page.marks.gap).toBe(2);
    expect(page.marks["per-cwe"]).toBe(3 * 4);
    expect(page.marks.latency).toBe(4);
    for (const size of Object.values(page.sizes)) expect(size.width).toBeGreaterThan(100);
  });
});
