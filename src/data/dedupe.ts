// `data dedupe`: near-duplicate pairs within and across dataset files.
import { loadJsonl } from "./jsonl.js";
import { findNearDuplicates, type DedupeItem, type DuplicatePair } from "./minhash.js";
import { DatasetRecordSchema } from "./record.js";

export interface FileDedupeOptions {
  /** Defaults to `0.7`. */
  threshold?: number;
  /** Only report pairs whose records come from different files. Defaults to `false`. */
  acrossOnly?: boolean;
}

export interface FileDuplicatePair extends DuplicatePair {
  fileA: string;
  fileB: string;
}

export async function dedupeFiles(files: string[], options: FileDedupeOptions = {}): Promise<FileDuplicatePair[]> {
  const items: Array<DedupeItem & { file: string }> = [];
  for (const file of files)
    for (const r of await loadJsonl(file, DatasetRecordSchema))
      items.push({ key: `${file}#${r.id}`, group: r.pair ?? undefined, code: r.code, file });
  const fileOf = new Map(items.map((i) => [i.key, i.file]));
  const pairs = findNearDuplicates(items, {
    threshold: options.threshold,
    across: options.acrossOnly ? (a, b) => fileOf.get(a.key) !== fileOf.get(b.key) : undefined,
  });
  return pairs.map((p) => ({ ...p, fileA: fileOf.get(p.a)!, fileB: fileOf.get(p.b)! }));
}
