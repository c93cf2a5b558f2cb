// A report as a real comparison produces it: an embedded model answering in well under a millisecond beside
// LLMs taking seconds, model names long enough to crowd a label, CWEs of one family (77/78, 94/95, 284/863/639).
import { familyOf, sameFamily } from "../../src/cwe/catalog.js";
import type { ExperimentReport, ModelDatasetResult, PerCweRow, PerFamilyRow } from "../../src/eval/reportTypes.js";

/** Deterministic spread of n latencies around a median (ms): no Math.random in fixtures. */
const spread = (n: number, median: number, width: number): number[] =>
  Array.from({ length: n }, (_, i) => median * (1 + width * Math.sin(i * 1.7) * (i % 3 === 0 ? 1.5 : 0.6)));

const PER_CWE: Array<[string, number, number, number]> = [
  // cwe, support, exact F1, family F1
  ["CWE-22", 14, 0.71, 0.71],
  ["CWE-77", 6, 0.33, 0.62],
  ["CWE-78", 12, 0.58, 0.75],
  ["CWE-79", 18, 0.8, 0.8],
  ["CWE-89", 20, 0.86, 0.86],
  ["CWE-94", 5, 0.2, 0.55],
  ["CWE-95", 7, 0.4, 0.6],
  ["CWE-639", 4, 0, 0.5],
  ["CWE-863", 6, 0.36, 0.52],
];

function result(model: string, modelId: string, dataset: string, quality: number, latency: number[]): ModelDatasetResult {
  const f1 = 0.55 + 0.3 * quality, mcc = 0.2 + 0.45 * quality;
  const perCwe: Record<string, PerCweRow> = Object.fromEntries(
    PER_CWE.map(([cwe, support, exact, family]) => [cwe, { support, exact_f1: exact * quality, family_f1: family * quality, recall: exact * quality, family_support: PER_CWE.filter(([c]) => sameFamily(c, cwe)).reduce((a, [, n]) => a + n, 0) }]),
  );
  const perFamily: Record<string, PerFamilyRow> = {};
  for (const [cwe, support, , family] of PER_CWE) {
    const row = (perFamily[familyOf(cwe)] ??= { support: 0, f1: 0, recall: 0, members: [] });
    row.support += support;
    row.members.push(cwe);
    row.f1 = row.recall = Math.max(row.f1, family * quality);
  }
  const sorted = latency.slice().sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return {
    model, model_id: modelId, dataset, language: dataset.startsWith("python") ? "python" : "javascript", n: 184,
    metrics: { accuracy: 0.5 + 0.3 * quality, precision: 0.8 * quality, recall: 0.75, f1, mcc, balanced_accuracy: 0.7, fpr: 0.3 - 0.2 * quality, f1_ci: [f1 - 0.06, f1 + 0.05], mcc_ci: [mcc - 0.09, mcc + 0.08], cwe_exact_macro_f1: 0.5 * quality, cwe_family_macro_f1: 0.62 * quality, cwe_exact_micro_f1: 0.52 * quality, cwe_family_micro_f1: 0.64 * quality, failed: 0, failure_rate: 0, incomplete: false, tp: 69, fp: 20, tn: 72, fn: 23 },
    per_cwe: perCwe,
    per_family: perFamily,
    latency: { n: latency.length, p50_ms: at(50), p90_ms: at(90), p95_ms: at(95), p99_ms: at(99), mean_ms: latency.reduce((a, b) => a + b, 0) / latency.length, ttft_p50_ms: null, ttft_p90_ms: null, tokens_per_s: null, throughput_per_s: 1000 / at(50), measured_on: { machine: "demo", backend: modelId.split(":")[0], model_digest: "ab", concurrency: 1 } },
    latency_samples_ms: latency,
    cached: 0,
    computed: 184,
  } as ModelDatasetResult;
}

const EMB = "embedded", LLM = "qwen2.5-coder-7b-instruct-cwe-lora-q4_k_m", BIG = "llama-3.1-70b-instruct-q4";

export const demoReport: ExperimentReport = {
  manifest: {
    cwescope: { version: "0.1.0", git_commit: "0123456789abcdef0123", git_dirty: false },
    experiment: { name: "Python-trained models on unseen JavaScript", spec_file: "experiments/demo.yaml", spec_sha256: "00" },
    created: "2026-12-04T16:00:00.000Z",
    seeds: { experiment: 1, bootstrap: 1 },
    datasets: [
      { name: "python-test", path: "data/python-test.jsonl", sha256: "aa".repeat(32), n: 184 },
      { name: "javascript-test", path: "data/javascript-test.jsonl", sha256: "cd".repeat(32), n: 184 },
    ],
    models: [
      { name: EMB, id: "embedded", backend: "embedded", digest: "bb".repeat(32), versions: {} },
      { name: LLM, id: `llama-cpp:${LLM}`, backend: "llama-cpp", digest: "ef".repeat(32), prompt_id: "cwe-v2", prompt_hash: "12".repeat(32), versions: {} },
      { name: BIG, id: `openai:${BIG}`, backend: "openai", digest: "9a".repeat(32), prompt_id: "cwe-v2", prompt_hash: "12".repeat(32), versions: {} },
    ],
    runtime: { node: "20.18.0", platform: "linux", arch: "x64", cpu: "AMD EPYC", cores: 2, memory_gib: 24 },
    skipped_models: [],
  },
  results: [
    result(EMB, "embedded", "python-test", 0.9, spread(184, 0.35, 0.4)),
    result(EMB, "embedded", "javascript-test", 0.6, spread(184, 0.42, 0.4)),
    result(LLM, `llama-cpp:${LLM}`, "python-test", 0.8, spread(40, 2400, 0.35)),
    result(LLM, `llama-cpp:${LLM}`, "javascript-test", 0.7, spread(40, 2650, 0.35)),
    result(BIG, `openai:${BIG}`, "python-test", 1, spread(25, 9100, 0.3)),
    result(BIG, `openai:${BIG}`, "javascript-test", 0.85, spread(25, 9800, 0.3)),
  ],
  comparisons: [{ dataset: "javascript-test", a: EMB, b: LLM, accuracy_a: 0.68, accuracy_b: 0.71, mcnemar: { b: 12, c: 17, p: 0.458 } }],
  baselines: ["python-test", "javascript-test"].map((dataset) => ({ dataset, name: "always-vulnerable" as const, metrics: { accuracy: 0.5, precision: 0.5, recall: 1, f1: 0.667, mcc: 0, balanced_accuracy: 0.5, fpr: 1 } })),
  gaps: [EMB, LLM, BIG].map((model, i) => ({ model, from: "python-test", to: "javascript-test", f1_gap: 0.09 - 0.02 * i, f1_gap_ci: [0.01, 0.17 - 0.02 * i] as [number, number], mcc_gap: 0.13 - 0.03 * i, mcc_gap_ci: [0.02, 0.24] as [number, number] })),
};
