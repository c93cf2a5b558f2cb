// SQLAlchemy (and Flask-SQLAlchemy): textual SQL, lookups by id, session writes.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const sqlalchemy: KnowledgeFamily = {
  family: "sqlalchemy",
  sinks: [
    { callee: "sqlalchemy.text", concept: "sql", args: [0] },
    { callee: "text", concept: "sql", args: [0] },
    { callee: "**.get_or_404", concept: "object-lookup" },
    { callee: "**.query.get", concept: "object-lookup" },
    { callee: "**.session.get", concept: "object-lookup" },
    { callee: "**.filter_by", concept: "object-lookup" },
    { callee: "**.get_by_id", concept: "object-lookup" },
    { callee: "**.commit", concept: "state-change", args: [] },
    { callee: "**.delete", concept: "state-change", args: [] },
    { callee: "**.session.add", concept: "state-change", args: [] },
    { callee: "**.update", concept: "state-change", args: [] },
    { callee: "**.to_dict", concept: "record-exposure", args: [] },
  ],
};
