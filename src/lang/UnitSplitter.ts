// Splits a source file into code units (functions, methods, bound arrows/function expressions, module code).
import { Parser, type Language, type Node, type Tree } from "web-tree-sitter";
import type { CodeUnit, SourceLanguage } from "./CodeUnit.js";
import { loadGrammars, SOURCE_LANGUAGES } from "./grammars.js";
import { isFunctionNode, unitKind, unitName, unitSpanNode } from "./unitNodes.js";
import { copySyntax, field, lineAt, type SyntaxNode } from "./view/SyntaxNode.js";

export interface SplitResult {
  units: CodeUnit[];
  /** The file has syntax errors; units were recovered from the partial tree. */
  hasError: boolean;
}

/**
 * Parses with one reusable tree-sitter parser per language (created once in `create()`), copies each tree
 * out of WASM in one walk and frees it. Units are the outermost functions (closures stay inside their
 * parent); classes are transparent, so methods are units. The `module` unit holds the lines outside every
 * other unit.
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
    try {
      const hasError = tree.rootNode.hasError;
      const syntax = copySyntax(tree);
      // The copy does not record errors; the rare files with some ask tree-sitter about each unit.
      const errorIn = (node: SyntaxNode) => hasError && nodeAt(tree, node).hasError;
      const lines = source.split("\n");
      const units: CodeUnit[] = [];
      const covered = new Uint8Array(lines.length);
      const stack: SyntaxNode[] = [syntax.root];
      const found: SyntaxNode[] = [];
      while (stack.length) {
        const node = stack.pop()!;
        if (isFunctionNode(node.type) && hasBody(node)) {
          found.push(node);
          continue;
        }
        const children = node.children;
        for (let i = children.length - 1; i >= 0; i--) if (children[i].named) stack.push(children[i]);
      }
      for (const node of found) {
        const span = unitSpanNode(node);
        const startLine = span.line;
        const endLine = lineAt(syntax, span.end);
        for (let l = startLine; l <= endLine; l++) covered[l - 1] = 1;
        units.push({
          file,
          language,
          kind: unitKind(syntax, node),
          name: unitName(syntax, node),
          startLine,
          endLine,
          code: lines.slice(startLine - 1, endLine).join("\n"),
          hasError: errorIn(span),
          syntax: { file: syntax, node, hasError: errorIn(node) },
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
          hasError,
          syntax: { file: syntax, node: syntax.root, hasError },
        });
      }
      return { units, hasError };
    } finally {
      tree.delete();
    }
  }

  /** Free the parsers. */
  delete(): void {
    for (const p of Object.values(this.parsers)) p.delete();
  }
}

/** Signatures without bodies (TypeScript overloads, abstract methods) are not units. */
function hasBody(node: SyntaxNode): boolean {
  return field(node, "body") !== undefined;
}

/** The tree-sitter node a copied node was made from: one call per level, so only for files with errors. */
function nodeAt(tree: Tree, copy: SyntaxNode): Node {
  const path: number[] = [];
  for (let n = copy; n.parent; n = n.parent) path.push(n.parent.children.indexOf(n));
  let node = tree.rootNode;
  for (let i = path.length - 1; i >= 0; i--) node = node.child(path[i])!;
  return node;
}
