// Scans one file at a time: read → parse once → score every unit → (confirm) → findings with suppressions.
// A file's text is dropped as soon as every unit of it is answered.
import type { CodeUnit, SourceLanguage } from "../lang/CodeUnit.js";
import type { UnitSplitter } from "../lang/UnitSplitter.js";
import type { Prediction } from "../models/Detector.js";
import { sha256 } from "../util/hash.js";
import { buildFindings } from "./buildFinding.js";
import type { FileNote, Finding, SkippedFile, StageFigures, Suppression } from "./Finding.js";
import { lineHashes } from "./lineHash.js";
import { UNANALYSABLE, type ModelStage } from "./ModelStage.js";
import { readSource } from "./readSource.js";
import { findSuppression, parseSuppressions } from "./suppressions.js";

export interface FileTask {
  path: string;
  rel: string;
  language: SourceLanguage;
}

/** What a scanner (one thread's share of the scan) found; parts from several threads add up. */
export interface ScanPart {
  findings: Finding[];
  skipped: SkippedFile[];
  notes: FileNote[];
  files: number;
  lines: number;
  units: number;
  parseMs: number;
  stages: StageFigures[];
  /** Per-file figures, for `--verbose`: time from read to the last unit queued (a cascade's confirmations come later). */
  timings: FileTiming[];
}

export interface FileTiming {
  path: string;
  units: number;
  ms: number;
}

export interface FileScannerOptions {
  maxFileBytes: number;
  /** Triage score a unit needs to reach the confirming stage. */
  triageThreshold: number;
  lineHashes: boolean;
}

/** Probability of a weakness implied by a verdict (confidence is in the verdict given). */
export function triageScore(p: Prediction): number {
  if (p.error) return 0;
  return p.vulnerable ? p.confidence : 1 - p.confidence;
}

interface OpenFile {
  rel: string;
  text: string;
  lines: string[];
  suppressions: Suppression[];
  pending: number;
  findings: Finding[];
  walked: boolean;
  settled: boolean;
}

export class FileScanner {
  private readonly part: ScanPart = { findings: [], skipped: [], notes: [], files: 0, lines: 0, units: 0, parseMs: 0, stages: [], timings: [] };

  constructor(
    private readonly splitter: UnitSplitter,
    private readonly primary: ModelStage,
    private readonly confirmer: ModelStage | undefined,
    private readonly options: FileScannerOptions,
  ) {}

  /** Scan one file; resolves once its units are queued (a cascade may still be confirming them). */
  async scan(task: FileTask): Promise<void> {
    const t0 = performance.now();
    const source = readSource(task.path, this.options.maxFileBytes);
    if (!source.ok) {
      this.part.skipped.push({ path: task.rel, reason: source.reason, detail: source.detail, incomplete: true });
      return;
    }
    if (source.notUtf8) this.part.notes.push({ path: task.rel, note: "not-utf8", detail: "not valid UTF-8; decoded with replacement characters" });
    let split: ReturnType<UnitSplitter["split"]>;
    try {
      split = this.splitter.split(source.text, task.language, task.rel);
    } catch (err) {
      // A file the splitter cannot take apart is listed by name; the rest of the scan goes on.
      this.part.skipped.push({ path: task.rel, reason: "unanalysable", detail: `${(err as Error).name}: ${(err as Error).message}`, incomplete: true });
      return;
    }
    if (split.hasError) this.part.notes.push({ path: task.rel, note: "parse-error", detail: "syntax errors; units recovered from a partial parse" });
    this.part.parseMs += performance.now() - t0;
    this.part.files++;
    this.part.lines += source.lines;
    this.part.units += split.units.length;
    const file: OpenFile = {
      rel: task.rel,
      text: source.text,
      lines: source.text.split("\n"),
      suppressions: parseSuppressions(source.text),
      pending: 0,
      findings: [],
      walked: false,
      settled: false,
    };
    try {
      for (const unit of split.units) {
        const id = `${task.rel}:${unit.startLine}-${unit.endLine}:${unit.name}`;
        if (this.primary.isSync) await this.triaged(file, unit, id, this.primary.scoreNow(unit, id));
        else {
          file.pending++;
          await this.primary.submit(unit, id, (prediction) => {
            file.pending--;
            void Promise.resolve(this.triaged(file, unit, id, prediction)).finally(() => this.settle(file));
          });
        }
      }
    } finally {
      file.walked = true;
      this.settle(file);
      this.part.timings.push({ path: task.rel, units: split.units.length, ms: Math.round((performance.now() - t0) * 100) / 100 });
    }
  }

  /** Wait for every queued unit, then hand back what this scanner found. */
  async finish(): Promise<ScanPart> {
    await this.primary.drain();
    await this.confirmer?.drain();
    this.part.stages = [this.primary, this.confirmer].filter((s): s is ModelStage => s !== undefined).map((s) => ({ ...s.figures }));
    return this.part;
  }

  private triaged(file: OpenFile, unit: CodeUnit, id: string, prediction: Prediction): Promise<void> | void {
    if (prediction.error) this.part.notes.push(modelNote(file.rel, unit, prediction.error.startsWith(`${UNANALYSABLE}:`) ? "unanalysable" : "model-error", prediction.error));
    return this.confirmer ? this.confirm(file, unit, id, prediction) : this.record(file, unit, prediction);
  }

  private async confirm(file: OpenFile, unit: CodeUnit, id: string, triage: Prediction): Promise<void> {
    if (!this.confirmer || triageScore(triage) < this.options.triageThreshold) return;
    file.pending++;
    await this.confirmer.submit(unit, id, (verdict) => {
      // A failed confirmation keeps the triage verdict: reported, never silently dropped.
      if (verdict.error) this.part.notes.push(modelNote(file.rel, unit, "confirm-error", verdict.error));
      if (verdict.error) this.record(file, unit, triage);
      // A confirming model that agrees keeps the triage's findings at their sinks, under its own name.
      else if (verdict.vulnerable && triage.findings?.length) this.record(file, unit, triage, undefined, verdict.model);
      else this.record(file, unit, verdict, triage.cwe);
      file.pending--;
      this.settle(file);
    });
  }

  private record(file: OpenFile, unit: CodeUnit, prediction: Prediction, fallbackCwe?: string | null, by?: string): void {
    for (const finding of buildFindings(file, unit, prediction, fallbackCwe, by)) {
      const suppression = findSuppression(file.suppressions, finding);
      file.findings.push(suppression ? { ...finding, suppression } : finding);
    }
  }

  /** Once a file is walked and answered: number repeated fingerprints, add line hashes. */
  private settle(file: OpenFile): void {
    if (!file.walked || file.pending > 0 || file.settled) return;
    file.settled = true;
    const seen = new Map<string, number>();
    for (const f of file.findings) {
      const n = (seen.get(f.fingerprint) ?? 0) + 1;
      seen.set(f.fingerprint, n);
      if (n > 1) f.fingerprint = sha256(`${f.fingerprint}\0${n}`).slice(0, 32);
    }
    if (this.options.lineHashes && file.findings.length) {
      const hashes = lineHashes(file.text, file.findings.map((f) => f.startLine));
      for (const f of file.findings) f.lineHash = hashes.get(f.startLine);
    }
    this.part.findings.push(...file.findings);
    file.text = "";
    file.lines = [];
  }
}

function modelNote(path: string, unit: CodeUnit, note: FileNote["note"], error: string): FileNote {
  return { path, note, detail: `${unit.name} (lines ${unit.startLine}-${unit.endLine}): ${error}` };
}
