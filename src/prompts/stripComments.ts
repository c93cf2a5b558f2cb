// Comment removal that keeps every line where it was, so line numbers in answers still point at the input.

/**
 * Remove comments (and Python docstrings) from Python or JavaScript/TypeScript code. Other strings are kept;
 * newlines are never removed.
 */
export function stripComments(code: string, language: string): string {
  const out = language === "python" ? stripPython(code) : stripCLike(code);
  return out.replace(/[ \t]+$/gm, "");
}

function stripPython(code: string): string {
  let out = "";
  let i = 0;
  let depth = 0;
  while (i < code.length) {
    const c = code[i];
    if (c === "#") {
      while (i < code.length && code[i] !== "\n") i++;
    } else if (c === '"' || c === "'") {
      const triple = code.startsWith(c.repeat(3), i);
      const end = scanString(code, i, triple ? c.repeat(3) : c, !triple);
      // A docstring (a triple-quoted string standing alone as a statement) is prose: its lines stay, empty.
      out += triple && isDocstring(code, out, end, depth) ? code.slice(i, end).replace(/[^\n]/g, "") : code.slice(i, end);
      i = end;
    } else {
      if ("([{".includes(c)) depth++;
      else if (")]}".includes(c) && depth > 0) depth--;
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Whether a triple-quoted string is a statement of its own: outside brackets, first on its line, after a
 * block header (`:`) or at the top of the file, with nothing but a comment after it on its line.
 */
function isDocstring(code: string, before: string, end: number, depth: number): boolean {
  if (depth > 0) return false;
  const lineStart = before.lastIndexOf("\n") + 1;
  if (before.slice(lineStart).trim() !== "") return false;
  const prior = before.slice(0, lineStart).trimEnd();
  if (prior !== "" && !prior.endsWith(":")) return false;
  const rest = code.slice(end, code.indexOf("\n", end) === -1 ? code.length : code.indexOf("\n", end));
  return /^\s*(?:#.*)?$/.test(rest);
}

/** Index just past a string starting at `start` with delimiter `quote`; single-line strings stop at a newline. */
function scanString(code: string, start: number, quote: string, singleLine: boolean): number {
  let i = start + quote.length;
  while (i < code.length) {
    if (code[i] === "\\") i += 2;
    else if (code.startsWith(quote, i)) return i + quote.length;
    else if (singleLine && code[i] === "\n") return i;
    else i++;
  }
  return code.length;
}

const REGEX_PRECEDERS = new Set(["", "(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}", ";", "+", "-", "*", "%", "<", ">", "~", "^"]);

function stripCLike(code: string): string {
  let out = "";
  let i = 0;
  let last = ""; // last significant character emitted, to tell a regex literal from a division
  while (i < code.length) {
    const c = code[i];
    const next = code[i + 1];
    if (c === "/" && next === "/") {
      while (i < code.length && code[i] !== "\n") i++;
    } else if (c === "/" && next === "*") {
      const end = code.indexOf("*/", i + 2);
      const stop = end === -1 ? code.length : end + 2;
      out += code.slice(i, stop).replace(/[^\n]/g, "");
      i = stop;
    } else if (c === '"' || c === "'" || c === "`") {
      const end = scanString(code, i, c, c !== "`");
      out += code.slice(i, end);
      i = end;
      last = c;
    } else if (c === "/" && REGEX_PRECEDERS.has(last)) {
      const end = scanRegex(code, i);
      out += code.slice(i, end);
      i = end;
      last = "/";
    } else {
      out += c;
      if (!/\s/.test(c)) last = c;
      i++;
    }
  }
  return out;
}

function scanRegex(code: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < code.length && code[i] !== "\n") {
    if (code[i] === "\\") i += 2;
    else if (code[i] === "[" || code[i] === "]") {
      inClass = code[i] === "[";
      i++;
    } else if (code[i] === "/" && !inClass) return i + 1;
    else i++;
  }
  return i;
}
