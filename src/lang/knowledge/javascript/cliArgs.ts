// Command-line argument parsers: yargs (`.argv`, `.parse()`, `.parseSync()`), minimist, optimist, commander's
// options and get-them-args all return what the invoker typed.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const cliArgs: KnowledgeFamily = {
  family: "cliArgs",
  sources: [
    // `.argv` ends every yargs chain (`yargs(hideBin(process.argv)).option(…).argv`) and optimist's.
    { pattern: "**.argv", concept: "argv", member: true },
    // `.parse()` ends a chain of up to three configuring calls.
    ...["parse", "parseSync", "parseAsync"].flatMap((f) => [`yargs.${f}`, `yargs.*.${f}`, `yargs.*.*.${f}`, `yargs.*.*.*.${f}`]).map((p) => ({ pattern: p, concept: "argv" as const })),
    { pattern: "minimist", concept: "argv" },
    { pattern: "get-them-args", concept: "argv" },
    { pattern: "yargs-parser", concept: "argv" },
    // commander: program.opts() and program.args after parse().
    { pattern: "program.opts", concept: "argv" },
    { pattern: "program.args", concept: "argv", member: true },
    { pattern: "commander.program.opts", concept: "argv" },
  ],
};
