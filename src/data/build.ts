// `data build`: authoring YAML (data/src/<language>/CWE-<n>.yaml) → dataset records with ids, then splits.
import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import { z } from "zod";
import { parseCweId } from "../cwe/catalog.js";
import { InputError } from "./jsonl.js";
import { formatZodError, type DatasetRecord, type Language } from "./record.js";

const SourcePair = z.object({
  tags: z.array(z.string()).default([]),
  lines: z.array(z.number().int().positive()).min(1),
  vulnerable: z.string().min(1),
  fixed: z.string().min(1),
});
const SourceNegative = z.object({ tags: z.array(z.string()).default([]), code: z.string().min(1) });
export const SourceFileSchema = z.object({
  cwe: z.string(),
  language: z.enum(["python", "javascript", "typescript"]),
  pairs: z.array(SourcePair).default([]),
  negatives: z.array(SourceNegative).default([]),
});

const PREFIX: Record<Language, string> = { python: "py", javascript: "js", typescript: "ts" };

const strip = (code: string) => code.replace(/\s+$/, "") + "\n";

/** Turn one authoring file into records. Errors name the file and the YAML line. */
export async function recordsFromSource(file: string): Promise<DatasetRecord[]> {
  const text = await readFile(file, "utf8");
  const doc = parseDocument(text);
  if (doc.errors.length) {
    const err = doc.errors[0];
    throw new InputError(file, err.linePos?.[0]?.line ?? 1, `YAML: ${err.message.split("\n")[0]}`);
  }
  const parsed = SourceFileSchema.safeParse(doc.toJS());
  if (!parsed.success) throw new InputError(file, 1, formatZodError(parsed.error));
  const src = parsed.data;
  const cwe = parseCweId(src.cwe);
  if (!cwe) throw new InputError(file, 1, `bad cwe "${src.cwe}"`);
  const num = cwe.slice(4).padStart(4, "0");
  const prefix = PREFIX[src.language];
  const out: DatasetRecord[] = [];
  src.pairs.forEach((p, i) => {
    const pair = `${prefix}-${num}-${String(i + 1).padStart(3, "0")}`;
    const vulnerable = strip(p.vulnerable);
    const lineCount = vulnerable.split("\n").length - 1;
    for (const n of p.lines)
      if (n > lineCount) throw new InputError(file, 1, `pair ${i + 1}: line ${n} is beyond the vulnerable snippet (${lineCount} lines)`);
    const base = { language: src.language, pair, source: "cwescope", tags: p.tags };
    out.push({ id: `${pair}-v`, ...base, code: vulnerable, cwe, lines: p.lines });
    out.push({ id: `${pair}-f`, ...base, code: strip(p.fixed), cwe: null });
  });
  src.negatives.forEach((n, i) => {
    const id = `${prefix}-${num}-n${String(i + 1).padStart(2, "0")}`;
    out.push({ id, language: src.language, code: strip(n.code), cwe: null, pair: null, source: "cwescope", tags: [...n.tags, "hard-negative"], hard_negative_for: cwe });
  });
  return out;
}
