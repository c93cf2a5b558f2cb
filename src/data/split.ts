// Stratified, pair-preserving, seeded split: each pair (or singleton) is one unit, stratified by its CWE.
import { STUDY_CWES } from "../cwe/entries.js";
import { createRng, shuffled, type Rng } from "../util/random.js";
import type { DatasetRecord } from "./record.js";
import { cweOfRecord } from "./stats.js";

export interface SplitOptions {
  /** Split names and their fractions. Defaults to `{train: 0.7, val: 0.1, test: 0.2}`. */
  ratios?: Record<string, number>;
  /** Defaults to `1337`. */
  seed?: number;
}

/** Largest-remainder allocation of `n` units over fractions. */
function allocate(n: number, fractions: number[]): number[] {
  const raw = fractions.map((f) => f * n);
  const counts = raw.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) if (left-- > 0) counts[i]++;
  return counts;
}

/** FNV-1a of a text, as a 32-bit seed. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The generator a stratum shuffles with. Strata of the study's 20 CWEs (and of `none`) share one generator,
 * drawn in sorted stratum order, exactly as the first datasets were split; every other stratum has its own,
 * seeded by the split seed and its name, so adding a CWE (or records of one) never moves another's records.
 */
function stratumRng(stratum: string, seed: number, shared: Rng): Rng {
  const cwe = stratum.slice(stratum.indexOf(":") + 1);
  return cwe === "none" || STUDY_CWES.includes(cwe) ? shared : createRng(seedOf(`${seed}:${stratum}`));
}

export function splitRecords(records: DatasetRecord[], options: SplitOptions = {}): Record<string, DatasetRecord[]> {
  const ratios = options.ratios ?? { train: 0.7, val: 0.1, test: 0.2 };
  const names = Object.keys(ratios);
  const seed = options.seed ?? 1337;
  const rng = createRng(seed);
  // Units: a pair's records together, a singleton alone; kept in input order for determinism.
  const units = new Map<string, DatasetRecord[]>();
  for (const r of records) {
    const key = r.pair ? `pair:${r.pair}` : `id:${r.id}`;
    const list = units.get(key);
    if (list) list.push(r);
    else units.set(key, [r]);
  }
  const strata = new Map<string, DatasetRecord[][]>();
  for (const unit of units.values()) {
    const vuln = unit.find((r) => r.cwe);
    const stratum = `${unit.length > 1 ? "pair" : "single"}:${vuln?.cwe ?? cweOfRecord(unit[0])}`;
    const list = strata.get(stratum);
    if (list) list.push(unit);
    else strata.set(stratum, [unit]);
  }
  const out: Record<string, DatasetRecord[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const stratum of [...strata.keys()].sort()) {
    const list = shuffled(strata.get(stratum)!, stratumRng(stratum, seed, rng));
    const counts = allocate(list.length, names.map((n) => ratios[n]));
    let at = 0;
    names.forEach((name, i) => {
      for (const unit of list.slice(at, at + counts[i])) out[name].push(...unit);
      at += counts[i];
    });
  }
  for (const name of names) out[name].sort((a, b) => a.id.localeCompare(b.id));
  return out;
}
