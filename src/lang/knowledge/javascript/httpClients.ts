// Outgoing HTTP from npm: fetch, axios, got, superagent, needle; ipaddr.js as the address check.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const httpClients: KnowledgeFamily = {
  family: "http-clients",
  sinks: [
    { callee: "fetch", concept: "http-request", args: [0] },
    { callee: "axios", concept: "http-request", args: [0], keywords: ["url"] },
    ...["get", "post", "put", "delete", "patch", "head", "request"].flatMap((m) => [
      { callee: `axios.${m}`, concept: "http-request" as const, args: [0], keywords: ["url"] },
      { callee: `got.${m}`, concept: "http-request" as const, args: [0] },
      { callee: `superagent.${m}`, concept: "http-request" as const, args: [0] },
    ]),
    { callee: "got", concept: "http-request", args: [0] },
    { callee: "needle", concept: "http-request", args: [1] },
    ...["get", "post", "put", "delete", "patch", "head", "request"].flatMap((m) => [
      { callee: `needle.${m}`, concept: "http-request" as const, args: [0] },
      { callee: `request.${m}`, concept: "http-request" as const, args: [0], keywords: ["url", "uri"] },
    ]),
    { callee: "node-fetch", concept: "http-request", args: [0] },
    { callee: "request", concept: "http-request", args: [0], keywords: ["url", "uri"] },
    { callee: "superagent", concept: "http-request", args: [1] },
    { callee: "undici.request", concept: "http-request", args: [0] },
    { callee: "undici.fetch", concept: "http-request", args: [0] },
    { callee: "got.stream", concept: "http-request", args: [0] },
    { callee: "ky", concept: "http-request", args: [0] },
  ],
  guards: [{ callee: "ipaddr.parse", concept: "url-check", cleans: false }],
};
