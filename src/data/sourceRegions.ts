// A light lexer for label-leak checks: splits Python or JavaScript into code, comment and string regions,
// and finds dotted identifier chains with the context that tells a real option from an invented name.

export type RegionKind = "code" | "comment" | "string";

export interface IdentifierChain {
  /** The chain's segments: `req.cookies.secure` → `["req", "cookies", "secure"]`. */
  segments: string[];
  /** Offset of each segment in the source. */
  offsets: number[];
  kind: RegionKind;
  /** The first segment is used as an object key, a keyword argument or a property (`secure: true`, `safe=""`, `f().secure`). */
  optionLike: boolean;
  /** Index of the region the chain belongs to; phrases match within one region. */
  region: number;
}

type Dialect = "python" | "javascript";

const LEX: Record<Dialect, RegExp> = {
  python:
    /(#[^\n]*)|((?:[rRbBuUfF]{1,2})?(?:"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?))|([A-Za-z_]\w*(?:[ \t]*\.[ \t]*[A-Za-z_]\w*)*)|([([{])|([)\]}])|(\S)/g,
  javascript:
    /(\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|("(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?|`(?:\\[\s\S]|[^`\\])*`?)|(#?[A-Za-z_$][\w$]*(?:\s*\??\.\s*#?[A-Za-z_$][\w$]*)*)|([([{])|([)\]}])|(\S)/g,
};

const WORD_CHAIN = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/g;

/** Every identifier chain of `code`, with words inside comments and strings as chains of their own region. */
export function identifierChains(code: string, language: string): IdentifierChain[] {
  const out: IdentifierChain[] = [];
  let region = 0;
  const scan = (text: string, base: number, dialect: Dialect) => {
    let depth = 0;
    const lex = new RegExp(LEX[dialect].source, "g");
    for (const m of text.matchAll(lex)) {
      const at = base + m.index;
      if (m[1] !== undefined) proseChains(m[1], at, "comment");
      else if (m[2] !== undefined) stringChains(m[2], at, dialect);
      else if (m[3] !== undefined) {
        const { segments, offsets } = splitChain(m[3], at);
        const before = text.slice(Math.max(0, m.index - 40), m.index).trimEnd();
        const after = text.slice(m.index + m[3].length, m.index + m[3].length + 40).trimStart();
        const property = before.endsWith(".") || before.endsWith("?.");
        const key = depth > 0 && /^:(?!:)/.test(after) && !before.endsWith("?");
        const kwarg = depth > 0 && /^=(?![=>])/.test(after);
        out.push({ segments, offsets, kind: "code", optionLike: property || key || kwarg, region: region++ });
      } else if (m[4] !== undefined) depth++;
      else if (m[5] !== undefined) depth = Math.max(0, depth - 1);
    }
  };
  const proseChains = (text: string, at: number, kind: RegionKind) => {
    const r = region++;
    for (const m of text.matchAll(WORD_CHAIN)) out.push({ ...splitChain(m[0], at + m.index), kind, optionLike: false, region: r });
  };
  const stringChains = (literal: string, at: number, dialect: Dialect) => {
    // Interpolations (`${…}`, f-string `{…}`) are code; the rest is string data.
    const interpolation = dialect === "javascript" ? (literal.startsWith("`") ? /\$\{([^}]*)\}/g : null) : /^[rRbBuU]?[fF]/.test(literal) ? /\{([^{}]*)\}/g : null;
    let last = 0;
    const data: string[] = [];
    if (interpolation)
      for (const m of literal.matchAll(interpolation)) {
        data.push(literal.slice(last, m.index));
        scan(m[1], at + m.index + m[0].indexOf(m[1]), dialect);
        data.push(" ".repeat(m[0].length));
        last = m.index + m[0].length;
      }
    data.push(literal.slice(last));
    proseChains(data.join(""), at, "string");
  };
  scan(code, 0, language === "python" ? "python" : "javascript");
  return out.sort((a, b) => a.offsets[0] - b.offsets[0]);
}

function splitChain(text: string, at: number): { segments: string[]; offsets: number[] } {
  const segments: string[] = [];
  const offsets: number[] = [];
  for (const m of text.matchAll(/#?[A-Za-z_$][\w$]*/g)) {
    segments.push(m[0].replace(/^#/, ""));
    offsets.push(at + m.index);
  }
  return { segments, offsets };
}

/** 1-based line and column of an offset. */
export function lineAndColumn(code: string, offset: number): { line: number; column: number } {
  const before = code.slice(0, offset);
  const nl = before.lastIndexOf("\n");
  return { line: before.split("\n").length, column: offset - nl };
}
