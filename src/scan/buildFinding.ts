// Turns a model's verdict on one unit into a finding: file lines, CWE, severity, message, fingerprint.
import { cweName, parseCweId, severityLevel, severityOf } from "../cwe/catalog.js";
import type { CodeUnit } from "../lang/CodeUnit.js";
import type { Prediction } from "../models/Detector.js";
import type { Finding } from "./Finding.js";
import { findingFingerprint, normalisedLines } from "./fingerprint.js";

/** What a finding needs to know about its file. */
export interface FileFacts {
  /** Path relative to the scan root. */
  rel: string;
  /** The file's lines (for the fingerprint text). */
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

/** A finding from a verdict whose `lines` are file lines; undefined when it is "not vulnerable" or names no CWE. */
export function buildFinding(file: FileFacts, unit: UnitFacts, prediction: Prediction, fallbackCwe?: string | null): Finding | undefined {
  if (!prediction.vulnerable || prediction.error) return undefined;
  const cwe = parseCweId(prediction.cwe) ?? parseCweId(fallbackCwe);
  if (!cwe) return undefined;
  const { startLine, endLine } = fileLines(unit, prediction.lines ?? []);
  const severity = severityOf(cwe);
  const name = cweName(cwe);
  const where = unit.kind === "module" ? "module-level code" : `${unit.kind} ${unit.name}`;
  // Language models may explain their verdict (`reason`); scanned code is untrusted, so is this text: kept on one line.
  const said = [prediction.reason, prediction.explanation].find((x): x is string => typeof x === "string" && x.trim() !== "");
  const why = said ? ` ${said.replace(/\s+/g, " ").trim().slice(0, 500)}` : "";
  return {
    file: file.rel,
    language: unit.language,
    startLine,
    endLine,
    cwe,
    cweName: name,
    confidence: round(prediction.confidence),
    severity,
    level: severityLevel(severity),
    message: `${shortCweName(name)} in ${where} (${prediction.model}, confidence ${prediction.confidence.toFixed(2)}).${why}`,
    fingerprint: findingFingerprint({ cwe, file: file.rel, unit: unit.name, text: fingerprintText(file, unit, startLine, endLine) }),
    unit: { name: unit.name, kind: unit.kind, startLine: unit.startLine, endLine: unit.endLine },
    model: prediction.model,
  };
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

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
