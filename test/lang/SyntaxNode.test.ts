// The syntax copy walks the tree through web-tree-sitter's WASM binding directly; here it is checked
// against the library's public node API, so a web-tree-sitter upgrade that changes the binding fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Node } from "web-tree-sitter";
import { UnitSplitter, type SourceLanguage } from "../../src/lang/index.js";
import { copySyntax, type SyntaxNode } from "../../src/lang/view/SyntaxNode.js";

let splitter: UnitSplitter;
beforeAll(async () => {
  splitter = await UnitSplitter.create();
});
afterAll(() => splitter.delete());

/** Parents whose children's field names the copy keeps (a sample of its list). */
const WITH_FIELDS = new Set(["call", "call_expression", "function_definition", "arrow_function", "assignment", "variable_declarator", "class_definition", "class_declaration"]);

/** Every difference between a copied node and the tree-sitter node it was made from, with its path. */
function differences(copy: SyntaxNode, node: Node, path: string, fieldName: string | null, out: string[]): void {
  const at = `${path}/${node.type}`;
  if (copy.type !== node.type || copy.named !== node.isNamed) out.push(`${at}: copied as ${copy.type} (named ${copy.named})`);
  // Anonymous nodes carry their position only when they end their parent.
  if (copy.named || copy.start >= 0) {
    if (copy.start !== node.startIndex || copy.end !== node.endIndex) out.push(`${at}: range ${copy.start}-${copy.end}, not ${node.startIndex}-${node.endIndex}`);
  }
  if (copy.named && copy.line !== node.startPosition.row + 1) out.push(`${at}: line ${copy.line}, not ${node.startPosition.row + 1}`);
  if (copy.parent && WITH_FIELDS.has(copy.parent.type) && copy.field !== fieldName) out.push(`${at}: field ${copy.field}, not ${fieldName}`);
  if (copy.children.length !== node.childCount) {
    out.push(`${at}: ${copy.children.length} children, not ${node.childCount}`);
    return;
  }
  copy.children.forEach((c, i) => differences(c, node.child(i)!, at, node.fieldNameForChild(i), out));
}

function check(code: string, language: SourceLanguage): string[] {
  const tree = splitter.parse(code, language);
  try {
    const file = copySyntax(tree);
    const out: string[] = [];
    differences(file.root, tree.rootNode, "", null, out);
    expect(file.text).toBe(tree.rootNode.text);
    return out;
  } finally {
    tree.delete();
  }
}

describe("syntax copy", () => {
  it("matches tree-sitter's own nodes: types, ranges, lines and fields", () => {
    const python = [
      "import os, subprocess as sp",
      "",
      "@app.route('/run/<name>')",
      "def run(name: str = 'x', *args, **kw):",
      "    cmd = f\"echo {name!r:>10} \\n\" + 'tail'",
      "    if not name: return None",
      "    return sp.run(cmd, shell=True)[0]",
      "",
      "class Repo(Base):",
      "    def get(self, id): return self.db[id]",
    ].join("\n");
    const javascript = [
      "const express = require('express');",
      "app.get('/u/:id', async (req, res) => {",
      "  const q = `SELECT * FROM u WHERE id = ${req.params.id}\\n`;",
      "  res.send(/a+b/g.test(q) ? q : \"no\");",
      "});",
      "class A { #x = 1; run() { return this.#x; } }",
    ].join("\n");
    const tsx = "export const View = ({ html }: { html: string }) => <div title=\"t\" dangerouslySetInnerHTML={{ __html: html }}>hi {html}</div>;";
    expect(check(python, "python")).toEqual([]);
    expect(check(javascript, "javascript")).toEqual([]);
    expect(check("function f<T>(a: T): T { return a as T; }\nabstract class B { abstract g(): void; }", "typescript")).toEqual([]);
    expect(check(tsx, "tsx")).toEqual([]);
  });

  it("copies trees with syntax errors and leading blank lines", () => {
    expect(check("\n\n  def broken(:\n    return (\n", "python")).toEqual([]);
    expect(check("function f( {\n  let x = ;\n", "javascript")).toEqual([]);
    expect(check("", "python")).toEqual([]);
  });
});
