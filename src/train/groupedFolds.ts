// Fold assignment for cross-validation that keeps a minimal pair's twins together, balanced by CWE.
import type { DatasetRecord } from "../data/record.js";
import { createRng, shuffled } from "../util/random.js";

/**
 * Fold index (0..k-1) per record. Twins sharing a `pair` id always land in the same fold (otherwise a model
 * could learn a pair from one twin and be scored on the other); a record without a pair is its own group.
 * Groups are dealt round-robin per CWE, so every fold sees every CWE about equally often.
 */
export function groupedFolds(records: readonly DatasetRecord[], k: number, seed: number): number[] {
  const groups = new Map<string, { cwe: string; members: number[] }>();
  records.forEach((r, i) => {
    const key = r.pair ? `pair:${r.pair}` : `record:${i}`;
    const group = groups.get(key) ?? { cwe: "none", members: [] };
    if (r.cwe) group.cwe = r.cwe;
    group.members.push(i);
    groups.set(key, group);
  });
  const rng = createRng(seed);
  const byCwe = new Map<string, number[][]>();
  for (const g of shuffled([...groups.values()], rng)) {
    const list = byCwe.get(g.cwe) ?? [];
    list.push(g.members);
    byCwe.set(g.cwe, list);
  }
  const folds = new Array<number>(records.length).fill(0);
  let next = 0;
  for (const cwe of [...byCwe.keys()].sort()) {
    for (const members of byCwe.get(cwe)!) {
      for (const i of members) folds[i] = next;
      next = (next + 1) % k;
    }
  }
  return folds;
}
