// requests' generic entry point: `requests.request(method, url, **kwargs)` takes the URL second (the
// http-clients family reads it at the first position, where the method name stands; the engine takes the
// first row of a concept, so this family is listed before that one).
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const requestsUrls: KnowledgeFamily = {
  family: "requests-urls",
  sinks: [
    { callee: "requests.request", concept: "http-request", args: [1], keywords: ["url"] },
    { callee: "requests.api.request", concept: "http-request", args: [1], keywords: ["url"] },
  ],
};
