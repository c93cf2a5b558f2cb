// `cwescope scan <paths…>`: find weaknesses in a source tree; text, JSON or SARIF; baselines; CI exit codes.
import { checkOutputFile, writeFileAtomic } from "../../util/atomicWrite.js";
import { resolve } from "node:path";
import { Option, type Command } from "commander";
import cliProgress from "cli-progress";
import type { SeverityLevel } from "../../cwe/catalog.js";
import { formats, isFormatName } from "../../report/formats/index.js";
import { inert } from "../../report/formats/text.js";
import { filterByBaseline, readBaseline, writeBaseline } from "../../scan/baseline.js";
import { scanExitCode, SEVERITY_LEVELS } from "../../scan/exitCode.js";
import type { ScanResult } from "../../scan/Finding.js";
import { scanPaths } from "../../scan/scanPaths.js";
import { CliError, EXIT } from "../errors.js";
import { useColor } from "../log.js";
import { embeddedThreshold, intOption, optionalIntOption, probabilityOption } from "../intOption.js";
import { addStripCommentsOption, addTimeoutOption, timeoutOption } from "../reliabilityOptions.js";
import { action, type ProgramState } from "../program.js";

interface ScanFlags {
  model: string;
  confirm?: string;
  triageThreshold: string;
  threshold?: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  concurrency: string;
  jobs?: string;
  format: string;
  output?: string;
  include: string[];
  exclude: string[];
  gitignore: boolean;
  scanVendored?: boolean;
  maxFileBytes: string;
  allowIncomplete?: boolean;
  failOn: string;
  baseline?: string;
  writeBaseline?: string;
  root?: string;
  progress: boolean;
  timeout?: string;
  stripComments: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerScan(program: Command, state: ProgramState): void {
  const command = program
    .command("scan")
    .description("scan Python, JavaScript and TypeScript files for CWE weaknesses")
    .argument("<paths...>", "files and directories to scan")
    .option("--model <id>", "model that scores every unit", "embedded")
    .option("--confirm <model-id>", "language model that confirms the units the triage model finds suspicious")
    .option("--triage-threshold <p>", "triage score (0-1) a unit needs to reach the --confirm model", "0.5")
    .option("--threshold <p>", "embedded model without --confirm: the calibrated score (0-1) a unit needs to be reported (default: the model's own)")
    .option("--base-url <url>", "OpenAI-compatible server for openai: model ids")
    .option("--api-key-env <name>", "environment variable holding the API key")
    .option("--concurrency <n>", "concurrent requests to a language model", "4")
    .option("--jobs <n>", "threads for an embedded-model scan without --confirm (default: one per core)")
    .addOption(new Option("--format <name>", "output format").choices(Object.keys(formats)).default("text"))
    .option("--output <file>", "write the report to a file instead of stdout")
    .option("--include <glob>", "scan only files matching the glob (repeatable)", collect, [])
    .option("--exclude <glob>", "leave out files matching the glob (repeatable)", collect, [])
    .option("--no-gitignore", "do not honour .gitignore files (.cwescopeignore still applies)")
    .option("--scan-vendored", "also scan node_modules, vendor, dist, build, virtualenvs and *.min.js bundles")
    .option("--max-file-bytes <n>", "skip larger files (the scan is then incomplete)", "1000000")
    .option("--allow-incomplete", "exit 0/1 even when files were skipped or units failed")
    .addOption(new Option("--fail-on <level>", "lowest severity that makes the exit code 1").choices(["any", ...SEVERITY_LEVELS]).default("any"))
    .option("--baseline <file>", "report only findings not in this baseline")
    .option("--write-baseline <file>", "write the current findings as a baseline")
    .option("--root <dir>", "directory that reported paths are relative to (default: the current directory, or the folder holding the paths when they lie outside it)")
    .option("--no-progress", "no progress bar, even on a terminal");
  addTimeoutOption(command);
  // Comments are attacker-written text: language models see the code without them unless asked.
  addStripCommentsOption(command, true);
  command
    .action(
      action(state, async (ctx, paths: string[], flags: ScanFlags) => {
        if (!isFormatName(flags.format)) throw new CliError(`unknown format "${flags.format}"`);
        const format = formats[flags.format];
        const baseline = flags.baseline ? await readBaseline(flags.baseline) : undefined;
        if (flags.output) checkOutputFile(flags.output, "--output");
        if (flags.writeBaseline) checkOutputFile(flags.writeBaseline, "--write-baseline");
        if (flags.threshold !== undefined && flags.confirm) throw new CliError("--threshold sets the embedded model's own verdict; with --confirm, --triage-threshold decides what the confirming model sees");
        const threshold = embeddedThreshold(flags.threshold, flags.model);
        const progress = progressReporter(flags.progress && ctx.log.verbosity !== "quiet");
        let result: ScanResult;
        try {
          result = await scanPaths(paths, {
            root: flags.root ? resolve(flags.root) : undefined,
            include: flags.include,
            exclude: flags.exclude,
            gitignore: flags.gitignore,
            vendored: flags.scanVendored,
            maxFileBytes: intOption(flags.maxFileBytes, "--max-file-bytes"),
            model: flags.model,
            confirm: flags.confirm,
            triageThreshold: probabilityOption(flags.triageThreshold, "--triage-threshold"),
            concurrency: intOption(flags.concurrency, "--concurrency"),
            jobs: optionalIntOption(flags.jobs, "--jobs"),
            detectorOptions: { baseUrl: flags.baseUrl, apiKeyEnv: flags.apiKeyEnv, concurrency: intOption(flags.concurrency, "--concurrency"), threshold, timeoutMs: timeoutOption(flags.timeout), stripComments: flags.stripComments },
            lineHashes: format.wantsLineHashes ?? false,
            onProgress: progress.update,
          });
        } finally {
          progress.stop();
        }
        if (flags.writeBaseline) {
          const n = await writeBaseline(flags.writeBaseline, result.findings);
          ctx.log.info(`wrote ${n} findings to baseline ${flags.writeBaseline}`);
        }
        if (baseline) {
          result = filterByBaseline(result, baseline);
        }

        const toStdout = !flags.output;
        const color = toStdout && flags.format === "text" && useColor(ctx.stdout as NodeJS.WriteStream);
        const report = format.render(result, { color, root: result.summary.root });
        if (flags.output) await writeFileAtomic(flags.output, report);
        else ctx.stdout.write(report);
        if (!toStdout || flags.format !== "text") ctx.log.info(oneLineSummary(result));
        for (const s of result.skipped.filter((k) => k.incomplete)) ctx.log.warn(`not scanned: ${inert(s.path)}: ${s.reason} (${inert(s.detail)})`);

        const code = scanExitCode(result, { failOn: flags.failOn as SeverityLevel | "any", allowIncomplete: flags.allowIncomplete });
        if (code === EXIT.error) ctx.log.warn("the scan is incomplete (exit 2): pass --allow-incomplete to accept it, or exclude the files listed");
        return code;
      }),
    );
}

function oneLineSummary(result: ScanResult): string {
  const s = result.summary;
  const stages = s.stages.map((st) => `${st.model} ${st.units} units/${st.ms} ms`).join(", ");
  return `scanned ${s.files} files (${s.lines} lines, ${s.units} units) in ${(s.ms / 1000).toFixed(2)} s [${stages}]: ${s.findings} findings, ${s.suppressed} suppressed, ${s.baselined} in baseline, ${s.skipped} skipped${s.incomplete ? ", INCOMPLETE" : ""}`;
}

/** A progress bar on a terminal, shown only once a scan has taken more than a second. */
function progressReporter(enabled: boolean) {
  const started = Date.now();
  const tty = enabled && Boolean(process.stderr.isTTY);
  let bar: cliProgress.SingleBar | undefined;
  return {
    update: (done: number, total: number) => {
      if (!tty) return;
      if (!bar && Date.now() - started > 1000) {
        bar = new cliProgress.SingleBar({ stream: process.stderr, format: "scanning [{bar}] {value}/{total} files {percentage}% eta {eta_formatted}", clearOnComplete: true, hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(total, done);
      }
      bar?.update(done);
    },
    stop: () => bar?.stop(),
  };
}
