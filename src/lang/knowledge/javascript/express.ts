// Express/Connect (and the request members Koa, Fastify and Hapi share): request reads, responses, handlers.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

const REQ = ["req", "request", "ctx.request", "ctx"];

export const express: KnowledgeFamily = {
  family: "express",
  sources: [
    ...REQ.flatMap((r) =>
      ["query", "body", "params", "param", "files", "file", "url", "originalUrl", "path"].map((m) => ({
        pattern: `${r}.${m}`,
        concept: m.startsWith("file") ? ("upload" as const) : ("request" as const),
        member: true,
      })),
    ),
    ...REQ.flatMap((r) => ["headers", "cookies", "signedCookies", "ip", "hostname"].map((m) => ({ pattern: `${r}.${m}`, concept: "request-header" as const, member: true }))),
    { pattern: "req.get", concept: "request-header" },
    { pattern: "req.header", concept: "request-header" },
    { pattern: "req.param", concept: "request" },
    { pattern: "**.searchParams.get", concept: "request" },
    { pattern: "**.json", concept: "request" },
    { pattern: "**.formData", concept: "request" },
  ],
  sinks: [
    { callee: "res.sendFile", concept: "file-path", args: [0], unless: { keyword: "root", value: /./ } },
    { callee: "res.download", concept: "file-path", args: [0] },
    { callee: "**.mv", concept: "upload-save", args: [0] },
    { callee: "res.send", concept: "html-output", args: [0] },
    { callee: "res.write", concept: "html-output", args: [0] },
    { callee: "res.end", concept: "html-output", args: [0] },
    { callee: "res.redirect", concept: "redirect", args: [0, 1] },
    { callee: "ctx.redirect", concept: "redirect", args: [0] },
    { callee: "reply.redirect", concept: "redirect", args: [0, 1] },
    { callee: "res.json", concept: "response" },
    // Headers from input (response splitting) and cookies without their flags.
    ...["res.setHeader", "res.set", "res.header", "ctx.set", "reply.header", "response.setHeader"].map((c) => ({ callee: c, concept: "header-write" as const, args: [1] })),
    { callee: "res.cookie", concept: "cookie-flags", args: [], unless: { keyword: "secure", value: /^true$/ }, cwe: "CWE-614" },
    { callee: "res.cookie", concept: "cookie-flags", args: [], unless: { keyword: "httpOnly", value: /^true$/ }, cwe: "CWE-1004" },
    { callee: "res.cookie", concept: "header-write", args: [1] },
    { callee: "ctx.cookies.set", concept: "cookie-flags", args: [], when: { keyword: "httpOnly", value: /^false$/ }, cwe: "CWE-1004" },
    { callee: "ctx.cookies.set", concept: "cookie-flags", args: [], when: { keyword: "secure", value: /^false$/ }, cwe: "CWE-614" },
    // Hapi: h.redirect(url), h.response(markup).
    { callee: "h.redirect", concept: "redirect", args: [0] },
    { callee: "h.response", concept: "html-output", args: [0] },
  ],
  // Koa sends a string body as text/html.
  sinkProperties: [{ property: "ctx.body", concept: "html-output" }],
  guards: [
    { callee: "csurf", concept: "csrf", cleans: false },
    { callee: "csrf", concept: "csrf", cleans: false },
    { callee: "lusca.csrf", concept: "csrf", cleans: false },
  ],
  // Express, Koa routers, Fastify, Hapi's server.route; Google Cloud Functions and Firebase HTTP functions.
  handlers: ["app.*", "router.*", "**.route", "server.*", "fastify.*", "api.*", "functions.http", "**.onRequest"],
  handlerParams: [
    { callee: "fastify.*", shapes: [["request", "reply"]] },
    // Express/Connect (and socket-style routers): (req, res, next); four parameters is an error handler.
    { callee: "**.*", shapes: [["req", "res", "next"], ["err", "req", "res", "next"]] },
  ],
};

