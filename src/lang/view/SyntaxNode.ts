// A plain-object copy of a tree-sitter tree, built in one cursor walk: the view's analysis then runs in
// ordinary JavaScript instead of crossing into WASM for every child and field lookup.
import type { Language, Tree } from "web-tree-sitter";
import { WasmCursor } from "../WasmCursor.js";

export interface SyntaxNode {
  type: string;
  /** Field name under the parent (`function`, `arguments`, `left`…), or null. */
  field: string | null;
  named: boolean;
  start: number;
  end: number;
  /** 1-based line of the node's first character. */
  line: number;
  children: SyntaxNode[];
  parent: SyntaxNode | null;
}

/** A whole file copied once and shared by all of its units. */
export interface FileSyntax {
  root: SyntaxNode;
  /** The root's text: a node's text is `text.slice(node.start - root.start, node.end - root.start)`. */
  text: string;
  /** Offsets of the newlines in `text` (from `root.start`), for line numbers. */
  newlines: number[];
  /** The line of `root.start`. */
  firstLine: number;
  /** How many levels deep the deepest node is (the root is level 0). */
  maxDepth: number;
}

/**
 * Parents whose children's field names the view and the unit splitter read. Asking tree-sitter for a field
 * name costs a call, so children of other nodes go without.
 */
const FIELD_PARENTS = new Set([
  "call", "call_expression", "new_expression", "attribute", "member_expression", "subscript", "subscript_expression",
  "assignment", "augmented_assignment", "variable_declarator", "assignment_expression", "augmented_assignment_expression",
  "import_statement", "import_from_statement", "aliased_import", "import_specifier", "pair_pattern", "pair", "keyword_argument",
  "if_statement", "while_statement", "elif_clause", "conditional_expression", "ternary_expression", "for_statement", "for_in_statement",
  "function_definition", "function_declaration", "generator_function_declaration", "method_definition", "arrow_function",
  "function_expression", "function", "generator_function", "catch_clause", "as_pattern", "typed_parameter", "default_parameter",
  "typed_default_parameter", "required_parameter", "optional_parameter", "assignment_pattern", "object_assignment_pattern",
  "class_definition", "class_declaration", "class", "public_field_definition", "field_definition",
]);

/** The children of every leaf: about half the nodes are leaves, and one shared array spares an allocation each. */
const LEAF: SyntaxNode[] = Object.freeze([]) as unknown as SyntaxNode[];

/** Node types whose text can extend past their last child, so their end is asked for. */
const TEXT_TAIL = new Set(["string_content", "format_specifier", "string_fragment", "template_string", "jsx_text", "regex", "ERROR"]);

const namedCache = new WeakMap<Language, boolean[]>();

function namedTypes(language: Language): boolean[] {
  let named = namedCache.get(language);
  if (!named) {
    named = language.types.map((_, id) => language.nodeTypeIsNamed(id));
    namedCache.set(language, named);
  }
  return named;
}

/** Copy a whole parsed file in one cursor walk. */
export function copySyntax(tree: Tree): FileSyntax {
  const rootNode = tree.rootNode;
  const text = rootNode.text;
  const base = rootNode.startIndex;
  const firstLine = rootNode.startPosition.row + 1;
  const language = tree.language;
  const types = language.types;
  const fields = language.fields;
  const named = namedTypes(language);
  // Line numbers from a newline table: cheaper than asking WASM for each node's position. Named nodes come
  // in document order, so their starts never decrease and the line only moves forward.
  const newlines: number[] = [];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) newlines.push(i + base);
  let line = 0;
  const lineOf = (offset: number) => {
    while (line < newlines.length && newlines[line] < offset) line++;
    return firstLine + line;
  };
  const top: SyntaxNode = { type: rootNode.type, field: null, named: true, start: base, end: -1, line: firstLine, children: [], parent: null };
  const cursor = new WasmCursor(tree);
  try {
    top.end = cursor.endIndex;
    // Each getter is a call into WASM, so the copy asks for as little as it can: a node's end is its last
    // child's end (tree-sitter ranges exclude surrounding whitespace), so only leaves are asked for theirs;
    // anonymous nodes (punctuation, keywords, operators) carry their type, which is also their text, and are
    // asked for their start only when they end their parent.
    const close = (node: SyntaxNode) => {
      if (node.named || node.start >= 0) return;
      node.start = cursor.startIndex;
      node.end = cursor.endIndex;
    };
    // The cursor is back on `parent`: text nodes can run past their last child (escapes inside string content).
    const finish = (parent: SyntaxNode) => {
      parent.end = TEXT_TAIL.has(parent.type) ? cursor.endIndex : parent.children[parent.children.length - 1].end;
    };
    let current = top;
    let depth = 1;
    let maxDepth = 0;
    if (!cursor.gotoFirstChild()) return { root: top, text, newlines, firstLine, maxDepth };
    for (;;) {
      const typeId = cursor.nodeTypeId;
      const isNamed = named[typeId] ?? cursor.nodeIsNamed;
      let node: SyntaxNode;
      if (isNamed) {
        const start = cursor.startIndex;
        node = { type: types[typeId] ?? "ERROR", field: FIELD_PARENTS.has(current.type) ? (fields[cursor.currentFieldId] ?? null) : null, named: true, start, end: -1, line: lineOf(start), children: LEAF, parent: current };
      } else {
        node = { type: types[typeId] ?? "ERROR", field: null, named: false, start: -1, end: -1, line: 0, children: LEAF, parent: current };
      }
      current.children.push(node);
      if (depth > maxDepth) maxDepth = depth;
      if (cursor.gotoFirstChild()) {
        node.children = [];
        current = node;
        depth++;
        continue;
      }
      if (node.named) node.end = cursor.endIndex;
      while (!cursor.gotoNextSibling()) {
        close(current.children[current.children.length - 1]);
        if (current === top || !cursor.gotoParent()) return { root: top, text, newlines, firstLine, maxDepth };
        finish(current);
        current = current.parent!;
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** How many levels below `node` its deepest descendant is (not counting subtrees `skip` says), without recursion. */
export function heightOf(node: SyntaxNode, skip?: (node: SyntaxNode) => boolean): number {
  let height = 0;
  const stack: [SyntaxNode, number][] = [[node, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (d > height) height = d;
    for (const c of n.children) if (skip?.(c)) continue;
    else if (c.children.length) stack.push([c, d + 1]);
    else if (d + 1 > height) height = d + 1;
  }
  return height;
}

/** The source text of a node of `file`. */
export function textOf(file: FileSyntax, node: SyntaxNode): string {
  return file.text.slice(node.start - file.root.start, node.end - file.root.start);
}

/** The 1-based line holding `offset` of a file. */
export function lineAt(file: FileSyntax, offset: number): number {
  let lo = 0;
  let hi = file.newlines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (file.newlines[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return file.firstLine + lo;
}

/** The first child under a field name. */
export function field(node: SyntaxNode, name: string): SyntaxNode | undefined {
  for (const c of node.children) if (c.field === name) return c;
  return undefined;
}

export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((c) => c.named && c.type !== "comment");
}
