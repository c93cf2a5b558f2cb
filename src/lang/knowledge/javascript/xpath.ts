// XPath libraries (xpath, xmldom + xpath, libxmljs find/get): expressions built from input.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const xpath: KnowledgeFamily = {
  family: "xpath",
  sinks: [
    { callee: "xpath.select", concept: "xpath", args: [0] },
    { callee: "xpath.select1", concept: "xpath", args: [0] },
    { callee: "xpath.evaluate", concept: "xpath", args: [0] },
    { callee: "xpath.parse", concept: "xpath", args: [0] },
    { callee: "xpath.useNamespaces", concept: "xpath", args: [] },
    { callee: "**.selectNodes", concept: "xpath", args: [0] },
    { callee: "**.selectSingleNode", concept: "xpath", args: [0] },
  ],
};
