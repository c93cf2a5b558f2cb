// Which syntax nodes start a code unit, and what the unit is called: shared by the splitter and the view.
import type { UnitKind } from "./CodeUnit.js";
import { field, textOf, type FileSyntax, type SyntaxNode } from "./view/SyntaxNode.js";

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

/** A set: the view asks about every node it visits, and `in` on the record is two to four times slower. */
const FUNCTIONS = new Set(Object.keys(FUNCTION_TYPES));

/** Node types that hold their own code unit (functions of every shape; Python `lambda` stays inline). */
export function isFunctionNode(type: string): boolean {
  return FUNCTIONS.has(type);
}

/** The unit kind of a function node; a Python def inside a class is a method. */
export function unitKind(file: FileSyntax, node: SyntaxNode): UnitKind {
  const kind = FUNCTION_TYPES[node.type] ?? "function";
  if (node.type === "function_definition" && enclosingClass(file, node)) return "method";
  return kind;
}

function enclosingClass(file: FileSyntax, node: SyntaxNode): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "class_definition" || p.type === "class_declaration" || p.type === "class") {
      const name = field(p, "name");
      return name && textOf(file, name);
    }
    if (isFunctionNode(p.type)) return undefined;
  }
  return undefined;
}

/** The text of `node`'s first child under `name`, if any. */
function fieldText(file: FileSyntax, node: SyntaxNode | null, name: string): string | undefined {
  const child = node && field(node, name);
  return child ? textOf(file, child) : undefined;
}

/** The name a function is known by: its own, the variable/property it is bound to, or the call it is passed to. */
export function unitName(file: FileSyntax, node: SyntaxNode): string {
  const own = fieldText(file, node, "name");
  const cls = enclosingClass(file, node);
  if (own) return cls ? `${cls}.${own}` : own;
  const parent = node.parent;
  if (!parent) return "<anonymous>";
  switch (parent.type) {
    case "variable_declarator":
      return fieldText(file, parent, "name") ?? "<anonymous>";
    case "assignment_expression":
    case "augmented_assignment_expression":
      return fieldText(file, parent, "left") ?? "<anonymous>";
    case "pair":
      return fieldText(file, parent, "key") ?? "<anonymous>";
    case "public_field_definition":
    case "field_definition":
      return `${cls ? cls + "." : ""}${fieldText(file, parent, "name") ?? fieldText(file, parent, "property") ?? "<field>"}`;
    case "arguments": {
      const callee = fieldText(file, parent.parent, "function") ?? "call";
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
export function unitSpanNode(node: SyntaxNode): SyntaxNode {
  let span = node;
  const p = node.parent;
  if (p?.type === "decorated_definition") span = p;
  else if (p?.type === "variable_declarator" && p.parent && p.parent.children.filter((c) => c.named).length === 1) span = p.parent;
  else if (p?.type === "assignment_expression" && p.parent?.type === "expression_statement") span = p.parent;
  if (span.parent?.type === "export_statement") span = span.parent;
  return span;
}
