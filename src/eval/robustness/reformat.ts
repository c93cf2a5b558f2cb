// Reformatting that keeps the code equivalent: simple string literals switch quote style, and a few calls
// get their arguments wrapped one per line.
import type { Node } from "web-tree-sitter";
import type { TextEdit, Transform } from "./editKinds.js";
import { shuffled } from "../../util/random.js";

/** A literal with no prefix, escape, quote, brace or newline inside: its other-quoted twin is the same value. */
const SIMPLE_STRING = /^(['"])[^'"\\\n{}$`]*\1$/;
const INSIDE_CODE_IN_STRING = new Set(["interpolation", "template_substitution", "string", "template_string"]);
/** Calls wrapped per snippet. */
const MAX_WRAPS = 2;

export const reformat: Transform = (ctx) => {
  const python = ctx.language === "python";
  const lines = ctx.code.split("\n");
  const edits: TextEdit[] = [];
  const calls: Node[] = [];
  const stack: Node[] = [ctx.tree.rootNode];
  while (stack.length) {
    const n = stack.pop()!;
    const nested = hasAncestor(n, INSIDE_CODE_IN_STRING);
    if (n.type === "string" && !nested && SIMPLE_STRING.test(n.text)) {
      const q = n.text[0] === '"' ? "'" : '"';
      edits.push({ start: n.startIndex, end: n.endIndex, text: q + n.text.slice(1, -1) + q });
      continue;
    }
    if ((n.type === "argument_list" || n.type === "arguments") && !nested && wrappable(n)) calls.push(n);
    for (const c of n.namedChildren) if (c) stack.push(c);
  }

  // Wrap a few non-overlapping calls; string edits inside a wrapped call are dropped so edits never overlap.
  const chosen: Node[] = [];
  for (const call of shuffled(calls, ctx.rng)) {
    if (chosen.length === MAX_WRAPS) break;
    const [s, e] = [call.startIndex, call.endIndex];
    if (chosen.some((c) => c.startIndex < e && s < c.endIndex)) continue;
    chosen.push(call);
  }
  for (const call of chosen) {
    const [s, e] = [call.startIndex, call.endIndex];
    for (let k = edits.length - 1; k >= 0; k--) if (edits[k].start >= s && edits[k].end <= e) edits.splice(k, 1);
    const indent = /^[ \t]*/.exec(lines[call.startPosition.row])![0];
    const unit = indent.includes("\t") ? "\t" : python ? "    " : "  ";
    const args = call.namedChildren.filter((c): c is Node => c !== null).map((c) => c.text);
    edits.push({ start: s, end: e, text: `(\n${indent}${unit}${args.join(`,\n${indent}${unit}`)}\n${indent})` });
  }
  return edits.length ? edits : undefined;
};

/** One-line argument lists with two or more arguments and no comment. */
function wrappable(args: Node): boolean {
  const kids = args.namedChildren;
  if (kids.length < 2 || args.startPosition.row !== args.endPosition.row) return false;
  return kids.every((k) => k && k.type !== "comment" && k.type !== "generator_expression") && args.text.startsWith("(");
}

function hasAncestor(n: Node, types: Set<string>): boolean {
  for (let p = n.parent; p; p = p.parent) if (types.has(p.type)) return true;
  return false;
}

