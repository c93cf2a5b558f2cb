// `cwescope scan <paths…>`: find weaknesses in a source tree; text, JSON or SARIF; baselines; CI exit codes.
import { checkOutputFile, writeFileAtomic } from "../../util/atomicWrite.js";
import { Option, type Command } from "commander";
import cliProgress from "cli-progress";
import type { SeverityLevel } from "../../cwe/catalog.js";
import { formats, isFormatName } from "../../report/formats/index.js";
import { inert } from "../../report/formats/text.js";
import { filterByBaseline, readBaseline, writeBaseline } from "../../scan/baseline.js";
import { scanExitCode, SEVERITY_LEVELS } from "../../scan/exitCode.js";
import type { ScanResult } from "../../scan/Finding.js";
import { defaultRoot, scanPaths } from "../../scan/scanPaths.js";
import { applyFindingPolicy } from "../../scan/findingPolicy.js";
import { changedLines, keepChanged } from "../../scan/diffBase.js";
import { settingsText } from "../../config/showSettings.js";
import { escapePath } from "tinyglobby";
import { scanPlan } from "../scanSettings.js";
import { CliError, EXIT } from "../errors.js";
import { useColor } from "../log.js";
import { parseModelId } from "../../models/registry.js";
import { addStripCommentsOption, addTimeoutOption, timeoutOption } from "../reliabilityOptions.js";
import { action, type ProgramState } from "../program.js";

