// Reads a file to scan, or says why it is not scanned: too large, binary (NUL bytes), minified, unreadable.
// Synchronous: the scan of a file is CPU-bound and cannot start before its text is in, and promise-based
// reads cost several times more than the read itself.
import { readFileSync, statSync } from "node:fs";
import type { SkipReason } from "./Finding.js";

/** Default for `--max-file-bytes`: 1 MB. */
export const DEFAULT_MAX_FILE_BYTES = 1_000_000;
/** Files whose lines average more characters than this are treated as minified. */
export const MINIFIED_AVERAGE_LINE = 300;

export type SourceRead =
  | { ok: true; text: string; lines: number; notUtf8: boolean }
  | { ok: false; reason: SkipReason; detail: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

export function readSource(path: string, maxBytes: number = DEFAULT_MAX_FILE_BYTES): SourceRead {
  let bytes: Buffer;
  try {
    const info = statSync(path);
    if (!info.isFile()) return { ok: false, reason: "special", detail: "not a regular file (FIFO, socket or device): never read" };
    if (info.size > maxBytes) return { ok: false, reason: "too-large", detail: `${info.size} bytes > --max-file-bytes ${maxBytes}` };
    bytes = readFileSync(path);
  } catch (err) {
    return { ok: false, reason: "unreadable", detail: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
  if (bytes.length > maxBytes) return { ok: false, reason: "too-large", detail: `${bytes.length} bytes > --max-file-bytes ${maxBytes}` };
  if (bytes.includes(0)) return { ok: false, reason: "binary", detail: "contains NUL bytes" };
  let lines = bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? 1 : 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
  const average = bytes.length / Math.max(lines, 1);
  if (average > MINIFIED_AVERAGE_LINE) {
    return { ok: false, reason: "minified", detail: `lines average ${Math.round(average)} characters` };
  }
  let text: string;
  let notUtf8 = false;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = lenient.decode(bytes);
    notUtf8 = true;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text, lines, notUtf8 };
}
