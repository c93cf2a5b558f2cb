// aiohttp's server side: request members and awaited bodies.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const aiohttp: KnowledgeFamily = {
  family: "aiohttp",
  sources: [
    ...["match_info", "query", "rel_url", "content", "raw_path"].map((m) => ({ pattern: `request.${m}`, concept: "request" as const, member: true })),
    { pattern: "request.post", concept: "request" },
    { pattern: "request.text", concept: "request" },
    { pattern: "request.read", concept: "request" },
    { pattern: "request.multipart", concept: "upload" },
  ],
  sinks: [
    { callee: "aiohttp.web.Response", concept: "html-output", args: [], keywords: ["text", "body"], unless: { keyword: "content_type", value: /json|text\/plain/ } },
    { callee: "web.Response", concept: "html-output", args: [], keywords: ["text", "body"], unless: { keyword: "content_type", value: /json|text\/plain/ } },
    { callee: "aiohttp.web.HTTPFound", concept: "redirect", args: [0], keywords: ["location"] },
    { callee: "web.HTTPFound", concept: "redirect", args: [0], keywords: ["location"] },
    { callee: "aiohttp.web.FileResponse", concept: "file-path", args: [0], keywords: ["path"] },
    { callee: "web.FileResponse", concept: "file-path", args: [0], keywords: ["path"] },
  ],
};
