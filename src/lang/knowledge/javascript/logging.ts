// console and the logging libraries (winston, bunyan, log4js, pino, Fastify's logger).
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const logging: KnowledgeFamily = {
  family: "logging",
  sinks: [
    ...["console", "logger", "log", "this.logger", "fastify.log", "req.log", "winston"].flatMap((r) =>
      ["log", "debug", "info", "warn", "error", "trace"].map((m) => ({ callee: `${r}.${m}`, concept: "log-output" as const })),
    ),
  ],
  moduleFactories: [
    { callee: "winston.createLogger", module: "console" },
    { callee: "bunyan.createLogger", module: "console" },
    { callee: "log4js.getLogger", module: "console" },
    { callee: "pino", module: "console" },
  ],
};
