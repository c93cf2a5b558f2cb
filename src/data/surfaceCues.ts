// Surface-cue audit: can a snippet's length alone tell the vulnerable twin from the fixed one?
import type { DatasetRecord } from "./record.js";

export interface LengthSummary {
  meanLines: number;
  medianLines: number;
  meanChars: number;
  medianChars: number;
}

export interface SurfaceCues {
  language: string;
  pairs: number;
  vulnerable: LengthSummary;
  fixed: LengthSummary;
  /** Share of pairs whose fix has more characters than its vulnerable twin. */
  fixLongerShare: number;
  /** Share of pairs whose fix has more lines. */
  fixMoreLinesShare: number;
  /** Share of pairs where both twins have the same number of lines. */
  sameLinesShare: number;
  /**
   * Accuracy of the best length-only rule ("the longer twin is the fix" or its reverse) at telling the two
   * twins of a pair apart; 0.5 means length says nothing. Ties count as half right.
   */
  lengthRuleAccuracy: number;
  /**
   * For a detector that sees one snippet at a time: ROC AUC of "shorter means vulnerable" (characters) over all
   * records of the language, hard negatives included; 0.5 means length says nothing.
   */
  singleSnippetLengthAuc: number;
}

const lineCount = (code: string) => code.replace(/\n$/, "").split("\n").length;

function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : 0;
}

function summary(codes: string[]): LengthSummary {
  const lines = codes.map(lineCount);
  const chars = codes.map((c) => c.length);
  const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0);
  return { meanLines: mean(lines), medianLines: median(lines), meanChars: mean(chars), medianChars: median(chars) };
}

/** ROC AUC of `score` for the positives against the negatives (Mann–Whitney, ties count half). */
function auc(positives: number[], negatives: number[]): number {
  const all = [...positives.map((s) => ({ s, p: true })), ...negatives.map((s) => ({ s, p: false }))].sort((a, b) => a.s - b.s);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j].s === all[i].s) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k].p) rankSum += rank;
    i = j;
  }
  const np = positives.length;
  const nn = negatives.length;
  return np && nn ? (rankSum - (np * (np + 1)) / 2) / (np * nn) : 0.5;
}

/** One summary per language over complete pairs (hard negatives have no twin and are left out). */
export function surfaceCues(records: readonly DatasetRecord[]): SurfaceCues[] {
  const pairs = new Map<string, { v?: DatasetRecord; f?: DatasetRecord }>();
  for (const r of records) {
    if (!r.pair) continue;
    const p = pairs.get(r.pair) ?? {};
    if (r.cwe) p.v = r;
    else p.f = r;
    pairs.set(r.pair, p);
  }
  const byLanguage = new Map<string, Array<{ v: DatasetRecord; f: DatasetRecord }>>();
  for (const { v, f } of pairs.values()) if (v && f) byLanguage.set(v.language, [...(byLanguage.get(v.language) ?? []), { v, f }]);
  return [...byLanguage].map(([language, list]) => {
    const n = list.length;
    const longer = list.filter(({ v, f }) => f.code.length > v.code.length).length;
    const ties = list.filter(({ v, f }) => f.code.length === v.code.length).length;
    const fixLongerRule = (longer + ties / 2) / n;
    return {
      language,
      pairs: n,
      vulnerable: summary(list.map((p) => p.v.code)),
      fixed: summary(list.map((p) => p.f.code)),
      fixLongerShare: longer / n,
      fixMoreLinesShare: list.filter(({ v, f }) => lineCount(f.code) > lineCount(v.code)).length / n,
      sameLinesShare: list.filter(({ v, f }) => lineCount(f.code) === lineCount(v.code)).length / n,
      lengthRuleAccuracy: Math.max(fixLongerRule, 1 - fixLongerRule),
      singleSnippetLengthAuc: auc(
        records.filter((r) => r.language === language && r.cwe).map((r) => -r.code.length),
        records.filter((r) => r.language === language && !r.cwe).map((r) => -r.code.length),
      ),
    };
  });
}
