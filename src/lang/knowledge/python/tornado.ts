// Tornado's RequestHandler: argument getters, body, cookies; write, redirect, headers.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const tornado: KnowledgeFamily = {
  family: "tornado",
  sources: [
    ...["get_argument", "get_arguments", "get_query_argument", "get_query_arguments", "get_body_argument", "get_body_arguments", "decode_argument"].map((m) => ({
      pattern: `self.${m}`,
      concept: "request" as const,
    })),
    { pattern: "self.get_cookie", concept: "request-header" },
    { pattern: "self.get_signed_cookie", concept: "request-header" },
    { pattern: "self.get_secure_cookie", concept: "request-header" },
    ...["body", "arguments", "query_arguments", "body_arguments", "uri", "path", "query", "files"].map((m) => ({
      pattern: `self.request.${m}`,
      concept: m === "files" ? ("upload" as const) : ("request" as const),
      member: true,
    })),
    { pattern: "self.request.headers", concept: "request-header", member: true },
    { pattern: "self.path_args", concept: "request", member: true },
    { pattern: "self.path_kwargs", concept: "request", member: true },
  ],
  sinks: [
    { callee: "self.write", concept: "html-output", args: [0] },
    { callee: "self.finish", concept: "html-output", args: [0] },
    { callee: "self.redirect", concept: "redirect", args: [0] },
    { callee: "self.set_header", concept: "header-write", args: [1] },
    { callee: "self.add_header", concept: "header-write", args: [1] },
    { callee: "self.render_string", concept: "file-path", args: [0] },
    { callee: "tornado.template.Template", concept: "template-eval", args: [0], cwe: "CWE-1336" },
  ],
};
