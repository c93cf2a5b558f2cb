// A plain-object copy of a tree-sitter tree, built in one cursor walk: the view's analysis then runs in
// ordinary JavaScript instead of crossing into WASM for every child and field lookup.
import type { Language, Node, Tree } from "web-tree-sitter";
import { isFunctionNode } from "../unitNodes.js";

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
  text: string;
  /** Function nodes by `start:end` offsets, to find a unit's node in the copy. */
  functions: Map<string, SyntaxNode>;
}

/**
 * Parents whose children's field names the view reads. Asking tree-sitter for a field name is the
 * costliest step of the copy, so children of other nodes go without.
 */
const FIELD_PARENTS = new Set([
  "call", "call_expression", "new_expression", "attribute", "member_expression", "subscript", "subscript_expression",
  "assignment", "augmented_assignment", "variable_declarator", "assignment_expression", "augmented_assignment_expression",
  "import_statement", "import_from_statement", "aliased_import", "import_specifier", "pair_pattern", "pair", "keyword_argument",
  "if_statement", "while_statement", "elif_clause", "conditional_expression", "ternary_expression", "for_statement", "for_in_statement",
  "function_definition", "function_declaration", "generator_function_declaration", "method_definition", "arrow_function",
  "function_expression", "function", "generator_function", "catch_clause", "as_pattern", "typed_parameter", "default_parameter",
  "typed_default_parameter", "required_parameter", "optional_parameter", "assignment_pattern", "object_assignment_pattern",
]);

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

/** Copy `root` and everything under it; `text` is the source the offsets index into. */
export function copySyntax(root: Node, text: string, base: number, firstLine: number, onFunction?: (node: SyntaxNode) => void): SyntaxNode {
  const language = root.tree.language;
  const types = language.types;
  const fields = language.fields;
  const named = namedTypes(language);
  // Line numbers from a newline table: cheaper than asking WASM for each node's position.
  const newlines: number[] = [];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) newlines.push(i + base);
  const lineOf = (offset: number) => {
    let lo = 0, hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return firstLine + lo;
  };
  const cursor = root.walk();
  const top: SyntaxNode = { type: root.type, field: null, named: true, start: root.startIndex, end: root.endIndex, line: firstLine, children: [], parent: null };
  let current = top;
  // Each getter is a call into WASM, so the copy asks for as little as it can: a node's end is its last
  // child's end (tree-sitter ranges exclude surrounding whitespace), so only leaves are asked for theirs;
  // anonymous nodes (punctuation, keywords, operators) carry their type, which is also their text, and are
  // asked for their start only when they end their parent.
  const functions: SyntaxNode[] = [];
  const done = () => {
    cursor.delete();
    // Functions are announced once their end is known (it keys them in `FileSyntax.functions`).
    if (onFunction) for (const f of functions) onFunction(f);
    return top;
  };
  const close = (node: SyntaxNode) => {
    if (node.named || node.start >= 0) return;
    node.start = cursor.startIndex;
    node.end = cursor.endIndex;
  };
  // The cursor is back on `parent`: text nodes can run past their last child (escapes inside string content).
  const finish = (parent: SyntaxNode) => {
    parent.end = TEXT_TAIL.has(parent.type) ? cursor.endIndex : parent.children[parent.children.length - 1].end;
  };
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const typeId = cursor.nodeTypeId;
      const isNamed = named[typeId] ?? cursor.nodeIsNamed;
      let node: SyntaxNode;
      if (isNamed) {
        const start = cursor.startIndex;
        node = { type: types[typeId] ?? cursor.nodeType, field: FIELD_PARENTS.has(current.type) ? (fields[cursor.currentFieldId] ?? null) : null, named: true, start, end: -1, line: lineOf(start), children: [], parent: current };
      } else {
        node = { type: types[typeId] ?? cursor.nodeType, field: null, named: false, start: -1, end: -1, line: 0, children: [], parent: current };
      }
      current.children.push(node);
      if (onFunction && isFunctionNode(node.type)) functions.push(node);
      if (cursor.gotoFirstChild()) {
        current = node;
        continue;
      }
      if (node.named) node.end = cursor.endIndex;
      while (!cursor.gotoNextSibling()) {
        close(current.children[current.children.length - 1]);
        if (current === top || !cursor.gotoParent()) return done();
        finish(current);
        current = current.parent!;
      }
    }
  }
  return done();
}

const files = new WeakMap<Tree, FileSyntax>();

/** The copy of a whole parsed file, made on first use and shared by every unit of the file. */
export function fileSyntax(tree: Tree): FileSyntax {
  let file = files.get(tree);
  if (!file) {
    const rootNode = tree.rootNode;
    const text = rootNode.text;
    const functions = new Map<string, SyntaxNode>();
    const root = copySyntax(rootNode, text, rootNode.startIndex, rootNode.startPosition.row + 1, (n) => functions.set(`${n.start}:${n.end}`, n));
    file = { root, text, functions };
    files.set(tree, file);
  }
  return file;
}

/** The first child under a field name. */
export function field(node: SyntaxNode, name: string): SyntaxNode | undefined {
  for (const c of node.children) if (c.field === name) return c;
  return undefined;
}

export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((c) => c.named && c.type !== "comment");
}
