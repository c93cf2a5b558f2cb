// Concurrency and size limits from npm: p-limit, semaphores, LRU caches, trimmed lists.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const limits: KnowledgeFamily = {
  family: "limits",
  guards: [
    { callee: "**.ltrim", concept: "size-limit", cleans: false },
    { callee: "pLimit", concept: "rate-limit", cleans: false },
    { callee: "p-limit", concept: "rate-limit", cleans: false },
    { callee: "**.Semaphore", concept: "rate-limit", cleans: false },
    { callee: "LRUCache", concept: "size-limit", cleans: false },
    { callee: "lru-cache", concept: "size-limit", cleans: false },
  ],
};
