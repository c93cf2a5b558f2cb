// Response headers and cookies: values from input (header splitting) and cookies set without their flags.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const headers: KnowledgeFamily = {
  family: "headers",
  sinks: [
    // Flask/Werkzeug `set_cookie(key, value, …, secure=False, httponly=False)` defaults both flags off.
    { callee: "**.set_cookie", concept: "cookie-flags", args: [], unless: { keyword: "secure", value: /^True$/ }, cwe: "CWE-614" },
    { callee: "**.set_cookie", concept: "cookie-flags", args: [], unless: { keyword: "httponly", value: /^True$/ }, cwe: "CWE-1004" },
    { callee: "**.set_cookie", concept: "header-write", args: [1], keywords: ["value"] },
    { callee: "**.headers.add", concept: "header-write", args: [1] },
    { callee: "**.headers.set", concept: "header-write", args: [1] },
    { callee: "**.headers.setdefault", concept: "header-write", args: [1] },
    { callee: "**.add_header", concept: "header-write", args: [1] },
    { callee: "**.set_header", concept: "header-write", args: [1] },
  ],
  // A response object held in a local reads as `response`: `resp = make_response(…)` … `resp.headers[…] = v`.
  moduleFactories: ["make_response", "flask.make_response", "flask.Response", "werkzeug.wrappers.Response"].map((callee) => ({ callee, module: "response" })),
  // `response.headers["X-Name"] = value`
  sinkProperties: ["response", "resp", "res", "rv"].map((r) => ({ property: `${r}.headers`, concept: "header-write" as const })),
};
