// GitHub code scanning's `primaryLocationLineHash`: a rolling hash of the first 100 non-blank characters
// from the start of each line (spaces and tabs dropped, CR/CRLF read as LF), with `:n` counting repeats.
// Computed here so uploads do not need the sources next to the SARIF file.

const WINDOW = 100;
const BASE = 37n;
const MASK = (1n << 64n) - 1n;
const END_OF_FILE = 0xffff;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

let basePowWindow = 1n;
for (let i = 0; i < WINDOW; i++) basePowWindow = (basePowWindow * BASE) & MASK;

/** Line hashes of `text` for the requested 1-based lines (hashing stops after the last one). */
export function lineHashes(text: string, wanted: Iterable<number>): Map<number, string> {
  const want = new Set(wanted);
  const out = new Map<number, string>();
  if (want.size === 0) return out;
  const window = new Int32Array(WINDOW);
  const lineAt = new Int32Array(WINDOW).fill(-1);
  const seen = new Map<string, number>();
  let hash = 0n;
  let slot = 0;
  let line = 0;
  let atLineStart = true;
  let afterCr = false;

  const emit = () => {
    const value = hash.toString(16);
    const count = (seen.get(value) ?? 0) + 1;
    seen.set(value, count);
    if (want.has(lineAt[slot])) out.set(lineAt[slot], `${value}:${count}`);
    lineAt[slot] = -1;
  };
  const push = (code: number) => {
    hash = (hash * BASE + BigInt(code) - basePowWindow * BigInt(window[slot])) & MASK;
    window[slot] = code;
    slot = (slot + 1) % WINDOW;
  };
  const feed = (code: number) => {
    if (code === SPACE || code === TAB || (afterCr && code === LF)) {
      afterCr = false;
      return;
    }
    afterCr = code === CR;
    if (afterCr) code = LF;
    if (lineAt[slot] !== -1) emit();
    if (atLineStart) {
      atLineStart = false;
      lineAt[slot] = ++line;
    }
    if (code === LF) atLineStart = true;
    push(code);
  };

  for (let i = 0; i < text.length && out.size < want.size; i++) feed(text.charCodeAt(i));
  if (out.size < want.size) {
    feed(END_OF_FILE);
    for (let i = 0; i < WINDOW; i++) {
      if (lineAt[slot] !== -1) emit();
      push(0);
    }
  }
  return out;
}
