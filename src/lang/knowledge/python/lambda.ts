// Serverless handlers (AWS Lambda, API Gateway events): the event's request parts.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const lambda: KnowledgeFamily = {
  family: "lambda",
  sources: [
    ...["body", "queryStringParameters", "multiValueQueryStringParameters", "pathParameters", "rawQueryString", "rawPath", "path"].map((m) => ({
      pattern: `event.${m}`,
      concept: "request" as const,
      member: true,
    })),
    { pattern: "event.headers", concept: "request-header", member: true },
    { pattern: "event.cookies", concept: "request-header", member: true },
    { pattern: "argparse.ArgumentParser.parse_args", concept: "argv" },
    { pattern: "**.parse_args", concept: "argv" },
    { pattern: "**.parse_known_args", concept: "argv" },
  ],
};
