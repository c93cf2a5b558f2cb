// The gate every teacher candidate passes: schema, shape, minimal change, no label leak, parses, not a near-duplicate.
import { z } from "zod";
import { findHelperLeaks, findLabelLeaks, formatLabelLeak } from "../leakage.js";
import { formatZodError } from "../record.js";
import { changedLines } from "./changedLines.js";
import type { NearDuplicateIndex } from "./NearDuplicateIndex.js";
import type { SyntaxChecker } from "./SyntaxChecker.js";

export const TeacherPairSchema = z.object({
  tags: z.array(z.string().min(1)).default([]),
  lines: z.array(z.number().int().positive()).min(1),
  vulnerable: z.string().min(1),
  fixed: z.string().min(1),
});
export type TeacherPair = z.infer<typeof TeacherPairSchema>;

export interface CandidateLimits {
  /** Fewest lines per snippet. Defaults to `5`. */
  minLines?: number;
  /** Most lines per snippet. Defaults to `60`. */
  maxLines?: number;
  /** Most lines the fix may change (the larger of removed and added). Defaults to `8`. */
  maxChangedLines?: number;
  /** Jaccard similarity (normalised 5-token shingles) at which a snippet is a near-duplicate. Defaults to `0.7`. */
  threshold?: number;
}

export interface CandidateContext extends CandidateLimits {
  language: string;
  syntax: SyntaxChecker;
  index: NearDuplicateIndex;
}

export type CandidateCheck = { ok: true; pair: TeacherPair } | { ok: false; reasons: string[] };

/** The code as it will be stored: LF line ends, one final newline. */
export const tidyCode = (code: string) => code.replace(/\r\n/g, "\n").replace(/\s+$/, "") + "\n";

/** All reasons to reject one candidate (schema problems alone stop the rest of the checks). */
export async function checkCandidate(raw: unknown, ctx: CandidateContext): Promise<CandidateCheck> {
  const parsed = TeacherPairSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reasons: [`schema: ${formatZodError(parsed.error)}`] };
  const pair = { ...parsed.data, vulnerable: tidyCode(parsed.data.vulnerable), fixed: tidyCode(parsed.data.fixed) };
  const reasons: string[] = [];
  const min = ctx.minLines ?? 5;
  const max = ctx.maxLines ?? 60;
  const vulnLines = pair.vulnerable.split("\n").slice(0, -1);
  for (const side of ["vulnerable", "fixed"] as const) {
    const lines = pair[side].split("\n").slice(0, -1);
    if (lines.length < min || lines.length > max) reasons.push(`${side}: ${lines.length} lines (want ${min}-${max})`);
    const first = lines.find((l) => l.trim());
    if (first && /^\s/.test(first)) reasons.push(`${side}: does not start at column 0`);
  }
  for (const n of pair.lines)
    if (n > vulnLines.length || !vulnLines[n - 1].trim()) reasons.push(`lines: ${n} is not a non-blank line of vulnerable`);
  if (pair.vulnerable === pair.fixed) reasons.push("fixed is identical to vulnerable");
  else {
    const changed = changedLines(pair.vulnerable, pair.fixed);
    if (changed > (ctx.maxChangedLines ?? 8)) reasons.push(`fix changes ${changed} lines (most ${ctx.maxChangedLines ?? 8}): not a minimal pair`);
  }
  const options = { language: ctx.language };
  for (const side of ["vulnerable", "fixed"] as const)
    for (const leak of findLabelLeaks(pair[side], options)) reasons.push(`${side}: ${formatLabelLeak(leak)}`);
  for (const leak of findHelperLeaks(pair.vulnerable, pair.fixed, options)) reasons.push(`fixed: ${formatLabelLeak(leak)}, a helper only the fix calls`);
  const [vulnSyntax, fixedSyntax] = await ctx.syntax.check([
    { code: pair.vulnerable, language: ctx.language },
    { code: pair.fixed, language: ctx.language },
  ]);
  if (vulnSyntax) reasons.push(`vulnerable: does not parse: ${vulnSyntax}`);
  if (fixedSyntax) reasons.push(`fixed: does not parse: ${fixedSyntax}`);
  const threshold = ctx.threshold ?? 0.7;
  for (const side of ["vulnerable", "fixed"] as const) {
    const near = ctx.index.nearest(pair[side]);
    if (near && near.similarity >= threshold) reasons.push(`${side}: near-duplicate of ${near.key} (similarity ${near.similarity.toFixed(2)})`);
  }
  return reasons.length ? { ok: false, reasons } : { ok: true, pair };
}
