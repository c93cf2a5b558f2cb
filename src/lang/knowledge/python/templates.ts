// Jinja2 and MarkupSafe: templates built from strings, markup marked safe, escaping.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const templates: KnowledgeFamily = {
  family: "templates",
  sinks: [
    { callee: "jinja2.Template", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "Template", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "**.from_string", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    // Mako and Django templates compiled from text; Bottle's `template()` takes the text itself.
    { callee: "mako.template.Template", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "django.template.Template", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "django.template.Engine.from_string", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "bottle.template", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "bottle.SimpleTemplate", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "Markup", concept: "html-output" },
    { callee: "markupsafe.Markup", concept: "html-output" },
  ],
  guards: [
    { callee: "html.escape", concept: "escape" },
    { callee: "escape", concept: "escape" },
    { callee: "markupsafe.escape", concept: "escape" },
    { callee: "bleach.clean", concept: "escape" },
    { callee: "cgi.escape", concept: "escape" },
    { callee: "select_autoescape", concept: "escape", cleans: false },
  ],
};
