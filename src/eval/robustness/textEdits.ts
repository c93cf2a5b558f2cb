// Applying non-overlapping text edits and remapping 1-based line numbers through them. Offsets are string
// (UTF-16) indices, which is what web-tree-sitter's `startIndex`/`endIndex` are for a JavaScript string.
import type { TextEdit } from "./editKinds.js";

/** Apply edits (any order, non-overlapping; insertions at the same point keep their given order). */
export function applyTextEdits(code: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  let out = "";
  let at = 0;
  for (const { e } of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at ${e.start}`);
    out += code.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + code.slice(at);
}

const newlines = (s: string) => s.split("\n").length - 1;

/**
 * Where each original line lands after the edits: a 1-based line maps to every line its text now spans.
 * Whole lines inserted at the start of a line go before it.
 */
export function remapLines(code: string, edits: readonly TextEdit[], lines: readonly number[]): number[] {
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === "\n") starts.push(i + 1);
  const delta = (e: TextEdit) => newlines(e.text) - newlines(code.slice(e.start, e.end));
  const out = new Set<number>();
  for (const line of lines) {
    const lineStart = starts[line - 1];
    if (lineStart === undefined) continue;
    const lineEnd = line < starts.length ? starts[line] - 1 : code.length;
    let before = 0;
    let inside = 0;
    for (const e of edits) {
      if (e.end <= lineStart) before += delta(e);
      else if (e.start >= lineStart && e.end <= lineEnd) inside += delta(e);
    }
    for (let l = line + before; l <= line + before + inside; l++) out.add(l);
  }
  return [...out].sort((a, b) => a - b);
}
