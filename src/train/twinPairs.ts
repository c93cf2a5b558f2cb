// The minimal pairs of a record list, by index: what the ranking term and twin figures are computed over.
import type { DatasetRecord } from "../data/record.js";

/** `[vulnerable, fixed]` indices of every pair whose two twins are both in `records`. */
export function twinPairs(records: readonly Pick<DatasetRecord, "cwe" | "pair">[]): [number, number][] {
  const byPair = new Map<string, { v?: number; f?: number }>();
  records.forEach((record, i) => {
    if (!record.pair) return;
    const entry = byPair.get(record.pair) ?? {};
    if (record.cwe) entry.v = i;
    else entry.f = i;
    byPair.set(record.pair, entry);
  });
  return [...byPair.values()].filter((e) => e.v !== undefined && e.f !== undefined).map((e) => [e.v!, e.f!]);
}
