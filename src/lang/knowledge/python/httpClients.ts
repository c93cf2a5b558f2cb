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
    ...["get", "post", "put", "delete", "patch", "head", "request"].flatMap((m) => [
      { callee: `requests.Session.${m}`, concept: "http-request" as const, args: [m === "request" ? 1 : 0], keywords: ["url"] },
      { callee: `httpx.Client.${m}`, concept: "http-request" as const, args: [m === "request" ? 1 : 0], keywords: ["url"] },
      { callee: `httpx.AsyncClient.${m}`, concept: "http-request" as const, args: [m === "request" ? 1 : 0], keywords: ["url"] },
      { callee: `aiohttp.ClientSession.${m}`, concept: "http-request" as const, args: [m === "request" ? 1 : 0], keywords: ["url"] },
    ]),
    { callee: "aiohttp.request", concept: "http-request", args: [1], keywords: ["url"] },
    { callee: "urllib3.PoolManager.request", concept: "http-request", args: [1], keywords: ["url"] },
    { callee: "urllib3.request", concept: "http-request", args: [1], keywords: ["url"] },
    { callee: "http.client.HTTPConnection", concept: "http-request", args: [0] },
    { callee: "http.client.HTTPSConnection", concept: "http-request", args: [0] },
    { callee: "urllib.request.urlretrieve", concept: "http-request", args: [0] },
  ],
  // A session or client object reads like its module: `s = requests.Session()` … `s.get(url)`.
  moduleFactories: [
    { callee: "requests.Session", module: "requests" },
    { callee: "requests.session", module: "requests" },
    { callee: "httpx.Client", module: "httpx" },
    { callee: "httpx.AsyncClient", module: "httpx" },
  ],
  guards: [
    { callee: "urllib.parse.quote", concept: "escape" },
    { callee: "quote", concept: "escape" },
    { callee: "urlparse", concept: "url-check", cleans: false },
    { callee: "urllib.parse.urlparse", concept: "url-check", cleans: false },
    { callee: "ipaddress.ip_address", concept: "url-check", cleans: false },
  ],
};
