// The scan pipeline: discover → per file: read, parse once, triage every unit, (confirm the suspicious
// ones) → findings, suppressions, baseline. Streams file by file, in-process or over worker threads.
import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, resolve, sep } from "node:path";
import { UnitSplitter } from "../lang/UnitSplitter.js";
import { createDetector, parseModelId } from "../models/registry.js";
import type { Detector, DetectorOptions } from "../models/Detector.js";
import { gitProvenance } from "./provenance.js";
import { VERSION } from "../version.js";
import { filterByBaseline, type Baseline } from "./baseline.js";
import { discoverFiles } from "./discoverFiles.js";
import { FileScanner, type FileScannerOptions, type FileTask, type ScanPart } from "./FileScanner.js";
import type { Finding, ScanResult, SkippedFile, StageFigures } from "./Finding.js";
import { ModelStage } from "./ModelStage.js";
import { DEFAULT_MAX_FILE_BYTES } from "./readSource.js";
import { scanInWorkers, workersAvailable } from "./scanInWorkers.js";

export { triageScore } from "./FileScanner.js";

export interface ScanOptions {
  /**
   * Directory reported paths are relative to (`%SRCROOT%` in SARIF). Defaults to the current directory
   * when every path is inside it, else to the deepest folder holding them all.
   */
  root?: string;
  /** Glob patterns a file must match. Defaults to every file. */
  include?: string[];
  /** Glob patterns of files to leave out. Defaults to none. */
  exclude?: string[];
  /** Honour `.gitignore` files. Defaults to `true`. */
  gitignore?: boolean;
  /** Scan vendored folders and bundles too. Defaults to `false`. */
  vendored?: boolean;
  /** Larger files are skipped (and make the scan incomplete). Defaults to `1_000_000`. */
  maxFileBytes?: number;
  /** Model id of the scoring (triage) stage. Defaults to `"embedded"`. */
  model?: string;
  /** Model id that confirms units the triage stage scores at or above `triageThreshold`. Defaults to none. */
  confirm?: string;
  /** Triage score (probability of a weakness) a unit needs to reach the confirming model. Defaults to `0.5`. */
  triageThreshold?: number;
  /** Concurrent requests to an asynchronous model. Defaults to `4`. */
  concurrency?: number;
  /**
   * Threads for an embedded-model scan without `confirm`: the calling thread plus `jobs - 1` workers, each
   * loading its own parsers and model (a few tenths of a second each; fewer for small scans). Defaults to
   * one per core (`defaultJobs()`).
   */
  jobs?: number;
  /** Options for the detectors created from `model` and `confirm`. */
  detectorOptions?: DetectorOptions;
  /** Ready-made detectors (library use, tests); they override `model` and `confirm` and are not closed. */
  detector?: Detector;
  confirmDetector?: Detector;
  /** Accepted findings: matching findings are left out of the result. Defaults to none. */
  baseline?: Baseline;
  /** Compute GitHub's `primaryLocationLineHash` for each finding (SARIF). Defaults to `false`. */
  lineHashes?: boolean;
  /** Called after each file with the count done and the total. */
  onProgress?: (done: number, total: number, file: string) => void;
  signal?: AbortSignal;
}

/** A worker costs a few tenths of a second to start (modules, grammars, model); below this many files each, fewer workers. */
const MIN_FILES_PER_WORKER = 16;

