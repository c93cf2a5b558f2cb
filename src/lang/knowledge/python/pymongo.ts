// pymongo: documents looked up and written.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const pymongo: KnowledgeFamily = {
  family: "pymongo",
  sinks: [
    { callee: "**.find_one", concept: "object-lookup" },
    { callee: "**.insert_one", concept: "state-change", args: [] },
    { callee: "**.update_one", concept: "state-change", args: [] },
    { callee: "**.delete_one", concept: "state-change", args: [] },
  ],
};
