// libxml2's Python bindings: `doc.xpathEval(expr)` and an XPath context's `ctxt.xpathEval(expr)` evaluate the
// expression as written, with no variables bound apart from it (CWE-643 when input builds it).
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const libxml2: KnowledgeFamily = {
  family: "libxml2",
  sinks: [
    { callee: "**.xpathEval", concept: "xpath", args: [0] },
    { callee: "**.xpathEval2", concept: "xpath", args: [0] },
  ],
};
