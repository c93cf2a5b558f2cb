// `cwescope eval --model ID --data F`: detection metrics beside the always-vulnerable baseline.
// It is the one-model, one-dataset shortcut of the experiment runner: same cache, metrics, CIs and latency.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import type { Command } from "commander";
import { loadJsonl } from "../../data/jsonl.js";
import { DatasetRecordSchema, type Prediction } from "../../data/record.js";
import { alwaysVulnerable, detectionMetrics, type DetectionMetrics } from "../../eval/metrics.js";
import { buildRobustnessSet, flipRates, formatFlipTable } from "../../eval/robustness/index.js";
import { runExperiment } from "../../eval/runExperiment.js";
import { DEFAULT_MAX_FAILURE_RATE, ExperimentSpecSchema, type LoadedSpec } from "../../eval/spec.js";
import type { ModelDatasetResult } from "../../eval/reportTypes.js";
import { createDetector } from "../../models/registry.js";
import { checkOutputDir } from "../../util/atomicWrite.js";
import { CliError, EXIT } from "../errors.js";
import { embeddedThreshold, intOption } from "../intOption.js";
import { action, type ProgramState } from "../program.js";
import { addMaxFailureRateOption, addStripCommentsOption, addTimeoutOption, maxFailureRateOption, timeoutOption } from "../reliabilityOptions.js";
import { writeReports } from "./experiment.js";
import { predictRecords } from "./predict.js";

interface EvalOpts {
  model: string;
  data: string;
  format: string;
  concurrency: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  prompt?: string;
  robustness?: boolean;
  seed: string;
  stripComments?: boolean;
  out?: string;
  latencySamples: string;
  threshold?: string;
  timeout?: string;
  maxFailureRate?: string;
}

const ROWS: [keyof DetectionMetrics, string][] = [
  ["precision", "precision"],
  ["recall", "recall"],
  ["f1", "F1"],
  ["mcc", "MCC"],
  ["fpr", "FPR"],
  ["balanced_accuracy", "balanced accuracy"],
  ["cwe_exact_accuracy", "CWE-exact accuracy"],
  ["cwe_exact_macro_f1", "CWE-exact macro F1"],
  ["cwe_family_macro_f1", "CWE-family macro F1"],
];

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export function formatEval(model: string, data: string, m: DetectionMetrics, base: DetectionMetrics, format: string, result?: ModelDatasetResult): string {
  if (format === "json") return JSON.stringify({ model, data, metrics: m, baselines: { always_vulnerable: base }, ...(result ? { ci: { f1: result.metrics.f1_ci, mcc: result.metrics.mcc_ci }, latency: result.latency } : {}) }, null, 2);
  const f = (x: number) => x.toFixed(3);
  const ci = (c: [number, number]) => `[${f(c[0])}, ${f(c[1])}]`;
  const extra = result
    ? [
        `95% bootstrap CI: F1 ${ci(result.metrics.f1_ci)}  MCC ${ci(result.metrics.mcc_ci)}`,
        `latency (concurrency 1, n=${result.latency.n}): p50 ${result.latency.p50_ms.toFixed(2)} ms  p90 ${result.latency.p90_ms.toFixed(2)} ms  p99 ${result.latency.p99_ms.toFixed(2)} ms` +
          (result.latency.ttft_p50_ms !== null ? `  TTFT p50 ${result.latency.ttft_p50_ms.toFixed(1)} ms` : ""),
      ]
    : [];
  if (format === "md") {
    const lines = [`| metric | ${model} | always vulnerable |`, "|---|---:|---:|", ...ROWS.map(([k, label]) => `| ${label} | ${f(m[k] as number)} | ${f(base[k] as number)} |`)];
    return `**${data}** (answered n=${m.n}, failed=${m.failed}, failure rate ${pct(m.failure_rate)})\n\n${lines.join("\n")}${extra.length ? `\n\n${extra.join("  \n")}` : ""}`;
  }
  const width = Math.max(...ROWS.map(([, l]) => l.length));
  const head = `${"".padEnd(width)}  ${model.padStart(12)}  ${"always-vuln".padStart(12)}`;
  const rows = ROWS.map(([k, label]) => `${label.padEnd(width)}  ${f(m[k] as number).padStart(12)}  ${f(base[k] as number).padStart(12)}`);
  return [`${data}: answered n=${m.n}  failed=${m.failed} (${pct(m.failure_rate)})  tp=${m.tp} fp=${m.fp} tn=${m.tn} fn=${m.fn}`, head, ...rows, ...extra].join("\n");
}

