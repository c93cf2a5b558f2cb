// What a scan produces: findings, the files it could not scan, and the figures of each stage.
import type { SeverityLevel } from "../cwe/catalog.js";
import type { SourceLanguage, UnitKind } from "../lang/CodeUnit.js";
import type { FileContext } from "./fileContext.js";

/** An in-source `cwescope-ignore` comment that matched a finding. */
export interface Suppression {
  /** Line of the comment (1-based). */
  line: number;
  /** The CWE ids the comment names; empty for a comment that suppresses every CWE. */
  cwes: string[];
  /** Text after `--`, or `""` when the comment gives no reason. */
  reason: string;
}

/** One place on a finding's path, source to sink (SARIF `codeFlows`). Text from scanned code, made inert. */
export interface FindingStep {
  line: number;
  kind: "source" | "step" | "sink";
  text: string;
  note?: string;
}

export interface Finding {
  /** Path relative to the scan root, with `/` separators. */
  file: string;
  language: SourceLanguage;
  /** 1-based inclusive line range: the sink's for a finding at a sink; a verdict's named lines, else the unit's. */
  startLine: number;
  endLine: number;
  /** 1-based columns of the sink (end just past it), when the finding is at a sink. */
  startColumn?: number;
  endColumn?: number;
  /** The sink concept (`sql`, `shell`, …) the finding was found at. */
  concept?: string;
  /** `CWE-<n>`. */
  cwe: string;
  cweName: string;
  /** The model's confidence, 0–1. */
  confidence: number;
  /** CVSS-like score 0–10 (GitHub `security-severity`). */
  severity: number;
  level: SeverityLevel;
  /** One sentence of why (what reached what, built how). */
  message: string;
  /** One sentence of how to fix it. */
  fix: string;
  /** Source → steps → sink; empty for a unit-level verdict. */
  path: FindingStep[];
  /** Sources or sinks assumed rather than seen (missing imports, cut code). */
  inferred: string[];
  /** The flagged lines as they stand in the file (SARIF `region.snippet`). */
  snippet: string;
  /** Where the file sits (tests, fixtures, migrations, examples and docs report a lower severity). */
  context: FileContext;
  /** Stable across unrelated edits above the finding: rule, path, unit name and the flagged text. */
  fingerprint: string;
  /** GitHub's `primaryLocationLineHash` for `startLine`, when computed (SARIF output). */
  lineHash?: string;
  unit: { name: string; kind: UnitKind; startLine: number; endLine: number };
  /** The model whose verdict this is (the confirming model in a cascade). */
  model: string;
  /** Present when an in-source comment suppresses the finding. */
  suppression?: Suppression;
}

export type SkipReason = "binary" | "minified" | "too-large" | "unreadable" | "vendored" | "unanalysable" | "symlink" | "ignored" | "special";

export interface SkippedFile {
  /** Path relative to the scan root (a directory ends with `/`). */
  path: string;
  reason: SkipReason;
  detail: string;
  /** Whether this skip makes the scan incomplete (vendored code does not). */
  incomplete: boolean;
}

/**
 * A file scanned with a caveat: syntax errors (units came from a partial tree), bytes that are not UTF-8,
 * or a unit a model failed on (`model-error` leaves it unscanned; `confirm-error` keeps the triage verdict;
 * `unanalysable`: the unit's analysis threw, e.g. code nested deeper than the analysis can follow).
 */
export interface FileNote {
  path: string;
  note: "parse-error" | "not-utf8" | "model-error" | "confirm-error" | "unanalysable";
  detail: string;
}

export interface StageFigures {
  model: string;
  /** Units this stage scored. */
  units: number;
  /** Units it flagged (for triage: passed on to the next stage). */
  flagged: number;
  /** Per-unit failures reported by the model (counted, never fatal). */
  failed: number;
  /** Time spent inside this stage's model calls, in milliseconds (summed over threads; for an asynchronous model, the time with a request in flight). */
  ms: number;
}

export interface ScanSummary {
  root: string;
  files: number;
  lines: number;
  units: number;
  findings: number;
  suppressed: number;
  /** Findings dropped because the baseline already holds them. */
  baselined: number;
  skipped: number;
  /** A file was skipped, or the triage model failed on a unit: some code went unscanned. */
  incomplete: boolean;
  /** Units the triage model failed on (each listed in `notes`); they make the scan incomplete. */
  failedUnits: number;
  /** Time spent reading and parsing files, in milliseconds (summed over threads). */
  parseMs: number;
  /** Threads that scanned (1 in-process; more with worker threads). */
  threads: number;
  /** Triage (embedded) and, in a cascade, the confirming model. */
  stages: StageFigures[];
  /** Whole-scan wall time in milliseconds. */
  ms: number;
}

export interface ScanResult {
  tool: { name: "cwescope"; version: string };
  /** Unsuppressed findings first, then suppressed ones; each group ordered by file and line. */
  findings: Finding[];
  skipped: SkippedFile[];
  notes: FileNote[];
  summary: ScanSummary;
  /** The commit scanned, when the root is inside a git work tree (SARIF `versionControlProvenance`). */
  provenance?: { repositoryUri: string; revisionId: string; branch?: string };
  /** Per-file unit counts and times (for `--verbose`; formats do not render them). */
  timings?: { path: string; units: number; ms: number }[];
}
