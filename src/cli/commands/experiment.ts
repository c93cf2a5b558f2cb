// `cwescope experiment <spec> --out <dir>`: every model × dataset, cached and resumable, three reports.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import cliProgress from "cli-progress";
import { loadSpec, experimentJsonSchema } from "../../eval/spec.js";
import { runExperiment, type RunHooks } from "../../eval/runExperiment.js";
import type { ExperimentReport } from "../../eval/reportTypes.js";
import { renderMarkdown, resultsTable } from "../../report/experiment/markdown.js";
import { renderHtml } from "../../report/experiment/html.js";
import { checkOutputDir, writeFileAtomic } from "../../util/atomicWrite.js";
import { CliError, EXIT } from "../errors.js";
import type { CliContext } from "../context.js";
import { optionalIntOption } from "../intOption.js";
import { action, type ProgramState } from "../program.js";
import { addMaxFailureRateOption, maxFailureRateOption } from "../reliabilityOptions.js";
import { prepareEmbeddedModel } from "./trainHook.js";

/** Write report.json, report.md and report.html into a directory. */
export async function writeReports(dir: string, report: ExperimentReport): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, "report.json"), JSON.stringify(report, null, 2) + "\n");
  await writeFileAtomic(join(dir, "report.md"), renderMarkdown(report));
  await writeFileAtomic(join(dir, "report.html"), renderHtml(report));
}

/** A progress bar on a TTY (stderr), silent when piped or --quiet. */
function progressHooks(ctx: CliContext): RunHooks {
  const tty = Boolean(process.stderr.isTTY) && ctx.log.verbosity !== "quiet";
  let bar: cliProgress.SingleBar | undefined;
  let current = "";
  return {
    info: (m) => ctx.log.info(m),
    warn: (m) => ctx.log.warn(m),
    progress: (e) => {
      const key = `${e.model} · ${e.dataset}`;
      if (key !== current) {
        bar?.stop();
        current = key;
        if (tty) {
          bar = new cliProgress.SingleBar({ format: `${key.padEnd(40).slice(0, 40)} {bar} {value}/{total} ({cached} cached) {eta_formatted}`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
          bar.start(e.total, e.done, { cached: e.cached });
        } else ctx.log.info(`${key}: ${e.total} records, ${e.cached} from cache`);
      }
      bar?.update(e.done, { cached: e.cached });
      if (e.done === e.total) {
        bar?.stop();
        bar = undefined;
      }
    },
    prepareModel: (model, outDir) => prepareEmbeddedModel(model, outDir, ctx),
  };
}

interface ExperimentOpts {
  out?: string;
  cache?: string;
  limit?: string;
  warmup?: string;
  latencySamples?: string;
  throughputSamples?: string;
  maxFailureRate?: string;
  schema?: boolean;
}


export function registerExperiment(program: Command, state: ProgramState): void {
  const command = program
    .command("experiment")
    .description("run every model × dataset of a spec; writes report.json, report.md and report.html")
    .argument("[spec]", "experiment spec (YAML)")
    .option("--out <dir>", "output directory (reports, predictions, cache)")
    .option("--cache <file>", "prediction cache (SQLite); defaults to <out>/cache.sqlite")
    .option("--limit <n>", "use at most N records of each dataset (smoke runs)")
    .option("--warmup <n>", "override the spec's latency.warmup")
    .option("--latency-samples <n>", "override the spec's latency.samples")
    .option("--throughput-samples <n>", "override the spec's latency.throughput_samples")
    .option("--schema", "print the JSON Schema of experiment specs and exit");
  addMaxFailureRateOption(command);
  command.action(
      action(state, async (ctx, specFile: string | undefined, opts: ExperimentOpts) => {
        if (opts.schema) {
          ctx.stdout.write(JSON.stringify(experimentJsonSchema(), null, 2) + "\n");
          return EXIT.ok;
        }
        if (!specFile) throw new CliError("experiment: give a spec file, e.g. `cwescope experiment experiments/embedded.yaml --out runs/embedded`");
        if (!opts.out) throw new CliError("experiment: --out <dir> is required");
        checkOutputDir(opts.out, "--out");
        const loaded = await loadSpec(specFile);
        for (const s of loaded.skipped) ctx.log.warn(`skipping optional model ${s.id}: ${s.missing.join(", ")} not set`);
        const limit = optionalIntOption(opts.limit, "--limit");
        loaded.spec.metrics.max_failure_rate = maxFailureRateOption(opts.maxFailureRate) ?? loaded.spec.metrics.max_failure_rate;
        const latency = loaded.spec.latency;
        latency.warmup = optionalIntOption(opts.warmup, "--warmup", 0) ?? latency.warmup;
        latency.samples = optionalIntOption(opts.latencySamples, "--latency-samples", 0) ?? latency.samples;
        latency.throughput_samples = optionalIntOption(opts.throughputSamples, "--throughput-samples", 0) ?? latency.throughput_samples;
        const report = await runExperiment(loaded, { out: opts.out, cachePath: opts.cache, limit, hooks: progressHooks(ctx) });
        await writeReports(opts.out, report);
        ctx.stdout.write(resultsTable(report) + "\n");
        ctx.log.info(`reports: ${join(opts.out, "report.json")}, report.md, report.html`);
        const failed = report.results.reduce((a, r) => a + r.metrics.failed, 0);
        if (failed) ctx.log.warn(`${failed} sample(s) failed; metrics are over answered samples, the failed count beside them`);
        const incomplete = report.results.filter((r) => r.metrics.incomplete);
        for (const r of incomplete)
          ctx.log.warn(`incomplete: ${r.model} on ${r.dataset}: ${r.metrics.failed} of ${r.n} sample(s) failed (${(100 * r.metrics.failure_rate).toFixed(1)} %, above ${(100 * loaded.spec.metrics.max_failure_rate).toFixed(1)} %)`);
        return incomplete.length ? EXIT.error : EXIT.ok;
      }),
    );
}