export function registerEval(program: Command, state: ProgramState): void {
  const command = program
    .command("eval")
    .description("score a model on a dataset: precision, recall, F1, MCC, FPR, balanced accuracy, CWE accuracy")
    .requiredOption("--model <id>", "model id")
    .requiredOption("--data <file>", "dataset records (JSONL)")
    .option("-f, --format <format>", "text | json | md", "text")
    .option("--concurrency <n>", "samples in flight", "4")
    .option("--base-url <url>", "OpenAI-compatible server (openai: ids)")
    .option("--api-key-env <NAME>", "environment variable holding the API key (openai: ids)")
    .option("--prompt <id>", "prompt template for language models (chat-json-v2 (default), study-instruction-v2, study-instruction-v1, chat-json-v1, dozono-binary-v1)")
    .option("--out <dir>", "keep the prediction cache and write report.json/md/html here (resumable)")
    .option("--latency-samples <n>", "records timed at concurrency 1 after warm-up", "20")
    .option("--robustness", "also score meaning-preserving edits of every record and report the verdict flip rate per edit kind")
    .option("--seed <n>", "seed of the robustness edits", "1")
    .option("--threshold <p>", "embedded model: the calibrated score (0-1) a unit needs to be flagged (default: the model's own)");
  addStripCommentsOption(command);
  addTimeoutOption(command);
  addMaxFailureRateOption(command);
  command.action(
      action(state, async (ctx, opts: EvalOpts) => {
        if (!["text", "json", "md"].includes(opts.format)) throw new CliError(`--format must be text, json or md (got "${opts.format}")`);
        const concurrency = intOption(opts.concurrency, "--concurrency");
        if (opts.out) checkOutputDir(opts.out, "--out");
        const records = await loadJsonl(opts.data, DatasetRecordSchema);
        if (!records.length) throw new CliError(`${opts.data}: no records`);
        const timeoutMs = timeoutOption(opts.timeout);
        const maxFailureRate = maxFailureRateOption(opts.maxFailureRate) ?? DEFAULT_MAX_FAILURE_RATE;
        const seed = Number(opts.seed);
        if (!Number.isInteger(seed)) throw new CliError(`--seed must be an integer (got "${opts.seed}")`);
        const samples = intOption(opts.latencySamples, "--latency-samples", 0);
        const threshold = embeddedThreshold(opts.threshold, opts.model);
        const loaded: LoadedSpec = {
          spec: ExperimentSpecSchema.parse({
            name: `eval ${opts.model} on ${basename(opts.data)}`,
            seed,
            concurrency,
            models: [{ id: opts.model, name: opts.model, base_url: opts.baseUrl, api_key_env: opts.apiKeyEnv, prompt: opts.prompt, options: { stripComments: opts.stripComments, threshold, timeoutMs } }],
            datasets: [{ name: basename(opts.data), path: resolve(opts.data) }],
            metrics: { max_failure_rate: maxFailureRate },
            latency: { warmup: Math.min(2, samples), samples, throughput_samples: 0 },
          }),
          skipped: [],
        };
        const out = opts.out ?? (await mkdtemp(join(tmpdir(), "cwescope-eval-")));
        let predictions: Prediction[] = [];
        try {
          const report = await runExperiment(loaded, { out, hooks: { predictions: (_m, _d, p) => (predictions = p) } });
          if (opts.out) await writeReports(opts.out, report);
          const golds = records.map((r) => ({ cwe: r.cwe }));
          const metrics = detectionMetrics(records.map((r, i) => ({ gold: golds[i], pred: predictions[i] })));
          const base = detectionMetrics(alwaysVulnerable(golds));
          let text = formatEval(opts.model, opts.data, metrics, base, opts.format, report.results[0]);
          const incomplete = metrics.failure_rate > maxFailureRate;
          if (metrics.failed) ctx.log.warn(`${metrics.failed} of ${records.length} sample(s) failed (${pct(metrics.failure_rate)}); metrics are over the ${metrics.n} answered`);
          if (incomplete) ctx.log.warn(`incomplete: failure rate ${pct(metrics.failure_rate)} is above --max-failure-rate ${pct(maxFailureRate)} (exit 2)`);
          let robustnessIncomplete = false;
          if (opts.robustness) {
            const detector = await createDetector(opts.model, { concurrency, baseUrl: opts.baseUrl, apiKeyEnv: opts.apiKeyEnv, prompt: opts.prompt, stripComments: opts.stripComments, threshold, timeoutMs });
            try {
              const set = await buildRobustnessSet(records, seed);
              const { rows } = flipRates(records, predictions, set.records, await predictRecords(detector, set.records, concurrency));
              const editFailed = rows.find((r) => r.edit === "all")!.failed;
              robustnessIncomplete = editFailed > maxFailureRate * set.records.length;
              if (robustnessIncomplete) ctx.log.warn(`incomplete: ${editFailed} of ${set.records.length} edited sample(s) failed (exit 2)`);
              text = opts.format === "json" ? JSON.stringify({ ...JSON.parse(text), robustness: { seed, rows, skipped: set.skipped } }, null, 2) : `${text}\n\n${formatFlipTable(opts.model, rows, opts.format === "md" ? "md" : "text")}`;
            } finally {
              await detector.close();
            }
          }
          ctx.stdout.write(text + "\n");
          return incomplete || robustnessIncomplete ? EXIT.error : EXIT.ok;
        } finally {
          if (!opts.out) await rm(out, { recursive: true, force: true });
        }
      }),
    );
}
