// pymongo: documents looked up and written; query documents built from input (operator injection, `$where`).
import type { KnowledgeFamily } from "../KnowledgeRows.js";

/** A query document: a dict literal, JSON decoded from input, or a `$where`/`$regex` operator. */
const QUERY_DOCUMENT = /^\{|^dict\(|json|loads|\$where|\$regex|\$function/;

export const pymongo: KnowledgeFamily = {
  family: "pymongo",
  sinks: [
    { callee: "**.find_one", concept: "object-lookup" },
    { callee: "**.insert_one", concept: "state-change", args: [] },
    { callee: "**.update_one", concept: "state-change", args: [] },
    { callee: "**.delete_one", concept: "state-change", args: [] },
    ...["find", "find_one", "find_one_and_update", "find_one_and_delete", "find_one_and_replace", "update_one", "update_many", "delete_one", "delete_many", "count_documents", "aggregate", "distinct"].map((m) => ({
      callee: `**.${m}`,
      concept: "nosql" as const,
      args: [0],
      keywords: ["filter"],
      whenArg: { index: 0, value: QUERY_DOCUMENT },
    })),
  ],
  guards: [
    { callee: "bson.objectid.ObjectId", concept: "type-cast" },
    { callee: "ObjectId", concept: "type-cast" },
  ],
};
