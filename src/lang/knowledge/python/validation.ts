// Parsers, pattern tests and limits from the standard library that check or bound a value.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const validation: KnowledgeFamily = {
  family: "validation",
  guards: [
    { callee: "**.fromisoformat", concept: "type-cast" },
    { callee: "ipaddress.ip_network", concept: "type-cast" },
    { callee: "ipaddress.ip_address", concept: "type-cast" },
    { callee: "**.strptime", concept: "type-cast" },
    { callee: "uuid.UUID", concept: "type-cast" },
    { callee: "UUID", concept: "type-cast" },
    { callee: "re.fullmatch", concept: "pattern-check", cleans: false },
    { callee: "re.match", concept: "pattern-check", cleans: false },
    { callee: "**.fullmatch", concept: "pattern-check", cleans: false },
    { callee: "itertools.islice", concept: "size-limit" },
    { callee: "**.ltrim", concept: "size-limit", cleans: false },
    { callee: "**.Semaphore", concept: "rate-limit", cleans: false },
    { callee: "**.BoundedSemaphore", concept: "rate-limit", cleans: false },
    { callee: "**.LRUCache", concept: "size-limit", cleans: false },
    { callee: "**.TTLCache", concept: "size-limit", cleans: false },
    { callee: "collections.deque", concept: "size-limit", cleans: false },
  ],
};