/** The flags read here; the settings a configuration file can also give are read through scanPlan(). */
interface ScanFlags {
  format: string;
  json?: boolean;
  sarif?: boolean;
  output?: string;
  writeBaseline?: string;
  showConfig?: boolean;
  progress: boolean;
  timeout?: string;
  stripComments: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerScan(program: Command, state: ProgramState): void {
  const command = program
    .command("scan")
    .description("scan Python, JavaScript and TypeScript files for CWE weaknesses")
    .argument("[paths...]", "files and directories to scan (default: the configuration's paths)")
    .option("--model <id>", "model that scores every unit", "embedded")
    .option("--confirm <model-id>", "language model that confirms the units the triage model finds suspicious")
    .option("--triage-threshold <p>", "triage score (0-1) a unit needs to reach the --confirm model", "0.5")
    .option("--threshold <p>", "embedded model without --confirm: the calibrated score (0-1) a unit needs to be reported (default: the model's own)")
    .option("--base-url <url>", "OpenAI-compatible server for openai: model ids")
    .option("--api-key-env <name>", "environment variable holding the API key")
    .option("--concurrency <n>", "concurrent requests to a language model", "4")
    .option("--jobs <n>", "threads for an embedded-model scan without --confirm (default: one per core)")
    .addOption(new Option("-f, --format <name>", "output format").choices(Object.keys(formats)).default("text"))
    .addOption(new Option("--json", "shorthand for --format json").conflicts("format"))
    .addOption(new Option("--sarif", "shorthand for --format sarif").conflicts(["format", "json"]))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--include <glob>", "scan only files matching the glob (repeatable)", collect, [])
    .option("--exclude <glob>", "leave out files matching the glob, or a file or directory of that name anywhere (repeatable)", collect, [])
    .option("--no-gitignore", "do not honour .gitignore files (.cwescopeignore still applies)")
    .option("--scan-vendored", "also scan node_modules, vendor, dist, build, virtualenvs and *.min.js bundles")
    .option("--max-file-bytes <n>", "skip larger files (the scan is then incomplete)", "1000000")
    .option("--allow-incomplete", "exit 0/1 even when files were skipped or units failed")
    .addOption(new Option("--fail-on <level>", "lowest severity that makes the exit code 1").choices(["any", ...SEVERITY_LEVELS]).default("any"))
    .option("--baseline <file>", "report only findings not in this baseline")
    .option("--write-baseline <file>", "write the current findings as a baseline")
    .option("--root <dir>", "directory that reported paths are relative to (default: the current directory, or the folder holding the paths when they lie outside it)")
    .option("--no-progress", "no progress bar, even on a terminal")
    .addOption(new Option("--severity <level>", "lowest severity reported (default: low)").choices(SEVERITY_LEVELS))
    .option("--diff-base <ref>", "report only findings on lines changed since the merge base of <ref> and HEAD (pull requests)")
    .option("--config <file>", "configuration file to read instead of looking for .cwescope.yml, pyproject.toml or package.json")
    .option("--no-config", "read no configuration file")
    .option("--show-config", "print the effective settings and where each came from, then exit");
  addTimeoutOption(command);
  // Comments are attacker-written text: language models see the code without them unless asked.
  addStripCommentsOption(command, true);
  command
    .action(
      action(state, async (ctx, args: string[], flags: ScanFlags, command: Command) => {
        const plan = await scanPlan(command, args);
        if (flags.showConfig) {
          ctx.stdout.write(settingsText(plan.settings));
          return EXIT.ok;
        }
        const v = plan.settings.values;
        const model = v.model ?? "embedded";
        if (flags.json) flags.format = "json";
        if (flags.sarif) flags.format = "sarif";
        if (!isFormatName(flags.format)) throw new CliError(`unknown format "${flags.format}"`);
        const format = formats[flags.format];
        const baseline = v.baseline ? await readBaseline(v.baseline) : undefined;
        if (flags.output) checkOutputFile(flags.output, "--output");
        if (flags.writeBaseline) checkOutputFile(flags.writeBaseline, "--write-baseline");
        const thresholdFrom = plan.settings.origins.threshold?.[0]?.layer;
        if (v.threshold !== undefined && v.confirm && thresholdFrom === "flag") throw new CliError("--threshold sets the embedded model's own verdict; with --confirm, --triage-threshold decides what the confirming model sees");
        const embedded = parseModelId(model).backend === "embedded";
        if (v.threshold !== undefined && !embedded && thresholdFrom === "flag") throw new CliError(`--threshold applies to the embedded model only (got --model ${model})`);
        // A threshold from the environment or a file is the embedded model's; another model leaves it unused.
        const threshold = embedded && !v.confirm ? v.threshold : undefined;
        const root = plan.root;
        const diff = v["diff-base"] ? changedLines(root ?? defaultRoot(plan.paths), v["diff-base"]) : undefined;
        // With a diff base, only changed files are read (unless --include narrows the scan itself).
        const include = diff && !v.include?.length ? changedInclude(diff.lines) : (v.include ?? []);
        const progress = progressReporter(flags.progress && ctx.log.verbosity !== "quiet");
        let result: ScanResult;
        try {
          result = await scanPaths(plan.paths, {
            root,
            include,
            exclude: v.exclude,
            gitignore: v.gitignore,
            vendored: v["scan-vendored"],
            maxFileBytes: v["max-file-bytes"],
            model,
            confirm: v.confirm,
            triageThreshold: v["triage-threshold"],
            concurrency: v.concurrency,
            jobs: v.jobs,
            detectorOptions: { baseUrl: v["base-url"], apiKeyEnv: v["api-key-env"], concurrency: v.concurrency, threshold, timeoutMs: timeoutOption(flags.timeout), stripComments: flags.stripComments },
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
        const policed = applyFindingPolicy(result, plan.policy);
        result = policed.result;
        const { severity, cwe, tests } = policed.dropped;
        if (severity + cwe + tests > 0) ctx.log.info(`configuration left out ${severity + cwe + tests} findings (${severity} below the severity floor, ${cwe} of CWEs turned off, ${tests} in tests)`);
        if (diff) {
          const changed = keepChanged(result, diff.lines);
          result = changed.result;
          ctx.log.info(`--diff-base ${v["diff-base"]} (merge base ${diff.base.slice(0, 12)}): ${diff.lines.size} changed files; ${changed.outside} findings on unchanged lines left out`);
        }

        const toStdout = !flags.output;
        const color = toStdout && flags.format === "text" && useColor(ctx.stdout as NodeJS.WriteStream);
        const report = format.render(result, { color, root: result.summary.root });
        if (flags.output) await writeFileAtomic(flags.output, report);
        else ctx.stdout.write(report);
        if (!toStdout || flags.format !== "text") ctx.log.info(oneLineSummary(result));
        for (const s of result.skipped.filter((k) => k.incomplete)) ctx.log.warn(`not scanned: ${inert(s.path)}: ${s.reason} (${inert(s.detail)})`);
        if (ctx.log.verbosity === "verbose") for (const line of verboseLines(result)) ctx.log.debug(line);

        const code = scanExitCode(result, { failOn: v["fail-on"] as SeverityLevel | "any", allowIncomplete: v["allow-incomplete"] });
        if (code === EXIT.error) ctx.log.warn("the scan is incomplete (exit 2): pass --allow-incomplete to accept it, or exclude the files listed");
        return code;
      }),
    );
}

/** Globs that select exactly the changed files (a literal that matches nothing when none changed). */
function changedInclude(lines: Map<string, unknown>): string[] {
  const files = [...lines.keys()].filter((f) => !f.startsWith("../"));
  return files.length ? files.map((f) => escapePath(f)) : [".cwescope-diff-base-no-changed-files"];
}

/** `--verbose`: every file with its units and time, the slowest five, skipped files and units the models failed on. */
export function verboseLines(result: ScanResult): string[] {
  const timings = result.timings ?? [];
  const out = timings.map((t) => `scanned ${t.path}: ${t.units} units in ${t.ms.toFixed(1)} ms`);
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5);
  if (slowest.length > 1) out.push(`slowest: ${slowest.map((t) => `${t.path} ${t.ms.toFixed(1)} ms`).join(", ")}`);
  for (const s of result.skipped) out.push(`${s.incomplete ? "not scanned" : "left out"}: ${s.path}: ${s.reason} (${s.detail})`);
  for (const n of result.notes) out.push(`${n.note}: ${n.path}: ${n.detail}`);
  const s = result.summary;
  out.push(`parse ${s.parseMs} ms over ${s.threads} thread${s.threads === 1 ? "" : "s"}; ` + s.stages.map((st) => `${st.model}: ${st.units} units, ${st.flagged} flagged, ${st.failed} failed, ${st.ms} ms`).join("; "));
  return out;
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
        // The ETA is averaged over the last 200 updates (cli-progress' default of 10 jumps with every odd-sized file).
        bar = new cliProgress.SingleBar({ stream: process.stderr, format: "scanning [{bar}] {value}/{total} files {percentage}% eta {eta_formatted}", clearOnComplete: true, hideCursor: true, etaBuffer: 200, etaAsynchronousUpdate: true, fps: 5 }, cliProgress.Presets.shades_classic);
        bar.start(total, done);
      }
      bar?.update(done);
    },
    stop: () => bar?.stop(),
  };
}
