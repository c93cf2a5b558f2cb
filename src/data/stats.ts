// `data stats`: counts per language × CWE × vulnerable/fixed/negative, pair completeness, lines of code.
import { TARGET_CWES } from "../cwe/entries.js";
import { loadJsonl } from "./jsonl.js";
import { DatasetRecordSchema, type DatasetRecord } from "./record.js";

export interface CweCounts {
  vulnerable: number;
  fixed: number;
  negative: number;
  pairs: number;
}

export interface DatasetStats {
  records: number;
  loc: number;
  byLanguage: Record<string, { records: number; loc: number; incompletePairs: number; perCwe: Record<string, CweCounts> }>;
}

/** The CWE a non-vulnerable record belongs to: its twin's, or the CWE it is a hard negative for. */
export function cweOfRecord(r: DatasetRecord, twinCwe?: string | null): string {
  return r.cwe ?? twinCwe ?? (typeof r.hard_negative_for === "string" ? r.hard_negative_for : "none");
}

export function computeStats(records: DatasetRecord[]): DatasetStats {
  const stats: DatasetStats = { records: records.length, loc: 0, byLanguage: {} };
  const pairCwe = new Map<string, string>();
  const pairSize = new Map<string, number>();
  for (const r of records)
    if (r.pair) {
      pairSize.set(r.pair, (pairSize.get(r.pair) ?? 0) + 1);
      if (r.cwe) pairCwe.set(r.pair, r.cwe);
    }
  for (const r of records) {
    const loc = r.code.split("\n").filter((l) => l.trim()).length;
    stats.loc += loc;
    const lang = (stats.byLanguage[r.language] ??= { records: 0, loc: 0, incompletePairs: 0, perCwe: {} });
    lang.records++;
    lang.loc += loc;
    const cwe = cweOfRecord(r, r.pair ? pairCwe.get(r.pair) : undefined);
    const c = (lang.perCwe[cwe] ??= { vulnerable: 0, fixed: 0, negative: 0, pairs: 0 });
    if (r.cwe) {
      c.vulnerable++;
      if (r.pair && pairSize.get(r.pair) === 2) c.pairs++;
    } else if (r.pair) c.fixed++;
    else c.negative++;
    if (r.pair && pairSize.get(r.pair) !== 2 && r.cwe) lang.incompletePairs++;
  }
  return stats;
}

export async function statsOfFiles(files: string[]): Promise<DatasetStats> {
  const all: DatasetRecord[] = [];
  for (const f of files) all.push(...(await loadJsonl(f, DatasetRecordSchema)));
  return computeStats(all);
}

export function formatStats(stats: DatasetStats): string {
  const out: string[] = [`${stats.records} records, ${stats.loc} non-blank lines of code`];
  for (const [lang, s] of Object.entries(stats.byLanguage)) {
    out.push("", `${lang}: ${s.records} records, ${s.loc} LOC, ${s.incompletePairs} incomplete pair(s)`);
    out.push("  CWE       pairs  vuln  fixed  hard-neg");
    const keys = [...TARGET_CWES.filter((k) => k in s.perCwe), ...Object.keys(s.perCwe).filter((k) => !TARGET_CWES.includes(k))];
    for (const cwe of keys) {
      const c = s.perCwe[cwe];
      out.push(`  ${cwe.padEnd(9)} ${String(c.pairs).padStart(5)} ${String(c.vulnerable).padStart(5)} ${String(c.fixed).padStart(6)} ${String(c.negative).padStart(9)}`);
    }
    const missing = TARGET_CWES.filter((k) => !(k in s.perCwe));
    if (missing.length) out.push(`  missing target CWEs: ${missing.join(", ")}`);
  }
  return out.join("\n");
}
