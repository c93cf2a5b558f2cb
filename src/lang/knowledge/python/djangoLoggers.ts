// Django's module-level loggers in django.utils.log (`request_logger`, the "django.request" logger): a
// message built from input reaches the log as written (CWE-117).
import type { KnowledgeFamily } from "../KnowledgeRows.js";

const LEVELS = ["debug", "info", "warning", "warn", "error", "exception", "critical", "log"];

export const djangoLoggers: KnowledgeFamily = {
  family: "django-loggers",
  sinks: LEVELS.map((m) => ({ callee: `django.utils.log.request_logger.${m}`, concept: "log-output" as const })),
};
