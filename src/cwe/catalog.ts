// Lookups over the CWE entries: id parsing, names, families, SARIF tags, severities.
import { CWE_ENTRIES, STUDY_CWES, TARGET_CWES, type CweEntry, type CweLanguage } from "./entries.js";

const byId = new Map<string, CweEntry>(CWE_ENTRIES.map((entry) => [entry.id, entry]));
const targetSet = new Set(TARGET_CWES);

/**
 * Parse any common spelling of a CWE id: `cwe-89`, `CWE-089`, `89`, `CWE-89: SQL Injection`, `CWE_89`.
 * Returns the canonical `CWE-<n>` (also for ids outside the catalog) or `null` when no id is present.
 */
export function parseCweId(text: string | number | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  if (typeof text === "number") return Number.isInteger(text) && text > 0 ? `CWE-${text}` : null;
  const m = /^\s*(?:cwe[\s_:-]*)?0*(\d{1,5})\b/i.exec(text) ?? /\bcwe[\s_:-]*0*(\d{1,5})\b/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? `CWE-${n}` : null;
}

/** The catalog entry of a canonical id, or `undefined` when the id is outside the catalog. */
export function cweEntry(id: string): CweEntry | undefined {
  return byId.get(id);
}

/** Whether an id is in the catalog (Top 25 2025/2024 plus family members). */
export function isKnownCwe(id: string): boolean {
  return byId.has(id);
}

/** Whether an id is one of the target CWEs (the study's 20 and the breadth targets). */
export function isTargetCwe(id: string): boolean {
  return targetSet.has(id);
}

/** Human name, or `"Unknown CWE"` for ids outside the catalog. */
export function cweName(id: string): string {
  return byId.get(id)?.name ?? "Unknown CWE";
}

/** All ancestors of an id (transitively), nearest first, without the id itself. */
export function ancestors(id: string): string[] {
  const out: string[] = [];
  const queue = [...(byId.get(id)?.parents ?? [])];
  while (queue.length) {
    const next = queue.shift()!;
    if (out.includes(next)) continue;
    out.push(next);
    queue.push(...(byId.get(next)?.parents ?? []));
  }
  return out;
}

/**
 * Family match used for hierarchy-aware scoring: equal ids, or one is a *target-level* ancestor of the
 * other (78 ⊂ 77, 95 ⊂ 94, 639 ⊂ 863 ⊂ 284). Abstract pillars (74, 664, 707…) do not make two
 * unrelated injections one family.
 */
export function sameFamily(a: string, b: string): boolean {
  if (a === b) return true;
  const meaningful = (x: string) => targetSet.has(x) || x === "CWE-285";
  return (ancestors(a).includes(b) && meaningful(b)) || (ancestors(b).includes(a) && meaningful(a));
}

/** The family head of an id among the target CWEs: its highest target ancestor, or itself. */
export function familyOf(id: string): string {
  const chain = [id, ...ancestors(id)].filter((x) => targetSet.has(x));
  return chain.length ? chain[chain.length - 1] : id;
}

/** SARIF/GitHub tag form: `external/cwe/cwe-089` (at least three digits). */
export function sarifCweTag(id: string): string {
  const n = Number(id.replace(/^CWE-/, ""));
  return `external/cwe/cwe-${String(n).padStart(3, "0")}`;
}

/** Default severity (0–10, GitHub `security-severity`). Defaults to `5.0` outside the catalog. */
export function severityOf(id: string): number {
  return byId.get(id)?.severity ?? 5.0;
}

/** Severity level buckets used by `--fail-on` and SARIF `level`. */
export type SeverityLevel = "low" | "medium" | "high" | "critical";

export function severityLevel(score: number): SeverityLevel {
  if (score >= 9) return "critical";
  if (score >= 7) return "high";
  if (score >= 4) return "medium";
  return "low";
}

/** Top-25 list of a year, in rank order. */
export function top25(year: 2024 | 2025): CweEntry[] {
  const key = year === 2025 ? "rank2025" : "rank2024";
  return CWE_ENTRIES.filter((entry) => entry[key] !== undefined).sort((x, y) => x[key]! - y[key]!);
}

/** Whether a CWE applies to a language (memory-safety entries do not apply to Python/JS; TypeScript reads as JavaScript). */
export function appliesTo(id: string, language: string): boolean {
  const entry = byId.get(id);
  if (!entry) return true;
  const lang = language === "typescript" ? "javascript" : language;
  if (lang !== "python" && lang !== "javascript") return entry.applicability === "memory-safety";
  return entry.languages.includes(lang);
}

/** The target entries, in TARGET_CWES order: what `cwescope cwes` prints and the README table shows. */
export function targetEntries(): CweEntry[] {
  return TARGET_CWES.map((id) => byId.get(id)!);
}

export { CWE_ENTRIES, STUDY_CWES, TARGET_CWES };
export type { CweEntry, CweLanguage };
