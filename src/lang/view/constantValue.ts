// Folds a condition the code fixes (`7 * 42 - 86 > 200`, `not DEBUG_ONLY and 1`, `"a" === "b"`) to its value.
import { STRINGS, SUBSTITUTION } from "./nodeTypes.js";
import { namedChildren, type SyntaxNode } from "./SyntaxNode.js";

export type Constant = number | string | boolean | null;

/** Deepest expression folded; a deeper one reads as unknown. */
const MAX_DEPTH = 64;

/** The value of an expression made of literals and operators only; undefined when anything else is in it. */
export function constantValue(node: SyntaxNode, src: (node: SyntaxNode) => string, depth = 0): Constant | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const t = node.type;
  const text = () => src(node);
  switch (t) {
    case "integer":
    case "float":
    case "number": {
      const n = Number(text().replace(/_/g, ""));
      return Number.isFinite(n) ? n : undefined;
    }
    case "true":
    case "false":
      return t === "true";
    case "none":
    case "null":
    case "undefined":
      return null;
    case "parenthesized_expression": {
      const inner = namedChildren(node);
      return inner.length === 1 ? constantValue(inner[0]!, src, depth + 1) : undefined;
    }
    case "not_operator":
    case "unary_operator":
    case "unary_expression":
      return unary(node, src, depth);
    case "binary_operator":
    case "binary_expression":
    case "boolean_operator":
    case "comparison_operator":
      return binary(node, src, depth);
  }
  if (STRINGS.has(t) && t !== "concatenated_string" && !node.children.some((c) => SUBSTITUTION.has(c.type))) {
    return text().replace(/^[rbuRBU]*("""|'''|["'`])|("""|'''|["'`])$/g, "");
  }
  // Python spells its constants as identifiers in some grammars' versions.
  if (t === "identifier") return text() === "True" ? true : text() === "False" ? false : text() === "None" ? null : undefined;
  return undefined;
}

/** Is a condition fixed: true or false whatever the input, or undefined when it depends on anything else. */
export function constantTruth(node: SyntaxNode, src: (node: SyntaxNode) => string): boolean | undefined {
  const v = constantValue(node, src);
  return v === undefined ? undefined : truthy(v);
}

function truthy(v: Constant): boolean {
  return !!v;
}

function unary(node: SyntaxNode, src: (node: SyntaxNode) => string, depth: number): Constant | undefined {
  const operand = namedChildren(node)[0];
  const op = node.children.find((c) => !c.named)?.type;
  const v = operand && constantValue(operand, src, depth + 1);
  if (v === undefined) return undefined;
  if (op === "not" || op === "!") return !truthy(v);
  if (typeof v !== "number") return undefined;
  return op === "-" ? -v : op === "+" ? v : op === "~" ? ~v : undefined;
}

function binary(node: SyntaxNode, src: (node: SyntaxNode) => string, depth: number): Constant | undefined {
  const parts = namedChildren(node);
  const ops = node.children.filter((c) => !c.named).map((c) => c.type);
  // `a < b < c` holds when each neighbouring pair does.
  if (node.type === "comparison_operator" && parts.length > 2) {
    for (let i = 0; i + 1 < parts.length; i++) {
      const a = constantValue(parts[i]!, src, depth + 1), b = constantValue(parts[i + 1]!, src, depth + 1);
      if (a === undefined || b === undefined) return undefined;
      const r = apply(ops[i] ?? "", a, b);
      if (r === undefined) return undefined;
      if (!r) return false;
    }
    return true;
  }
  if (parts.length !== 2) return undefined;
  const a = constantValue(parts[0]!, src, depth + 1);
  if (a === undefined) return undefined;
  const op = ops.join(" ");
  // `x and …` / `x || …` short-circuit on the left alone.
  if ((op === "and" || op === "&&") && !truthy(a)) return a;
  if ((op === "or" || op === "||") && truthy(a)) return a;
  const b = constantValue(parts[1]!, src, depth + 1);
  return b === undefined ? undefined : apply(op, a, b);
}

function apply(op: string, a: Constant, b: Constant): Constant | undefined {
  if (op === "and" || op === "&&" || op === "or" || op === "||") return b;
  if (op === "==" || op === "===" || op === "is") return a === b;
  if (op === "!=" || op === "!==" || op === "is not") return a !== b;
  if (typeof a === "number" && typeof b === "number") {
    switch (op) {
      case "+": return a + b;
      case "-": return a - b;
      case "*": return a * b;
      case "/": return b === 0 ? undefined : a / b;
      case "//": return b === 0 ? undefined : Math.floor(a / b);
      case "%": return b === 0 ? undefined : a - b * Math.floor(a / b);
      case "**": return a ** b;
      case "<": return a < b;
      case "<=": return a <= b;
      case ">": return a > b;
      case ">=": return a >= b;
    }
    return undefined;
  }
  if (typeof a === "string" && typeof b === "string") {
    if (op === "+") return a + b;
    if (op === "<") return a < b;
    if (op === ">") return a > b;
  }
  return undefined;
}
