// How far a fix is from its vulnerable twin, in lines: a minimal pair changes few.

export interface LineDiff {
  /** Lines of the vulnerable twin that the fix drops or rewrites. */
  removed: number;
  /** Lines of the fix that are new or rewritten. */
  added: number;
}

/** Line diff by longest common subsequence (trailing whitespace ignored). Snippets are short: O(n·m) is fine. */
export function diffLines(before: string, after: string): LineDiff {
  const a = before.replace(/\s+$/, "").split("\n").map((l) => l.trimEnd());
  const b = after.replace(/\s+$/, "").split("\n").map((l) => l.trimEnd());
  const width = b.length + 1;
  const lcs = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
  const common = lcs[0];
  return { removed: a.length - common, added: b.length - common };
}

/** Size of the change: the larger of lines removed and lines added. */
export function changedLines(before: string, after: string): number {
  const d = diffLines(before, after);
  return Math.max(d.removed, d.added);
}
