// Splits a source file into code units (functions, methods, bound arrows/function expressions, module code).
import { Parser, type Language, type Node, type Tree } from "web-tree-sitter";
import type { CodeUnit, SourceLanguage } from "./CodeUnit.js";
import { loadGrammars, SOURCE_LANGUAGES } from "./grammars.js";
import { isFunctionNode, unitKind, unitName, unitSpanNode } from "./unitNodes.js";

export interface SplitResult {
  units: CodeUnit[];
  /** The parse; units' `node`s live in it. The caller calls `tree.delete()` when done with the file. */
  tree: Tree;
  /** The file has syntax errors; units were recovered from the partial tree. */
  hasError: boolean;
}

/**
 * Parses with one reusable tree-sitter parser per language (created once in `create()`), and walks each
 * tree once. Units are the outermost functions (closures stay inside their parent); classes are
 * transparent, so methods are units. The `module` unit holds the lines outside every other unit.
 */
export class UnitSplitter {
  private constructor(private readonly parsers: Record<SourceLanguage, Parser>) {}

  static async create(): Promise<UnitSplitter> {
    const grammars = await loadGrammars();
    const parsers = {} as Record<SourceLanguage, Parser>;
    for (const lang of SOURCE_LANGUAGES) parsers[lang] = new Parser().setLanguage(grammars[lang] as Language);
    return new UnitSplitter(parsers);
  }

  /** Parse only; the caller owns (and deletes) the tree. */
  parse(source: string, language: SourceLanguage): Tree {
    const tree = this.parsers[language].parse(source);
    if (!tree) throw new Error(`tree-sitter returned no tree for ${language} source`);
    return tree;
  }

  split(source: string, language: SourceLanguage, file?: string): SplitResult {
    const tree = this.parse(source, language);
    const lines = source.split("\n");
    const units: CodeUnit[] = [];
    const covered = new Uint8Array(lines.length);
    const stack: Node[] = [tree.rootNode];
    const found: Node[] = [];
    while (stack.length) {
      const node = stack.pop()!;
      if (isFunctionNode(node.type) && hasBody(node)) {
        found.push(node);
        continue;
      }
      const children = node.namedChildren;
      for (let i = children.length - 1; i >= 0; i--) if (children[i]) stack.push(children[i]!);
    }
    for (const node of found) {
      const span = unitSpanNode(node);
      const startLine = span.startPosition.row + 1;
      const endLine = span.endPosition.row + 1;
      for (let l = startLine; l <= endLine; l++) covered[l - 1] = 1;
      units.push({
        file,
        language,
        kind: unitKind(node),
        name: unitName(node),
        startLine,
        endLine,
        code: lines.slice(startLine - 1, endLine).join("\n"),
        hasError: span.hasError,
        node,
        tree,
      });
    }
    const moduleLines = lines.map((text, i) => (covered[i] ? "" : text));
    if (moduleLines.some((l) => l.trim() !== "")) {
      units.unshift({
        file,
        language,
        kind: "module",
        name: "<module>",
        startLine: 1,
        endLine: lines.length,
        code: moduleLines.join("\n"),
        hasError: tree.rootNode.hasError,
        node: tree.rootNode,
        tree,
      });
    }
    return { units, tree, hasError: tree.rootNode.hasError };
  }

  /** Free the parsers. */
  delete(): void {
    for (const p of Object.values(this.parsers)) p.delete();
  }
}

/** Signatures without bodies (TypeScript overloads, abstract methods) are not units. */
function hasBody(node: Node): boolean {
  return node.childForFieldName("body") !== null;
}
