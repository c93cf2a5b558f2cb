// Entry point of the language-neutral view: a parsed unit (or a whole parsed snippet) → UnitView.
import type { Node } from "web-tree-sitter";
import type { CodeUnit, SourceLanguage } from "../CodeUnit.js";
import { JAVASCRIPT_TABLE } from "../tables/javascript.js";
import { PYTHON_TABLE } from "../tables/python.js";
import { MAX_NESTING, NestingTooDeepError } from "./NestingTooDeepError.js";
import { copySyntax, heightOf, type FileSyntax, type SyntaxNode } from "./SyntaxNode.js";
import type { UnitView } from "./UnitView.js";
import { isFunctionNode } from "../unitNodes.js";
import { CompiledTable } from "./CompiledTable.js";
import { FileSummaries } from "./FunctionSummaries.js";
import { ViewBuilder } from "./ViewBuilder.js";

const compiled = { python: new CompiledTable(PYTHON_TABLE), javascript: new CompiledTable(JAVASCRIPT_TABLE) };

/** TypeScript and TSX read with the JavaScript table. */
function tableFor(language: SourceLanguage): CompiledTable {
  return language === "python" ? compiled.python : compiled.javascript;
}

/** Import aliases per file, so every unit resolves `sp.run` without re-reading the imports. */
const aliasCache = new WeakMap<FileSyntax, Map<string, string[]>>();

function fileAliases(file: FileSyntax, table: CompiledTable): Map<string, string[]> {
  let aliases = aliasCache.get(file);
  if (!aliases) {
    aliases = new ViewBuilder(table, file.text, file.root.start, true).collectAliases(file.root);
    aliasCache.set(file, aliases);
  }
  return aliases;
}

/** Function summaries per file, computed as calls need them and shared by every unit of the file. */
const summaryCache = new WeakMap<FileSyntax, FileSummaries>();

function fileSummaries(file: FileSyntax, table: CompiledTable, aliases?: ReadonlyMap<string, string[]>): FileSummaries {
  let summaries = summaryCache.get(file);
  if (!summaries) {
    const src = (n: SyntaxNode) => file.text.slice(n.start - file.root.start, n.end - file.root.start);
    // A helper nested deeper than the view walks has no summary: calls to it read as calls to an unknown function.
    const read = (fn: SyntaxNode, own: FileSummaries) =>
      file.maxDepth > MAX_NESTING && heightOf(fn) > MAX_NESTING ? undefined : new ViewBuilder(table, file.text, file.root.start, false, aliases, own).summarise(fn);
    summaries = new FileSummaries(file.root, src, read);
    summaryCache.set(file, summaries);
  }
  return summaries;
}

/** Refuses a unit nested deeper than the view walks (most files are far below: only their deepest is checked). */
function checkNesting(file: FileSyntax, node: SyntaxNode, name: string | undefined, skipFunctions = false): void {
  if (file.maxDepth <= MAX_NESTING) return;
  const depth = heightOf(node, skipFunctions ? (n) => isFunctionNode(n.type) : undefined);
  if (depth > MAX_NESTING) throw new NestingTooDeepError(name, node.line, depth);
}

/** A function's decorators and the route call it is passed to belong to its view. */
function spanOf(node: SyntaxNode): SyntaxNode {
  const p = node.parent;
  if (p?.type === "decorated_definition") return p;
  if (p?.type === "arguments" && p.parent && (p.parent.type === "call_expression" || p.parent.type === "call")) return p.parent;
  return node;
}

/** The view of a whole parsed snippet (`node` is its tree's root). */
export function extractViewOfNode(node: Node, language: SourceLanguage): UnitView {
  if (node.parent) throw new Error(`the view of a snippet starts at its root, not at a ${node.type}`);
  const file = copySyntax(node.tree);
  checkNesting(file, file.root, undefined);
  const table = tableFor(language);
  // A snippet reads its own imports as it goes; its helpers are read with the imports at the top of the file.
  const summaries = fileSummaries(file, table, fileAliases(file, table));
  return new ViewBuilder(table, file.text, file.root.start, false, undefined, summaries).build(file.root, node.hasError);
}

/**
 * The view of a code unit from `UnitSplitter.split`. A function's view sees the imports of its file; the
 * module unit's leaves nested functions to their own units.
 */
export function extractView(unit: CodeUnit): UnitView {
  if (!unit.syntax) throw new Error(`unit ${unit.name} has no syntax; split its file with UnitSplitter first`);
  const { file, node, hasError } = unit.syntax;
  if (unit.kind === "module") checkNesting(file, file.root, unit.file, true);
  else checkNesting(file, spanOf(node), unit.file);
  const table = tableFor(unit.language);
  const aliases = fileAliases(file, table);
  const summaries = fileSummaries(file, table, aliases);
  if (unit.kind === "module") return new ViewBuilder(table, file.text, file.root.start, true, undefined, summaries).build(node, hasError);
  return new ViewBuilder(table, file.text, file.root.start, false, aliases, summaries).build(spanOf(node), hasError);
}
