// The line a key path sits on in a TOML table or a JSON object, found by reading keys in order (best effort).

/**
 * 1-based line of `path` (e.g. `["overrides", 1, "severity"]`) in `text`, searching from `from` (the offset of the
 * section). Each key is looked for after the previous one; an index moves to that element of an inline array, or
 * to that repetition of a TOML `[[table]]` header. Returns the line of the deepest part found.
 */
export function keyLine(text: string, path: readonly (string | number)[], from: number, syntax: "toml" | "json"): number {
  let at = from;
  let previous: RegExp | undefined;
  let header = false;
  for (const part of path) {
    if (typeof part === "number") {
      const next = header && previous ? nthRepeat(text, previous, at, part) : nthElement(text, at, part);
      if (next === undefined) break;
      at = next;
      continue;
    }
    const key = part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern =
      syntax === "json" ? new RegExp(`"${key}"\\s*:`, "g") : new RegExp(`(^|[\\s{,.\\[])("${key}"|'${key}'|${key})\\s*(=|\\]+|\\.)`, "gm");
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) break;
    previous = pattern;
    header = match[0].endsWith("]");
    at = match.index + match[0].length;
  }
  return lineAt(text, at);
}

/** Offset just after the `n`-th further match of a `[[table]]` header (n = 0: where we are). */
function nthRepeat(text: string, pattern: RegExp, at: number, n: number): number | undefined {
  pattern.lastIndex = at;
  for (let i = 0; i < n; i++) {
    const match = pattern.exec(text);
    if (!match) return undefined;
    at = match.index + match[0].length;
  }
  return at;
}

/** Offset of element `n` of the array that opens after `at` (strings skipped; commas at depth 1 split elements). */
function nthElement(text: string, at: number, n: number): number | undefined {
  const open = text.indexOf("[", at);
  if (open < 0) return undefined;
  let depth = 0;
  let index = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return undefined;
      i = end;
    } else if (c === "[" || c === "{") {
      depth++;
      if (depth === 2 && index === n) return i;
    } else if (c === "]" || c === "}") {
      depth--;
      if (depth === 0) return undefined;
    } else if (c === "," && depth === 1 && ++index > n) return undefined;
  }
  return undefined;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(offset, text.length); i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
