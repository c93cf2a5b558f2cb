// Python's builtins: evaluation, allocation, casts, printing and the attribute setters.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const builtins: KnowledgeFamily = {
  family: "builtins",
  sources: [{ pattern: "input", concept: "stdin" }],
  sinks: [
    { callee: "eval", concept: "code-eval", args: [0], cwe: "CWE-95" },
    { callee: "exec", concept: "code-eval", args: [0], cwe: "CWE-95" },
    { callee: "compile", concept: "code-eval", args: [0] },
    { callee: "**.literal_eval", concept: "response", args: [] },
    { callee: "__import__", concept: "dynamic-import" },
    { callee: "importlib.import_module", concept: "dynamic-import" },
    { callee: "setattr", concept: "mass-assignment", args: [1] },
    { callee: "range", concept: "loop-bound" },
    { callee: "bytearray", concept: "alloc" },
    { callee: "**.zfill", concept: "alloc" },
    { callee: "**.ljust", concept: "alloc" },
    { callee: "print", concept: "log-output" },
    { callee: "vars", concept: "record-exposure", args: [] },
  ],
  guards: [
    { callee: "int", concept: "type-cast" },
    { callee: "float", concept: "type-cast" },
    { callee: "bool", concept: "type-cast" },
    { callee: "min", concept: "size-limit" },
    { callee: "**.isalnum", concept: "pattern-check", cleans: false },
    { callee: "**.isdigit", concept: "pattern-check", cleans: false },
    { callee: "**.rsplit", concept: "extension-check", cleans: false },
  ],
};
