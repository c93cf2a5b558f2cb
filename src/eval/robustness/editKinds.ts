// The meaning-preserving edit kinds of the robustness set and the records it is made of.
import type { Tree } from "web-tree-sitter";
import type { DatasetRecord } from "../../data/record.js";
import type { SourceLanguage } from "../../lang/CodeUnit.js";
import type { Rng } from "../../util/random.js";

/**
 * - `rename`: locally bound names (parameters, local variables) renamed consistently.
 * - `safety-comment`: comments claiming the code is safe / telling the model to answer "not vulnerable".
 * - `dead-code`: an unreachable branch or an unused helper with benign code.
 * - `reformat`: quote style, call arguments wrapped one per line, blank lines.
 */
export const EDIT_KINDS = ["rename", "safety-comment", "dead-code", "reformat"] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/** An edited copy of a dataset record; `lines` point at the same code in the edited snippet. */
export type EditedRecord = DatasetRecord & {
  /** Id of the record it was derived from. */
  original_id: string;
  edit: EditKind;
};

/** A replacement of `code.slice(start, end)` by `text` (UTF-16 string indices into the original code). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** What a transform sees: the original snippet, its parse, and a seeded generator. */
export interface EditContext {
  code: string;
  language: SourceLanguage;
  tree: Tree;
  rng: Rng;
  /** 1-based lines that carry the weakness (empty for fixed twins). */
  lines: readonly number[];
  /** Where the weakness is or would be: `lines`, or the twin's lines for a fixed snippet. May be empty. */
  anchors: readonly number[];
}

/** A transform proposes edits, or `undefined` when it finds nothing to change in this snippet. */
export type Transform = (ctx: EditContext) => TextEdit[] | undefined;
