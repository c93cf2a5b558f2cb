// A code unit: a function, method, named arrow/function expression, or the module-level code of a file.
import type { Node, Tree } from "web-tree-sitter";

/** Languages the parsers know. `tsx` covers JSX/TSX files. */
export type SourceLanguage = "python" | "javascript" | "typescript" | "tsx";

export type UnitKind = "function" | "method" | "arrow" | "function-expression" | "module";

export interface CodeUnit {
  /** File the unit came from, when known. */
  file?: string;
  language: SourceLanguage;
  kind: UnitKind;
  /** Qualified name (`Class.method`, `handler`), or `<module>`. */
  name: string;
  /** 1-based inclusive line range in the file. */
  startLine: number;
  endLine: number;
  /** Source text of the unit (for `module`, the top-level code outside other units). */
  code: string;
  /** The unit's code contains syntax errors; it was recovered from a partial tree. */
  hasError: boolean;
  /**
   * The syntax node, valid only while the tree it belongs to is alive. Lets the embedded model reuse the
   * parse instead of parsing the unit again. Absent for units re-created from text.
   */
  node?: Node;
  /** The tree owning `node`. */
  tree?: Tree;
}
