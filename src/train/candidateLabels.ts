// Labels of candidates from record labels. A vulnerable record says where its weakness is (`lines`) and which
// CWE it is; a fixed twin or a hard negative says none of its candidates is one.
import { sameFamily } from "../cwe/catalog.js";
import type { FeaturizedRecord } from "./featurizeRecords.js";
import { twinPairs } from "./twinPairs.js";

/**
 * What a vulnerable record's candidates that are not its weakness become: negatives (`negative`), negatives of
 * reduced weight (`down`), or left out of training (`omit`; the record still counts through its positives).
 */
export const OTHER_TREATMENTS = ["negative", "down", "omit"] as const;
export type OtherTreatment = (typeof OTHER_TREATMENTS)[number];

/**
 * What a vulnerable record none of whose candidates is on its gold lines or of its CWE's family gives: every
 * candidate a positive of weight 1/n (`spread`: one of them is the weakness, which is not known), or nothing
 * (`omit`: the view did not see the weakness; its sinks say nothing about it). `omit` is the default: pair-grouped
 * CV on Python train + val, 3 seeds, record MCC at FPR ≤ 0.2: 0.300 vs 0.279 (every seed higher).
 */
export const UNLOCATED_TREATMENTS = ["omit", "spread"] as const;
export type UnlocatedTreatment = (typeof UNLOCATED_TREATMENTS)[number];

/** Loss weight of a `down` candidate. */
export const DOWN_WEIGHT = 0.3;

export interface LabeledCandidate {
  /** Index of the record, and of the candidate within it. */
  record: number;
  candidate: number;
  label: 0 | 1;
  weight: number;
}

/**
 * Candidate labels. In a vulnerable record the positives are the candidates on its gold lines; failing that,
 * those whose sink row names a CWE of the gold one's family; failing that, as `unlocated` says. The rest of a
 * located record are `others`. Every candidate of a clean record is a negative. Records without candidates give none.
 */
export function labelCandidates(records: readonly FeaturizedRecord[], others: OtherTreatment, unlocated: UnlocatedTreatment = "omit"): LabeledCandidate[] {
  const out: LabeledCandidate[] = [];
  records.forEach((r, record) => {
    const n = r.candidates.length;
    const gold = r.record.cwe;
    if (!gold) {
      for (let candidate = 0; candidate < n; candidate++) out.push({ record, candidate, label: 0, weight: 1 });
      return;
    }
    const positive = located(r, gold);
    if (!positive.size) {
      if (unlocated === "omit") return;
      for (let candidate = 0; candidate < n; candidate++) out.push({ record, candidate, label: 1, weight: 1 / n });
      return;
    }
    for (let candidate = 0; candidate < n; candidate++) {
      if (positive.has(candidate)) out.push({ record, candidate, label: 1, weight: 1 });
      else if (others !== "omit") out.push({ record, candidate, label: 0, weight: others === "down" ? DOWN_WEIGHT : 1 });
    }
  });
  return out;
}

/** Candidates of a vulnerable record on its gold lines, else those of its CWE's family (tokens: the one candidate). */
function located(r: FeaturizedRecord, gold: string): Set<number> {
  const lines = new Set(r.record.lines ?? []);
  const at = new Set<number>();
  r.candidates.forEach((c, i) => {
    if (!c.hit || c.hit.lines.some((l) => lines.has(l))) at.add(i);
  });
  if (at.size) return at;
  r.candidates.forEach((c, i) => {
    if (c.hit && sameFamily(c.hit.cwe, gold)) at.add(i);
  });
  return at;
}

/**
 * Ranking pairs `[positive, fixed]` (indices into `labeled`): each positive candidate of a vulnerable twin should
 * score above every candidate of the same sink concept in its fix.
 */
export function candidatePairs(records: readonly FeaturizedRecord[], labeled: readonly LabeledCandidate[]): [number, number][] {
  const byRecord = new Map<number, number[]>();
  labeled.forEach((l, i) => byRecord.set(l.record, [...(byRecord.get(l.record) ?? []), i]));
  const concept = (l: LabeledCandidate) => records[l.record].candidates[l.candidate].hit?.concept ?? "*";
  const pairs: [number, number][] = [];
  for (const [v, f] of twinPairs(records.map((r) => r.record))) {
    const fixed = byRecord.get(f) ?? [];
    for (const i of byRecord.get(v) ?? []) {
      if (labeled[i].label !== 1) continue;
      for (const j of fixed) if (concept(labeled[j]) === concept(labeled[i])) pairs.push([i, j]);
    }
  }
  return pairs;
}
