// Lines where a whole statement begins: the places where a line can be inserted above without changing
// what the code means (never inside a string, a call, or a continued line).
import type { Node } from "web-tree-sitter";
import type { EditContext } from "./editKinds.js";

export interface StatementLine {
  /** 1-based line of the statement's first character. */
  line: number;
  /** The line's leading whitespace. */
  indent: string;
  /** String index of the line's first character. */
  offset: number;
  /** Nesting depth of the statement (0 = top level). */
  depth: number;
  node: Node;
}

const BLOCKS: Record<string, Set<string>> = {
  python: new Set(["module", "block"]),
  javascript: new Set(["program", "statement_block"]),
};

export function statementLines(ctx: EditContext): StatementLine[] {
  const blocks = BLOCKS[ctx.language === "python" ? "python" : "javascript"];
  const lines = ctx.code.split("\n");
  const offsets: number[] = [];
  let at = 0;
  for (const l of lines) {
    offsets.push(at);
    at += l.length + 1;
  }
  const out: StatementLine[] = [];
  const stack: Array<{ node: Node; depth: number }> = [{ node: ctx.tree.rootNode, depth: -1 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    const isBlock = blocks.has(node.type);
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (isBlock && c.type !== "comment") {
        const row = c.startPosition.row;
        const text = lines[row] ?? "";
        const indent = /^[ \t]*/.exec(text)![0];
        const continued = row > 0 && /\\\s*$/.test(lines[row - 1]);
        if (c.startIndex === offsets[row] + indent.length && !continued) out.push({ line: row + 1, indent, offset: offsets[row], depth: depth + 1, node: c });
      }
      stack.push({ node: c, depth: isBlock ? depth + 1 : depth });
    }
  }
  return out.sort((a, b) => a.line - b.line || b.depth - a.depth);
}

/**
 * The statement to insert above: the innermost one holding the first anchor line, else a seeded pick
 * among the nested (in-function) statements, else among all.
 */
export function anchorStatement(ctx: EditContext, candidates: StatementLine[]): StatementLine | undefined {
  if (!candidates.length) return undefined;
  const anchor = ctx.anchors[0];
  if (anchor !== undefined) {
    const holding = candidates.filter((s) => s.line <= anchor && anchor - 1 <= s.node.endPosition.row);
    if (holding.length) return holding.reduce((a, b) => (b.depth > a.depth || (b.depth === a.depth && b.line > a.line) ? b : a));
  }
  const nested = candidates.filter((s) => s.depth > 0);
  const pool = nested.length ? nested : candidates;
  return pool[Math.floor(ctx.rng() * pool.length)];
}
