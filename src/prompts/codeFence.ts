// Code goes into a prompt as untrusted data inside a tag no snippet can forge: its name carries a digest of the code.
import { sha256 } from "../util/hash.js";

export interface FenceOptions {
  /** Prefix each line with its 1-based number (`  7 | code`). Defaults to `false`. */
  numbered?: boolean;
}

/** Wrap code in `<code-XXXXXXXXXX language="…">…</code-XXXXXXXXXX>`; the suffix is derived from the code itself. */
export function fenceCode(code: string, language: string, options: FenceOptions = {}): string {
  const tag = `code-${sha256(code).slice(0, 10)}`;
  const lines = code.replace(/\r\n?/g, "\n").split("\n");
  const width = String(lines.length).length;
  const body = options.numbered ? lines.map((l, i) => `${String(i + 1).padStart(width)} | ${l}`).join("\n") : lines.join("\n");
  const attrs = `language="${language.replace(/[^\w+#.-]/g, "")}"${options.numbered ? ' numbered="true"' : ""}`;
  return `<${tag} ${attrs}>\n${body}\n</${tag}>`;
}

export interface FencedCode {
  code: string;
  language: string;
}

const OPEN = /<(code-[0-9a-f]{10}) language="([^"]*)"( numbered="true")?>\n/;

/** Find the fenced code in a rendered prompt (used by `cwescope serve` over non-chat backends). */
export function extractFencedCode(text: string): FencedCode | null {
  const open = OPEN.exec(text);
  if (!open) return null;
  const start = open.index + open[0].length;
  const end = text.indexOf(`\n</${open[1]}>`, start - 1);
  if (end < start - 1) return null;
  let code = text.slice(start, Math.max(start, end));
  if (open[3]) code = code.split("\n").map((l) => l.replace(/^\s*\d+ \| ?/, "")).join("\n");
  return { code, language: open[2] };
}
