// `cwescope eval --model ID --data F`: detection metrics beside the always-vulnerable baseline.
import type { Command } from "commander";
import { loadJsonl } from "../../data/jsonl.js";
import { DatasetRecordSchema } from "../../data/record.js";
import { alwaysVulnerable, detectionMetrics, type DetectionMetrics } from "../../eval/metrics.js";
import { buildRobustnessSet, flipRates, formatFlipTable } from "../../eval/robustness/index.js";
import { createDetector } from "../../models/registry.js";
import { CliError, EXIT } from "../errors.js";
import { action, type ProgramState } from "../program.js";
import { parseConcurrency, predictRecords } from "./predict.js";

interface EvalOpts {
  model: string;
  data: string;
  format: string;
  concurrency: string;
  baseUrl?: string;
  robustness?: boolean;
  seed: string;
  stripComments?: boolean;
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

export function formatEval(model: string, data: string, m: DetectionMetrics, base: DetectionMetrics, format: string): string {
  if (format === "json") return JSON.stringify({ model, data, metrics: m, baselines: { always_vulnerable: base } }, null, 2);
  const f = (x: number) => x.toFixed(3);
  if (format === "md") {
    const lines = [`| metric | ${model} | always vulnerable |`, "|---|---:|---:|", ...ROWS.map(([k, label]) => `| ${label} | ${f(m[k] as number)} | ${f(base[k] as number)} |`)];
    return `**${data}** (n=${m.n}, failed=${m.failed})\n\n${lines.join("\n")}`;
  }
  const width = Math.max(...ROWS.map(([, l]) => l.length));
  const head = `${"".padEnd(width)}  ${model.padStart(12)}  ${"always-vuln".padStart(12)}`;
  const rows = ROWS.map(([k, label]) => `${label.padEnd(width)}  ${f(m[k] as number).padStart(12)}  ${f(base[k] as number).padStart(12)}`);
  return [`${data}: n=${m.n}  tp=${m.tp} fp=${m.fp} tn=${m.tn} fn=${m.fn}  failed=${m.failed}`, head, ...rows].join("\n");
}

export function registerEval(program: Command, state: ProgramState): void {
  program
    .command("eval")
    .description("score a model on a dataset: precision, recall, F1, MCC, FPR, balanced accuracy, CWE accuracy")
    .requiredOption("--model <id>", "model id")
    .requiredOption("--data <file>", "dataset records (JSONL)")
    .option("--format <format>", "text | json | md", "text")
    .option("--concurrency <n>", "samples in flight", "4")
    .option("--base-url <url>", "OpenAI-compatible server (openai: ids)")
    .option("--robustness", "also score meaning-preserving edits of every record and report the verdict flip rate per edit kind")
    .option("--seed <n>", "seed of the robustness edits", "1")
    .option("--strip-comments", "remove comments from code before it reaches a language model")
    .action(
      action(state, async (ctx, opts: EvalOpts) => {
        if (!["text", "json", "md"].includes(opts.format)) throw new CliError(`--format must be text, json or md (got "${opts.format}")`);
        const concurrency = parseConcurrency(opts.concurrency);
        const records = await loadJsonl(opts.data, DatasetRecordSchema);
        const seed = Number(opts.seed);
        if (!Number.isInteger(seed)) throw new CliError(`--seed must be an integer (got "${opts.seed}")`);
        const detector = await createDetector(opts.model, { concurrency, baseUrl: opts.baseUrl, stripComments: opts.stripComments });
        try {
          await detector.preflight();
          const predictions = await predictRecords(detector, records, concurrency);
          const golds = records.map((r) => ({ cwe: r.cwe }));
          const metrics = detectionMetrics(records.map((r, i) => ({ gold: golds[i], pred: predictions[i] })));
          const base = detectionMetrics(alwaysVulnerable(golds));
          let out = formatEval(opts.model, opts.data, metrics, base, opts.format);
          let failed = metrics.failed;
          if (opts.robustness) {
            const set = await buildRobustnessSet(records, seed);
            const { rows } = flipRates(records, predictions, set.records, await predictRecords(detector, set.records, concurrency));
            failed += rows.find((r) => r.edit === "all")!.failed;
            out = opts.format === "json" ? JSON.stringify({ ...JSON.parse(out), robustness: { seed, rows, skipped: set.skipped } }, null, 2) : `${out}\n\n${formatFlipTable(opts.model, rows, opts.format === "md" ? "md" : "text")}`;
          }
          ctx.stdout.write(out + "\n");
          return failed ? EXIT.error : EXIT.ok;
        } finally {
          await detector.close();
        }
      }),
    );
}
