// Dead code with benign content: an unreachable branch above the sink statement, or an unused helper
// appended to the file.
import type { TextEdit, Transform } from "./editKinds.js";
import { anchorStatement, statementLines } from "./statementLines.js";

// Python branches bind no name: a binding, even unreachable, would make a global name local.
const PY_BRANCH = ['print("debug: cache warm-up skipped")', "sorted([3, 1, 2])", '"unused".upper()'];
const JS_BRANCH = ['console.debug("cache warm-up skipped");', "const unused = [3, 1, 2].sort();", 'let label = "unused".toUpperCase();'];
const PY_HELPER = (name: string) => `def ${name}(value):\n    """Format a label for display."""\n    return str(value).strip().title()\n`;
const JS_HELPER = (name: string) => `function ${name}(value) {\n  return String(value).trim().toUpperCase();\n}\n`;

export const deadCode: Transform = (ctx) => {
  const python = ctx.language === "python";
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(ctx.rng() * xs.length)];
  // Never above a docstring: a statement before it would change what the docstring is.
  const candidates = statementLines(ctx).filter((s) => !(python && s.node.type === "expression_statement" && s.node.namedChildren[0]?.type === "string"));
  const target = ctx.rng() < 0.6 ? anchorStatement(ctx, candidates) : undefined;
  if (target) {
    const i = target.indent;
    const unit = i.includes("\t") ? "\t" : python ? "    " : "  ";
    const text = python ? `${i}if False:\n${i}${unit}${pick(PY_BRANCH)}\n` : `${i}if (false) {\n${i}${unit}${pick(JS_BRANCH)}\n${i}}\n`;
    return [{ start: target.offset, end: target.offset, text }];
  }
  let name = python ? "_format_label" : "formatLabel";
  while (new RegExp(`\\b${name}\\b`).test(ctx.code)) name += "_";
  const helper = python ? PY_HELPER(name) : JS_HELPER(name);
  const end = ctx.code.length;
  const sep = ctx.code.endsWith("\n") ? "" : "\n";
  const edit: TextEdit = { start: end, end, text: `${sep}\n${python ? "\n" : ""}${helper}` };
  return [edit];
};
