// The robustness set: every record of a dataset under each meaning-preserving edit, seeded and
// reproducible. An edit that finds nothing to change, or would leave code that no longer parses, is skipped.
import type { DatasetRecord } from "../../data/record.js";
import { grammarOf, UnitSplitter } from "../../lang/index.js";
import { createRng } from "../../util/random.js";
import { sha256 } from "../../util/hash.js";
import { deadCode } from "./deadCode.js";
import { EDIT_KINDS, type EditContext, type EditedRecord, type EditKind, type Transform } from "./editKinds.js";
import { renameLocals } from "./renameLocals.js";
import { reformat } from "./reformat.js";
import { safetyComments } from "./safetyComments.js";
import { applyTextEdits, remapLines } from "./textEdits.js";

export const TRANSFORMS: Record<EditKind, Transform> = {
  rename: renameLocals,
  "safety-comment": safetyComments,
  "dead-code": deadCode,
  reformat,
};

export interface RobustnessSetOptions {
  /** Edit kinds to apply. Defaults to all of `EDIT_KINDS`. */
  kinds?: readonly EditKind[];
  /** A parser to reuse. Defaults to a new `UnitSplitter`. */
  splitter?: UnitSplitter;
}

export interface RobustnessSet {
  /** Edited records, grouped by original record in input order, then by edit kind. */
  records: EditedRecord[];
  /** Per edit kind, originals left without an edited copy (nothing to change, or it would not parse). */
  skipped: Record<EditKind, number>;
}

/** Edited copies of `records`; the same records and seed always give the same set. */
export async function buildRobustnessSet(records: readonly DatasetRecord[], seed: number, options: RobustnessSetOptions = {}): Promise<RobustnessSet> {
  const kinds = options.kinds ?? EDIT_KINDS;
  const splitter = options.splitter ?? (await UnitSplitter.create());
  const twinLines = new Map<string, number[]>();
  for (const r of records) if (r.pair && r.cwe && r.lines?.length) twinLines.set(r.pair, r.lines);
  const skipped = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<EditKind, number>;
  const out: EditedRecord[] = [];
  for (const record of records) {
    for (const kind of kinds) {
      const edited = editRecord(splitter, record, kind, seed, twinLines.get(record.pair ?? "") ?? []);
      if (edited) out.push(edited);
      else skipped[kind]++;
    }
  }
  return { records: out, skipped };
}

/** One record under one edit kind, or undefined when the edit does not apply. */
export function editRecord(splitter: UnitSplitter, record: DatasetRecord, kind: EditKind, seed: number, twinLines: readonly number[] = []): EditedRecord | undefined {
  const language = grammarOf(record.language);
  const tree = splitter.parse(record.code, language);
  try {
    if (tree.rootNode.hasError) return undefined;
    const lines = record.lines ?? [];
    const ctx: EditContext = {
      code: record.code,
      language,
      tree,
      rng: createRng(seed ^ parseInt(sha256(`${record.id}\n${kind}`).slice(0, 8), 16)),
      lines,
      anchors: lines.length ? lines : twinLines,
    };
    const edits = TRANSFORMS[kind](ctx);
    if (!edits?.length) return undefined;
    const code = applyTextEdits(record.code, edits);
    if (code === record.code || !parsesCleanly(splitter, code, language)) return undefined;
    const edited: EditedRecord = { ...record, id: `${record.id}~${kind}`, code, original_id: record.id, edit: kind };
    if (record.lines) edited.lines = remapLines(record.code, edits, record.lines);
    return edited;
  } finally {
    tree.delete();
  }
}

function parsesCleanly(splitter: UnitSplitter, code: string, language: ReturnType<typeof grammarOf>): boolean {
  const tree = splitter.parse(code, language);
  try {
    return !tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}
