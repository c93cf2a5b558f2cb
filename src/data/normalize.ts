// Language-agnostic token normalisation for near-duplicate detection: identifiers, strings and numbers
// become placeholders and comments disappear, so renaming and reformatting do not hide a copy.

const KEYWORDS = new Set(
  (
    "def return if elif else for while in import from as class try except finally raise with lambda yield " +
    "not and or is None True False pass break continue global nonlocal async await assert del " +
    "const let var function new this typeof instanceof catch throw switch case default do delete void " +
    "null undefined true false export extends super static get set of"
  ).split(" "),
);

const TOKEN =
  /("""[\s\S]*?"""|'''[\s\S]*?'''|`(?:\\[\s\S]|[^`\\])*`|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|(#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/)|([A-Za-z_$][\w$]*)|(\d[\w.]*)|(=>|===|!==|==|!=|<=|>=|\*\*|&&|\|\||[^\s\w])/g;

/** Normalised token stream: `I` for identifiers, `S` for strings, `N` for numbers; keywords and punctuation kept. */
export function normalizedTokens(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(TOKEN)) {
    if (m[1] !== undefined) out.push("S");
    else if (m[2] !== undefined) continue;
    else if (m[3] !== undefined) out.push(KEYWORDS.has(m[3]) ? m[3] : "I");
    else if (m[4] !== undefined) out.push("N");
    else out.push(m[5]);
  }
  return out;
}

/** Shingles (k-grams of normalised tokens) as 32-bit hashes. */
export function shingleHashes(code: string, k = 5): Uint32Array {
  const toks = normalizedTokens(code);
  const set = new Set<number>();
  if (toks.length < k) set.add(fnv1a(toks.join(" ")));
  for (let i = 0; i + k <= toks.length; i++) set.add(fnv1a(toks.slice(i, i + k).join(" ")));
  return Uint32Array.from(set);
}

/** FNV-1a 32-bit hash of a string. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
