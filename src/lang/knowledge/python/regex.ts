// Regular expressions compiled from input (ReDoS, pattern injection); re.escape makes input literal.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

/** The pattern is no literal written in the code. */
const NOT_LITERAL = /^(?![rRbBuUfF]*["'])/;

export const regex: KnowledgeFamily = {
  family: "regex",
  sinks: ["compile", "match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split"].map((f) => ({
    callee: `re.${f}`,
    concept: "regex-build" as const,
    args: [0],
    whenArg: { index: 0, value: NOT_LITERAL },
  })),
  guards: [{ callee: "re.escape", concept: "escape" }],
};
