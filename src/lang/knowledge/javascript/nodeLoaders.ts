// Node's module loader and the `open` package: Module.prototype._compile runs source text as a module, and
// openApp() hands an application name to the operating system. The package's default `open(target)` is left
// out: a bare `open(…)` reads the same as the browser's window.open, which is a navigation, not a command.
// Promisifiers (util.promisify, pify, bluebird, thenify…) hand back the function or module they wrap.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const nodeLoaders: KnowledgeFamily = {
  family: "nodeLoaders",
  wrappers: [
    "util.promisify", "promisify", "util.promisify.promisify", "pify", "util-promisify", "util.promisify-all", "@gar/promisify",
    "@google-cloud/promisify.promisify", "@google-cloud/promisify.promisifyAll", "promisifyAll",
    "bluebird.promisify", "bluebird.promisifyAll", "Promise.promisify", "Promise.promisifyAll",
    "thenify", "thenify-all", "thenify-all.withCallback", "es6-promisify.promisify",
  ],
  sinks: [
    { callee: "**._compile", concept: "code-eval", args: [0] },
    { callee: "open.openApp", concept: "shell", args: [0] },
  ],
};
