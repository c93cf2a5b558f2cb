// Node's module loader and the `open` package: Module.prototype._compile runs source text as a module, and
// openApp() hands an application name to the operating system. The package's default `open(target)` is left
// out: a bare `open(…)` reads the same as the browser's window.open, which is a navigation, not a command.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const nodeLoaders: KnowledgeFamily = {
  family: "nodeLoaders",
  sinks: [
    { callee: "**._compile", concept: "code-eval", args: [0] },
    { callee: "open.openApp", concept: "shell", args: [0] },
  ],
};
