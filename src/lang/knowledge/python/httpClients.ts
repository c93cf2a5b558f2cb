// Outgoing HTTP: requests, httpx, urllib, test clients; URL parsing as the check before a request.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const httpClients: KnowledgeFamily = {
  family: "http-clients",
  sinks: [
    ...["get", "post", "put", "delete", "patch", "head", "request"].flatMap((m) => [
      { callee: `requests.${m}`, concept: "http-request" as const, args: [0], keywords: ["url"] },
      { callee: `httpx.${m}`, concept: "http-request" as const, args: [0], keywords: ["url"] },
    ]),
    { callee: "urllib.request.urlopen", concept: "http-request", args: [0] },
    { callee: "urlopen", concept: "http-request", args: [0] },
    { callee: "urllib.request.Request", concept: "http-request", args: [0] },
    { callee: "**.client.get", concept: "http-request", args: [0] },
  ],
  guards: [
    { callee: "urllib.parse.quote", concept: "escape" },
    { callee: "quote", concept: "escape" },
    { callee: "urlparse", concept: "url-check", cleans: false },
    { callee: "urllib.parse.urlparse", concept: "url-check", cleans: false },
    { callee: "ipaddress.ip_address", concept: "url-check", cleans: false },
  ],
};
