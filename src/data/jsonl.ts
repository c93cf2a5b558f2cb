// Streaming JSONL: reads line by line from a byte stream (never the whole file), reports `file:line: reason`.
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import type { z } from "zod";
import { formatZodError } from "./record.js";

/** A problem at one line of an input file. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = "InputError";
  }
}

export interface JsonlLine {
  line: number;
  /** Decoded text, or undefined when the line is not valid UTF-8 or too long. */
  text?: string;
  error?: string;
}

export interface ReadOptions {
  /** Lines longer than this are reported, not parsed. Defaults to `8 MiB`. */
  maxLineBytes?: number;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Split a file into lines as bytes, decode each strictly as UTF-8. Blank lines are skipped. */
export async function* readLines(file: string, options: ReadOptions = {}): AsyncGenerator<JsonlLine> {
  const max = options.maxLineBytes ?? 8 * 1024 * 1024;
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  let line = 0;
  const finish = (): JsonlLine | undefined => {
    line++;
    const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    parts = [];
    const wasOverflow = overflow;
    const bytes = size;
    size = 0;
    overflow = false;
    if (wasOverflow) return { line, error: `line is longer than ${max} bytes (${bytes} bytes)` };
    const trimmed = buf.length && buf[buf.length - 1] === 0x0d ? buf.subarray(0, buf.length - 1) : buf;
    if (!trimmed.length) return undefined;
    try {
      const text = decoder.decode(trimmed);
      return text.trim() ? { line, text } : undefined;
    } catch {
      return { line, error: "invalid UTF-8" };
    }
  };
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const piece = nl === -1 ? chunk.subarray(start) : chunk.subarray(start, nl);
      size += piece.length;
      if (size > max) overflow = true;
      else if (piece.length) parts.push(piece);
      if (nl === -1) break;
      const out = finish();
      if (out) yield out;
      start = nl + 1;
    }
  }
  if (size > 0 || parts.length) {
    const out = finish();
    if (out) yield out;
  }
}

export type Parsed<T> = { ok: true; line: number; value: T } | { ok: false; line: number; error: string };

/** Read and validate each line against a zod schema; problems come back as data with their line. */
export async function* readJsonl<S extends z.ZodType>(
  file: string,
  schema: S,
  options: ReadOptions = {},
): AsyncGenerator<Parsed<z.infer<S>>> {
  for await (const { line, text, error } of readLines(file, options)) {
    if (error !== undefined || text === undefined) {
      yield { ok: false, line, error: error ?? "unreadable line" };
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      const truncated = !text.trimEnd().endsWith("}");
      yield { ok: false, line, error: `${truncated ? "truncated or malformed" : "malformed"} JSON (${(err as Error).message})` };
      continue;
    }
    const result = schema.safeParse(json);
    if (result.success) yield { ok: true, line, value: result.data };
    else yield { ok: false, line, error: `schema: ${formatZodError(result.error)}` };
  }
}

/** Read a whole JSONL file into an array, throwing an InputError on the first bad line. */
export async function loadJsonl<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>[]> {
  const out: z.infer<S>[] = [];
  for await (const item of readJsonl(file, schema)) {
    if (!item.ok) throw new InputError(file, item.line, item.error);
    out.push(item.value);
  }
  return out;
}

/** Append-friendly JSONL writer with back-pressure. */
export class JsonlWriter {
  private readonly stream: WriteStream;

  constructor(file: string, options: { append?: boolean } = {}) {
    this.stream = createWriteStream(file, { flags: options.append ? "a" : "w" });
  }

  async write(value: unknown): Promise<void> {
    if (!this.stream.write(JSON.stringify(value) + "\n")) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
