// Turns a model's answer on one unit into findings: one per weakness at its sink (a detector's `findings`), or one
// for the unit when a model answers a verdict only. File lines, CWE, severity by context, why and fix, fingerprint.
import { cweName, parseCweId, severityLevel, severityOf } from "../cwe/catalog.js";
import type { PredictedFinding } from "../data/record.js";
import type { CodeUnit } from "../lang/CodeUnit.js";
import type { Prediction } from "../models/Detector.js";
import { cweGuidance } from "../report/formats/cweGuidance.js";
import { whyOf } from "./explain.js";
import { CONTEXT_FACTOR, fileContext } from "./fileContext.js";
import type { Finding, FindingStep } from "./Finding.js";
import { findingFingerprint, normalisedLines } from "./fingerprint.js";

/** What a finding needs to know about its file. */
export interface FileFacts {
  /** Path relative to the scan root. */
  rel: string;
  /** The file's lines (for the snippet and the fingerprint text). */
  lines: readonly string[];
}

/** The unit fields a finding keeps (the syntax node is gone by the time a cascade answers). */
export type UnitFacts = Pick<CodeUnit, "name" | "kind" | "startLine" | "endLine" | "language">;

/** The range of the predicted file lines that fall inside the unit; the unit's own range when none do. */
export function fileLines(unit: UnitFacts, predicted: readonly number[]): { startLine: number; endLine: number } {
  const inside = predicted.filter((l) => l >= unit.startLine && l <= unit.endLine);
  if (inside.length === 0) return { startLine: unit.startLine, endLine: unit.endLine };
  return { startLine: Math.min(...inside), endLine: Math.max(...inside) };
}

/**
 * The findings of one answer. A detector that reports findings (`prediction.findings`, file lines) gives one per
 * weakness; a verdict alone gives one for the unit, at the lines the model named. `by` overrides the model named
 * (a confirming model that agreed with the triage findings).
 */
export function buildFindings(file: FileFacts, unit: UnitFacts, prediction: Prediction, fallbackCwe?: string | null, by?: string): Finding[] {
  if (!prediction.vulnerable || prediction.error) return [];
  const model = by ?? prediction.model;
  const found = (prediction.findings ?? []).filter((f) => parseCweId(f.cwe));
  if (found.length) return found.map((f) => atSink(file, unit, f, model));
  const verdict = unitFinding(file, unit, prediction, fallbackCwe, model);
  return verdict ? [verdict] : [];
}

/** A weakness at its sink, with its path from the source. */
function atSink(file: FileFacts, unit: UnitFacts, f: PredictedFinding, model: string): Finding {
  const cwe = parseCweId(f.cwe)!;
  const name = cweName(cwe);
  const endLine = Math.max(f.startLine, f.endLine);
  const path = f.path.map((s): FindingStep => ({ line: s.line, kind: s.kind, text: flat(s.text), ...(s.note ? { note: flat(s.note) } : {}) }));
  return finish(file, unit, {
    cwe,
    confidence: f.confidence,
    startLine: f.startLine,
    endLine,
    startColumn: f.startColumn,
    endColumn: f.endColumn,
    concept: f.concept,
    message: whyOf({ ...f, path }, shortCweName(name)),
    path,
    inferred: f.inferred.map(flat),
    model,
    // The sink's own text pins the finding: two weaknesses on one line differ by concept.
    fingerprintText: `${f.concept ?? ""}\0${normalisedLines(file.lines, f.startLine, endLine)}`,
  });
}

/** A unit-level verdict (a language model's answer): the lines it named, else the unit. */
function unitFinding(file: FileFacts, unit: UnitFacts, prediction: Prediction, fallbackCwe: string | null | undefined, model: string): Finding | undefined {
  const cwe = parseCweId(prediction.cwe) ?? parseCweId(fallbackCwe);
  if (!cwe) return undefined;
  const { startLine, endLine } = fileLines(unit, prediction.lines ?? []);
  const name = cweName(cwe);
  const where = unit.kind === "module" ? "module-level code" : `${unit.kind} ${unit.name}`;
  // Language models may explain their verdict (`reason`); scanned code is untrusted, so is this text: kept on one line.
  const said = [prediction.reason, prediction.explanation].find((x): x is string => typeof x === "string" && x.trim() !== "");
  const why = said ? ` ${flat(said).slice(0, 500)}` : "";
  return finish(file, unit, {
    cwe,
    confidence: prediction.confidence,
    startLine,
    endLine,
    message: `${shortCweName(name)} in ${where} (${model}, confidence ${prediction.confidence.toFixed(2)}).${why}`,
    path: [],
    inferred: [],
    model,
    fingerprintText: fingerprintText(file, unit, startLine, endLine),
  });
}

interface Draft extends Pick<Finding, "cwe" | "startLine" | "endLine" | "startColumn" | "endColumn" | "concept" | "message" | "path" | "inferred" | "model"> {
  confidence: number;
  fingerprintText: string;
}

function finish(file: FileFacts, unit: UnitFacts, d: Draft): Finding {
  const context = fileContext(file.rel);
  const severity = findingSeverity(d.cwe, d.confidence, CONTEXT_FACTOR[context]);
  const { fingerprintText: text, ...rest } = d;
  return {
    file: file.rel,
    language: unit.language,
    ...rest,
    cweName: cweName(d.cwe),
    confidence: round(d.confidence, 1000),
    severity,
    level: severityLevel(severity),
    fix: cweGuidance(d.cwe),
    snippet: snippetOf(file.lines, d.startLine, d.endLine),
    context,
    fingerprint: findingFingerprint({ cwe: d.cwe, file: file.rel, unit: unit.name, text }),
    unit: { name: unit.name, kind: unit.kind, startLine: unit.startLine, endLine: unit.endLine },
  };
}

/**
 * The CWE's base severity moderated by how sure the model is and where the file sits: a 9.8 injection found at
 * confidence 0.6 in application code is 7.8 (high), the same in a test file 3.9 (low). Half the base is kept
 * whatever the confidence, so a certain finding keeps its CWE's weight.
 */
export function findingSeverity(cwe: string, confidence: number, contextFactor: number): number {
  const c = Math.min(1, Math.max(0, confidence));
  return round(severityOf(cwe) * (0.5 + 0.5 * c) * contextFactor, 10);
}

/** The flagged lines as they stand in the file (at most five), for SARIF `region.snippet` and text output. */
function snippetOf(lines: readonly string[], startLine: number, endLine: number): string {
  return lines.slice(startLine - 1, Math.min(endLine, startLine + 4)).join("\n");
}

/**
 * The flagged text; none for a module-level finding without named lines, whose range is the whole file
 * and would change with every edit (the unit name and CWE still pin it: one such finding per file).
 */
function fingerprintText(file: FileFacts, unit: UnitFacts, startLine: number, endLine: number): string {
  if (unit.kind === "module" && startLine === unit.startLine && endLine === unit.endLine) return "";
  return normalisedLines(file.lines, startLine, endLine);
}

/** `SQL Injection` from `Improper Neutralization … ('SQL Injection')`; other names as they are. */
export function shortCweName(name: string): string {
  return /\('([^']+)'\)/.exec(name)?.[1] ?? name;
}

/** Text from scanned code or a model, on one line with control characters removed: it reaches terminals, logs and SARIF viewers. */
function flat(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, " ").replace(/\s+/g, " ").trim();
}

function round(x: number, scale: number): number {
  return Math.round(x * scale) / scale;
}
