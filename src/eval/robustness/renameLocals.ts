// Renames locally bound names (parameters and local variables) consistently, by lexical scope. Member and
// attribute names, keyword-argument names, imports, globals and API names are never touched.
import type { Node } from "web-tree-sitter";
import type { TextEdit, Transform } from "./editKinds.js";
import { shuffled } from "../../util/random.js";

const PY_SCOPES = new Set(["function_definition", "lambda"]);
const JS_SCOPES = new Set(["function_declaration", "function_expression", "function", "arrow_function", "method_definition", "generator_function_declaration", "generator_function"]);
/** Neutral words: no keyword, builtin or common global in Python or JavaScript. */
const WORDS = ["alpha", "bravo", "charlie", "delta", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima", "mike", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu"];

interface Binding {
  /** Never renamed, but still shadows outer scopes (decorated handlers' parameters, nested defs, imports). */
  frozen: boolean;
  /** Block-scoped bindings: every use must lie inside one of these nodes, or the name is left alone. */
  confinedTo: Node[] | "function";
}

interface Scope {
  node: Node;
  bindings: Map<string, Binding>;
  unsafe: boolean;
}

/** The edits that rename every eligible local name of the snippet to fresh, seeded names. */
export const renameLocals: Transform = (ctx) => {
  const python = ctx.language === "python";
  const scopeTypes = python ? PY_SCOPES : JS_SCOPES;
  const scopes = new Map<number, Scope>();
  const bindingScope = new Map<number, Scope>();
  const taken = new Set<string>();
  // Python parameters that some call in the snippet passes by keyword keep their names.
  const keywords = new Set<string>();

  // Pass 1: scopes and their bindings; every identifier-like text is "taken" for fresh names.
  const all: Node[] = [ctx.tree.rootNode];
  for (let i = 0; i < all.length; i++) {
    const node = all[i];
    if (node.type.includes("identifier")) taken.add(node.text);
    if (python && node.type === "keyword_argument") keywords.add(node.childForFieldName("name")?.text ?? "");
    if (scopeTypes.has(node.type)) scopes.set(node.id, collectScope(node, python, bindingScope));
    for (const c of node.namedChildren) if (c) all.push(c);
  }
  if (!scopes.size) return undefined;

  // Pass 2: resolve each identifier to the innermost scope binding it.
  const uses = new Map<Scope, Map<string, Node[]>>();
  const stack: Array<{ node: Node; chain: Scope[] }> = [{ node: ctx.tree.rootNode, chain: [] }];
  while (stack.length) {
    const { node, chain } = stack.pop()!;
    const own = scopes.get(node.id);
    const inner = own ? [own, ...chain] : chain;
    if (isNameNode(node, python)) {
      const scope = bindingScope.get(node.id) ?? inner.find((s) => s.bindings.has(node.text));
      if (scope) {
        const byName = uses.get(scope) ?? new Map<string, Node[]>();
        uses.set(scope, byName);
        byName.set(node.text, [...(byName.get(node.text) ?? []), node]);
        if (node.parent && /^jsx_(opening|closing|self_closing)_element$/.test(node.parent.type)) scope.bindings.get(node.text)!.frozen = true;
      }
    }
    for (const c of node.namedChildren) {
      if (!c) continue;
      // Python evaluates defaults and annotations in the enclosing scope.
      const outside = own && python && (c.type === "parameters" || c.type === "lambda_parameters" || c.id === node.childForFieldName("return_type")?.id);
      stack.push({ node: c, chain: outside ? chain : inner });
    }
  }

  const pool = shuffled(WORDS, ctx.rng);
  let next = 0;
  const fresh = (): string => {
    for (;;) {
      const word = pool[next % pool.length] + (next >= pool.length ? String(Math.floor(next / pool.length) + 1) : "");
      next++;
      if (!taken.has(word)) return taken.add(word), word;
    }
  };
  const edits: TextEdit[] = [];
  for (const [scope, byName] of uses) {
    if (scope.unsafe) continue;
    for (const [name, nodes] of byName) {
      const b = scope.bindings.get(name)!;
      if (b.frozen || name.startsWith("__") || name === "self" || name === "cls") continue;
      if (python && keywords.has(name) && nodes.some((n) => n.parent?.type === "parameters" || /parameter$/.test(n.parent?.type ?? ""))) continue;
      const confined = b.confinedTo;
      if (confined !== "function" && !nodes.every((n) => confined.some((r) => r.startIndex <= n.startIndex && n.endIndex <= r.endIndex))) continue;
      const to = fresh();
      for (const n of nodes) {
        const text = n.type.startsWith("shorthand_property_identifier") ? `${name}: ${to}` : to;
        edits.push({ start: n.startIndex, end: n.endIndex, text });
      }
    }
  }
  return edits.length ? edits : undefined;
};

function isNameNode(node: Node, python: boolean): boolean {
  if (node.type === "identifier") {
    const parent = node.parent;
    if (!parent) return false;
    if (python && parent.type === "attribute" && parent.childForFieldName("attribute")?.id === node.id) return false;
    if (python && parent.type === "keyword_argument" && parent.childForFieldName("name")?.id === node.id) return false;
    return true;
  }
  return !python && (node.type === "shorthand_property_identifier" || node.type === "shorthand_property_identifier_pattern");
}

