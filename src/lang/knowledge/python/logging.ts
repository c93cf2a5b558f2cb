// logging, structlog and the usual logger names: what is written to logs.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const logging: KnowledgeFamily = {
  family: "logging",
  sinks: [
    ...["logging", "log", "logger", "LOGGER", "LOG", "_log", "_logger", "self.log", "self.logger", "current_app.logger", "app.logger"].flatMap((r) =>
      ["debug", "info", "warning", "warn", "error", "exception", "critical", "log"].map((m) => ({ callee: `${r}.${m}`, concept: "log-output" as const })),
    ),
  ],
  moduleFactories: [
    { callee: "logging.getLogger", module: "logging" },
    { callee: "logging.LoggerAdapter", module: "logging" },
    { callee: "structlog.get_logger", module: "logging" },
    { callee: "structlog.getLogger", module: "logging" },
  ],
};
