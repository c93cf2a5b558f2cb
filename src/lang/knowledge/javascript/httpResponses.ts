// Node's http.ServerResponse (and frameworks that expose it): a `Location` header sent with writeHead or
// setHeader redirects the browser wherever its value points.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

/** The header-name argument of `setHeader(name, value)` when it names Location (any case). */
const LOCATION = /^["'`]location["'`]$/i;

export const httpResponses: KnowledgeFamily = {
  family: "httpResponses",
  sinks: [
    // response.writeHead(statusCode[, statusMessage][, headers]): the headers object's Location.
    { callee: "**.writeHead", concept: "redirect", args: [], keywords: ["Location", "location"] },
    ...["**.setHeader", "**.header", "**.set", "**.append"].map((c) => ({ callee: c, concept: "redirect" as const, args: [1], whenArg: { index: 0, value: LOCATION } })),
  ],
};
