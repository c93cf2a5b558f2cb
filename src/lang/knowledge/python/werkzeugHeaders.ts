// Werkzeug's response `Headers.extend(pairs_or_dict)` (Flask's `response.headers`) adds each (name, value)
// as written, like `headers.add`: a name or value from input can split the response (CWE-113).
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const werkzeugHeaders: KnowledgeFamily = {
  family: "werkzeug-headers",
  sinks: [{ callee: "**.headers.extend", concept: "header-write", args: [0] }],
};
