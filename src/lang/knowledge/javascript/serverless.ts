// Serverless handlers: AWS Lambda/API Gateway events, Azure Functions requests (`exports.handler = async (event) =>`).
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const serverless: KnowledgeFamily = {
  family: "serverless",
  sources: [
    ...["body", "queryStringParameters", "multiValueQueryStringParameters", "pathParameters", "rawQueryString", "rawPath", "path", "Records"].map((m) => ({
      pattern: `event.${m}`,
      concept: "request" as const,
      member: true,
    })),
    { pattern: "event.headers", concept: "request-header", member: true },
    { pattern: "event.cookies", concept: "request-header", member: true },
  ],
};