/** Worker threads worth starting on this machine: one per core. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export async function scanPaths(paths: string[], options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const root = options.root ?? defaultRoot(paths);
  const tasks: FileTask[] = [];
  const skipped: SkippedFile[] = [];
  for await (const item of discoverFiles(paths, { root, include: options.include, exclude: options.exclude, gitignore: options.gitignore, vendored: options.vendored })) {
    if (item.kind === "file") tasks.push({ path: item.path, rel: item.rel, language: item.language });
    else skipped.push(item.entry);
  }
  const scannerOptions: FileScannerOptions = {
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    triageThreshold: options.triageThreshold ?? 0.5,
    lineHashes: options.lineHashes ?? false,
  };
  let done = 0;
  const progress = (rel: string) => options.onProgress?.(++done, tasks.length, rel);
  const model = options.model ?? "embedded";
  const jobs = Math.min(options.jobs ?? defaultJobs(), Math.floor(tasks.length / MIN_FILES_PER_WORKER));
  const parallel = jobs > 1 && !options.detector && !options.confirm && !options.confirmDetector && parseModelId(model).backend === "embedded" && workersAvailable();

  const inOrder = () => {
    let i = 0;
    return () => (i < tasks.length ? tasks[i++] : undefined);
  };
  const parts = parallel
    ? await scanInWorkers(
        tasks,
        jobs,
        { model, detectorOptions: options.detectorOptions ?? {}, scanner: scannerOptions },
        progress,
        (take) => scanInProcess(take, options, scannerOptions, progress),
        options.signal,
      )
    : [await scanInProcess(inOrder(), options, scannerOptions, progress)];
  const result = assemble(root, started, skipped, parts);
  const provenance = gitProvenance(root);
  if (provenance) result.provenance = provenance;
  return options.baseline ? filterByBaseline(result, options.baseline) : result;
}

/** The current directory when it holds every path; else their deepest common folder. */
export function defaultRoot(paths: readonly string[], cwd = process.cwd()): string {
  const absolute = paths.map((p) => resolve(cwd, p));
  if (absolute.every((p) => p === cwd || p.startsWith(cwd.endsWith(sep) ? cwd : cwd + sep))) return cwd;
  let common = absolute[0].split(sep);
  for (const p of absolute.slice(1)) {
    const parts = p.split(sep);
    let i = 0;
    while (i < common.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  const joined = common.join(sep) || sep;
  // A single file's root is its folder.
  return absolute.length === 1 && existsSync(joined) && !statSync(joined).isDirectory() ? dirname(joined) : joined;
}

/** Scan on the calling thread, taking files from `take` until it runs dry. */
async function scanInProcess(
  take: () => FileTask | undefined,
  options: ScanOptions,
  scannerOptions: FileScannerOptions,
  progress: (rel: string) => void,
): Promise<ScanPart> {
  const owned: Detector[] = [];
  const make = async (id: string) => {
    const d = await createDetector(id, options.detectorOptions);
    owned.push(d);
    return d;
  };
  const splitter = await UnitSplitter.create();
  try {
    const concurrency = options.concurrency ?? 4;
    const primary = new ModelStage(options.detector ?? (await make(options.model ?? "embedded")), concurrency, options.signal);
    const confirmer =
      options.confirmDetector || options.confirm
        ? new ModelStage(options.confirmDetector ?? (await make(options.confirm!)), concurrency, options.signal)
        : undefined;
    for (const stage of [primary, confirmer]) await stage?.detector.preflight({ signal: options.signal });
    const scanner = new FileScanner(splitter, primary, confirmer, scannerOptions);
    for (let task = take(); task; task = take()) {
      options.signal?.throwIfAborted();
      await scanner.scan(task);
      progress(task.rel);
      // Let worker threads' messages (and their next files) through between files.
      await new Promise((r) => setImmediate(r));
    }
    return await scanner.finish();
  } finally {
    splitter.delete();
    await Promise.all(owned.map((d) => d.close()));
  }
}

/** Parts from every thread plus the discovery skips → one result, findings ordered by file and line. */
function assemble(root: string, started: number, discoverySkips: SkippedFile[], parts: ScanPart[]): ScanResult {
  const order = (a: Finding, b: Finding) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.startLine - b.startLine || a.endLine - b.endLine || (a.cwe < b.cwe ? -1 : a.cwe > b.cwe ? 1 : 0);
  const all = parts.flatMap((p) => p.findings);
  const active = all.filter((f) => !f.suppression).sort(order);
  const suppressed = all.filter((f) => f.suppression).sort(order);
  const skipped = [...discoverySkips, ...parts.flatMap((p) => p.skipped)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const notes = parts.flatMap((p) => p.notes).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const sum = (pick: (p: ScanPart) => number) => parts.reduce((n, p) => n + pick(p), 0);
  const stages: StageFigures[] = parts[0].stages.map((first, i) => ({
    model: first.model,
    units: sum((p) => p.stages[i].units),
    flagged: sum((p) => p.stages[i].flagged),
    failed: sum((p) => p.stages[i].failed),
    ms: Math.round(sum((p) => p.stages[i].ms)),
  }));
  const failedTriage = stages[0]?.failed ?? 0;
  return {
    tool: { name: "cwescope", version: VERSION },
    findings: [...active, ...suppressed],
    skipped,
    notes,
    timings: parts.flatMap((p) => p.timings).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    summary: {
      root,
      files: sum((p) => p.files),
      lines: sum((p) => p.lines),
      units: sum((p) => p.units),
      findings: active.length,
      suppressed: suppressed.length,
      baselined: 0,
      skipped: skipped.length,
      incomplete: skipped.some((s) => s.incomplete) || failedTriage > 0,
      failedUnits: failedTriage,
      parseMs: Math.round(sum((p) => p.parseMs)),
      threads: parts.length,
      stages,
      ms: Math.round(performance.now() - started),
    },
  };
}
