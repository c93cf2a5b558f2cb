// lodash/underscore deep assignment: untrusted objects merged into another.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const lodash: KnowledgeFamily = {
  family: "lodash",
  sinks: [
    { callee: "_.merge", concept: "mass-assignment", args: [1, 2] },
    { callee: "_.extend", concept: "mass-assignment", args: [1, 2] },
  ],
};
