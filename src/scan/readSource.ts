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
/** U+FFFD as UTF-8 bytes. */
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);
const lenient = new TextDecoder("utf-8");

/** Share of control bytes or undecodable text above which a file is data, not source (source has next to none). */
const BINARY_SHARE = 0.01;

/** Why the bytes look like data rather than text (control bytes, text that is not UTF-8), or null. */
function binaryEvidence(bytes: Buffer): string | null {
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of sample) if (b < 0x20 ? b !== 9 && b !== 10 && b !== 12 && b !== 13 : b === 0x7f) control++;
  if (control > BINARY_SHARE * sample.length) return `${((100 * control) / sample.length).toFixed(1)} % control bytes`;
  const text = lenient.decode(sample);
  let bad = 0;
  for (let i = text.indexOf("\ufffd"); i !== -1; i = text.indexOf("\ufffd", i + 1)) bad++;
  // U+FFFD written in the file itself (EF BF BD: character tables, test data) is text, not a decoding failure.
  for (let i = sample.indexOf(REPLACEMENT); i !== -1; i = sample.indexOf(REPLACEMENT, i + 3)) bad--;
  return bad > BINARY_SHARE * text.length ? `${((100 * bad) / Math.max(1, text.length)).toFixed(1)} % of it is not UTF-8` : null;
}

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
  const binary = binaryEvidence(bytes);
  if (binary) return { ok: false, reason: "binary", detail: binary };
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
