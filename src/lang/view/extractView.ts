// Entry point of the language-neutral view: a parsed unit (or a whole parsed snippet) → UnitView.
import type { Node } from "web-tree-sitter";
import type { CodeUnit, SourceLanguage } from "../CodeUnit.js";
import { JAVASCRIPT_TABLE } from "../tables/javascript.js";
import { PYTHON_TABLE } from "../tables/python.js";
import { fileSyntax, type FileSyntax, type SyntaxNode } from "./SyntaxNode.js";
import type { UnitView } from "./UnitView.js";
import { CompiledTable } from "./CompiledTable.js";
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

/** A function's decorators and the route call it is passed to belong to its view. */
function spanOf(node: SyntaxNode): SyntaxNode {
  const p = node.parent;
  if (p?.type === "decorated_definition") return p;
  if (p?.type === "arguments" && p.parent && (p.parent.type === "call_expression" || p.parent.type === "call")) return p.parent;
  return node;
}

/**
 * The view of a syntax node: a unit's function node, or a tree's root for a whole snippet. With
 * `skipFunctions` (the module unit) nested functions are left to their own units. The file is copied out of
 * WASM once and shared by all its units.
 */
export function extractViewOfNode(node: Node, language: SourceLanguage, skipFunctions = false): UnitView {
  const table = tableFor(language);
  const file = fileSyntax(node.tree);
  const isRoot = node.parent === null;
  const copy = isRoot ? file.root : file.functions.get(`${node.startIndex}:${node.endIndex}`);
  if (!copy) throw new Error(`no unit starts at offset ${node.startIndex} (${node.type})`);
  const span = isRoot ? copy : spanOf(copy);
  const aliases = isRoot ? undefined : fileAliases(file, table);
  return new ViewBuilder(table, file.text, file.root.start, skipFunctions, aliases).build(span, node.hasError);
}

/** The view of a code unit from `UnitSplitter.split` (its `node` must still be alive). */
export function extractView(unit: CodeUnit): UnitView {
  if (!unit.node) throw new Error(`unit ${unit.name} has no syntax node; parse it with UnitSplitter first`);
  return extractViewOfNode(unit.node, unit.language, unit.kind === "module");
}
