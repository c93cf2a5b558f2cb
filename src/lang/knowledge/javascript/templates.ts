// Template engines compiling text: EJS, Pug, lodash template, any `compile`.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const templates: KnowledgeFamily = {
  family: "templates",
  sinks: [
    { callee: "**.compile", concept: "template-eval", args: [0] },
    { callee: "ejs.render", concept: "template-eval", args: [0] },
    { callee: "pug.render", concept: "template-eval", args: [0] },
    { callee: "_.template", concept: "template-eval", args: [0] },
  ],
};
