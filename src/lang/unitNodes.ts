// Which syntax nodes start a code unit, and what the unit is called: shared by the splitter and the view.
import type { Node } from "web-tree-sitter";
import type { UnitKind } from "./CodeUnit.js";

const FUNCTION_TYPES: Record<string, UnitKind> = {
  function_definition: "function",
  function_declaration: "function",
  generator_function_declaration: "function",
  method_definition: "method",
  arrow_function: "arrow",
  function_expression: "function-expression",
  function: "function-expression",
  generator_function: "function-expression",
};

/** Node types that hold their own code unit (functions of every shape; Python `lambda` stays inline). */
export function isFunctionNode(type: string): boolean {
  return type in FUNCTION_TYPES;
}

/** The unit kind of a function node; a Python def inside a class is a method. */
export function unitKind(node: Node): UnitKind {
  const kind = FUNCTION_TYPES[node.type] ?? "function";
  if (node.type === "function_definition" && enclosingClass(node)) return "method";
  return kind;
}

function enclosingClass(node: Node): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "class_definition" || p.type === "class_declaration" || p.type === "class") {
      return p.childForFieldName("name")?.text;
    }
    if (isFunctionNode(p.type)) return undefined;
  }
  return undefined;
}

/** The name a function is known by: its own, the variable/property it is bound to, or the call it is passed to. */
export function unitName(node: Node): string {
  const own = node.childForFieldName("name")?.text;
  const cls = enclosingClass(node);
  if (own) return cls ? `${cls}.${own}` : own;
  const parent = node.parent;
  if (!parent) return "<anonymous>";
  switch (parent.type) {
    case "variable_declarator":
      return parent.childForFieldName("name")?.text ?? "<anonymous>";
    case "assignment_expression":
    case "augmented_assignment_expression":
      return parent.childForFieldName("left")?.text ?? "<anonymous>";
    case "pair":
      return parent.childForFieldName("key")?.text ?? "<anonymous>";
    case "public_field_definition":
    case "field_definition":
      return `${cls ? cls + "." : ""}${(parent.childForFieldName("name") ?? parent.childForFieldName("property"))?.text ?? "<field>"}`;
    case "arguments": {
      const call = parent.parent;
      const callee = call?.childForFieldName("function")?.text ?? "call";
      return `${callee.length > 60 ? callee.slice(0, 60) + "…" : callee}(…) callback`;
    }
    default:
      return "<anonymous>";
  }
}

/**
 * The node whose lines a unit spans: decorators belong to a Python def, and `const f = () => …`,
 * `export function f` or `exports.f = function …` span the whole statement.
 */
export function unitSpanNode(node: Node): Node {
  let span = node;
  const p = node.parent;
  if (p?.type === "decorated_definition") span = p;
  else if (p?.type === "variable_declarator" && p.parent && p.parent.namedChildCount === 1) span = p.parent;
  else if (p?.type === "assignment_expression" && p.parent?.type === "expression_statement") span = p.parent;
  if (span.parent?.type === "export_statement") span = span.parent;
  return span;
}
