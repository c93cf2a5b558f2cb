// HTML escapers and sanitisers from npm: escape-html, validator, he, lodash, sanitize-html, xss.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const escaping: KnowledgeFamily = {
  family: "escaping",
  guards: [
    { callee: "escapeHtml", concept: "escape" },
    { callee: "escape-html", concept: "escape" },
    { callee: "escape", concept: "escape" },
    { callee: "validator.escape", concept: "escape" },
    { callee: "he.encode", concept: "escape" },
    { callee: "he.escape", concept: "escape" },
    { callee: "_.escape", concept: "escape" },
    { callee: "sanitizeHtml", concept: "escape" },
    { callee: "sanitize-html", concept: "escape" },
    { callee: "xss", concept: "escape" },
  ],
};
