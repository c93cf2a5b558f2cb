// Bottle, Pyramid and Falcon: request members, responses and redirects.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const bottle: KnowledgeFamily = {
  family: "bottle",
  sources: [
    // Bottle: request.query/forms/params/files (FormsDict); Pyramid: params, matchdict, json_body; Falcon: get_param, media.
    ...["forms", "params", "query", "matchdict", "json_body", "POST", "GET", "media", "get_param", "get_param_as_list", "get_media", "bounded_stream"].map((m) => ({
      pattern: `request.${m}`,
      concept: "request" as const,
      member: true,
    })),
    ...["get_param", "get_param_as_list", "get_param_as_int", "get_media", "get_header"].map((m) => ({ pattern: `req.${m}`, concept: "request" as const })),
    ...["params", "media", "query_string", "uri", "relative_uri", "path", "headers", "cookies"].map((m) => ({
      pattern: `req.${m}`,
      concept: m === "headers" || m === "cookies" ? ("request-header" as const) : ("request" as const),
      member: true,
    })),
    { pattern: "bottle.request.query", concept: "request", member: true },
    { pattern: "bottle.request.forms", concept: "request", member: true },
    { pattern: "request.get_cookie", concept: "request-header" },
  ],
  sinks: [
    { callee: "bottle.redirect", concept: "redirect", args: [0] },
    { callee: "bottle.static_file", concept: "file-path", args: [0], unless: { keyword: "root", value: /./ } },
    { callee: "pyramid.httpexceptions.HTTPFound", concept: "redirect", args: [0], keywords: ["location"] },
    { callee: "HTTPFound", concept: "redirect", args: [0], keywords: ["location"] },
    { callee: "falcon.HTTPFound", concept: "redirect", args: [0] },
    { callee: "falcon.redirects.HTTPFound", concept: "redirect", args: [0] },
  ],
  sinkProperties: [
    { property: "resp.location", concept: "redirect" },
    { property: "response.location", concept: "redirect" },
  ],
};