function collectScope(fn: Node, python: boolean, bindingScope: Map<number, Scope>): Scope {
  const scope: Scope = { node: fn, bindings: new Map(), unsafe: false };
  const bind = (node: Node, confinedTo: Binding["confinedTo"], frozen = false) => {
    bindingScope.set(node.id, scope);
    const prev = scope.bindings.get(node.text);
    if (!prev) scope.bindings.set(node.text, { frozen, confinedTo });
    else {
      prev.frozen ||= frozen;
      if (confinedTo === "function" || prev.confinedTo === "function") prev.confinedTo = "function";
      else prev.confinedTo.push(...confinedTo);
    }
  };
  const bindPattern = (node: Node | null, confinedTo: Binding["confinedTo"], frozen = false): void => {
    if (!node) return;
    if (node.type === "identifier" || node.type === "shorthand_property_identifier_pattern") return bind(node, confinedTo, frozen);
    const inner: Record<string, string> = { pair_pattern: "value", assignment_pattern: "left", object_assignment_pattern: "left", default_parameter: "name", typed_default_parameter: "name", required_parameter: "pattern", optional_parameter: "pattern" };
    if (inner[node.type]) return bindPattern(node.childForFieldName(inner[node.type]), confinedTo, frozen);
    if (/^(pattern_list|tuple_pattern|list_pattern|list_splat_pattern|dictionary_splat_pattern|typed_parameter|object_pattern|array_pattern|rest_pattern|as_pattern_target)$/.test(node.type)) {
      const kids = node.type === "typed_parameter" ? node.namedChildren.slice(0, 1) : node.namedChildren;
      for (const c of kids) bindPattern(c, confinedTo, frozen);
    }
  };

  // Parameters. Python frameworks pass some by keyword (route converters, DI, Django URL kwargs).
  const params = fn.childForFieldName("parameters") ?? fn.childForFieldName("parameter");
  const frozenParams = python && (fn.parent?.type === "decorated_definition" || /\brequest\b/.test(params?.text ?? ""));
  if (params?.type === "identifier") bind(params, "function");
  else
    for (const p of params?.namedChildren ?? []) {
      if (!p) continue;
      const tsMember = p.children.some((c) => c && /^(accessibility_modifier|override_modifier|readonly)$/.test(c.type));
      bindPattern(p, "function", frozenParams || tsMember);
    }

  const body = fn.childForFieldName("body");
  const walk: Node[] = body ? [body] : [];
  while (walk.length) {
    const n = walk.pop()!;
    if (n.id !== fn.id && (python ? PY_SCOPES : JS_SCOPES).has(n.type)) {
      const name = n.childForFieldName("name");
      if (name && n.type !== "method_definition") bind(name, "function", true);
      continue;
    }
    switch (n.type) {
      case "class_definition": // class bodies turn assignments into attributes
        scope.unsafe = true;
        continue;
      case "class_declaration":
      case "class": {
        const name = n.childForFieldName("name");
        if (name) bind(name, "function", true);
        continue;
      }
      case "with_statement":
        if (!python) scope.unsafe = true; // JavaScript `with` makes name resolution dynamic
        break;
      case "call": {
        const f = n.childForFieldName("function")?.text;
        if (f === "locals" || f === "vars" || f === "eval" || f === "exec") scope.unsafe = true;
        break;
      }
      case "call_expression":
        if (n.childForFieldName("function")?.text === "eval") scope.unsafe = true;
        break;
      case "global_statement":
      case "nonlocal_statement":
        for (const c of n.namedChildren) if (c) bind(c, "function", true);
        break;
      case "assignment":
      case "augmented_assignment":
      case "for_statement":
        if (python) bindPattern(n.childForFieldName("left"), "function");
        break;
      case "for_in_clause":
        bindPattern(n.childForFieldName("left"), n.parent ? [n.parent] : "function");
        break;
      case "as_pattern_target":
        bindPattern(n, "function");
        break;
      case "named_expression":
        bindPattern(n.childForFieldName("name"), "function");
        break;
      case "import_statement":
      case "import_from_statement":
        for (const c of n.namedChildren) {
          if (!c || c.id === n.childForFieldName("module_name")?.id) continue;
          const target = c.type === "aliased_import" ? c.childForFieldName("alias") : c.type === "dotted_name" ? c.namedChildren[0] : null;
          if (target) bind(target, "function", true);
        }
        continue;
      case "variable_declarator": {
        const decl = n.parent;
        const functionLevel = decl?.type === "variable_declaration" || decl?.parent?.id === body?.id;
        bindPattern(n.childForFieldName("name"), functionLevel || !decl?.parent ? "function" : [decl.parent]);
        break;
      }
      case "for_in_statement": {
        const kind = n.childForFieldName("kind")?.text;
        if (kind) bindPattern(n.childForFieldName("left"), kind === "var" ? "function" : [n]);
        break;
      }
      case "catch_clause":
        bindPattern(n.childForFieldName("parameter"), [n]);
        break;
    }
    for (const c of n.namedChildren) if (c) walk.push(c);
  }
  return scope;
}
