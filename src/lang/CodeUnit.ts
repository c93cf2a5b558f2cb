// A code unit: a function, method, named arrow/function expression, or the module-level code of a file.
import type { FileSyntax, SyntaxNode } from "./view/SyntaxNode.js";

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
   * The unit's syntax, copied out of the parse (plain objects, no tree to keep alive). Lets the embedded
   * model reuse the parse instead of parsing the unit again. Absent for units re-created from text.
   */
  syntax?: UnitSyntax;
}

export interface UnitSyntax {
  /** The unit's file. */
  file: FileSyntax;
  /** The function node, or the file's root for the module unit. */
  node: SyntaxNode;
  /** `node` contains syntax errors (`hasError` covers the unit's whole span: decorators, declaration). */
  hasError: boolean;
}
