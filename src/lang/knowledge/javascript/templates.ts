// Template engines compiling text: EJS, Pug, lodash template, any `compile`.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const templates: KnowledgeFamily = {
  family: "templates",
  sinks: [
    { callee: "**.compile", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "ejs.render", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "pug.render", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "_.template", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    // Template text from input: Handlebars/EJS/Pug compile (above), Nunjucks, Mustache, doT, lodash.
    { callee: "nunjucks.renderString", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "mustache.render", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "Mustache.render", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "dot.template", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "lodash.template", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "pug.compile", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "ejs.compile", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    // A view name from input picks any template file (and its engine's options).
    { callee: "res.render", concept: "file-path", args: [0] },
  ],
};
