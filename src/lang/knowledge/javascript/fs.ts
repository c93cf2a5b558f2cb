// fs and path: files read, written and removed by path; basename and containment checks.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const fs: KnowledgeFamily = {
  family: "fs",
  sources: [
    { pattern: "fs.readFileSync", concept: "file-content" },
    { pattern: "fs.promises.readFile", concept: "file-content" },
  ],
  sinks: [
    ...["readFile", "readFileSync", "createReadStream", "unlink", "unlinkSync", "rm", "rmSync", "readdir", "readdirSync", "stat", "statSync", "access", "existsSync", "open", "rename", "mkdir"].flatMap((f) => [
      { callee: `fs.${f}`, concept: "file-path" as const, args: [0] },
      { callee: `fs.promises.${f}`, concept: "file-path" as const, args: [0] },
      { callee: `fsp.${f}`, concept: "file-path" as const, args: [0] },
    ]),
    ...["writeFile", "writeFileSync", "createWriteStream", "appendFile", "appendFileSync"].flatMap((f) => [
      { callee: `fs.${f}`, concept: "file-write" as const, args: [0] },
      { callee: `fs.promises.${f}`, concept: "file-write" as const, args: [0] },
      { callee: `fsp.${f}`, concept: "file-write" as const, args: [0] },
    ]),
    { callee: "fs.copyFile", concept: "upload-save", args: [1] },
    // Deno and Bun file APIs.
    ...["readTextFile", "readFile", "readTextFileSync", "readFileSync", "open", "remove", "readDir"].map((f) => ({ callee: `Deno.${f}`, concept: "file-path" as const, args: [0] })),
    ...["writeTextFile", "writeFile", "writeTextFileSync", "writeFileSync"].map((f) => ({ callee: `Deno.${f}`, concept: "file-write" as const, args: [0] })),
    { callee: "Bun.file", concept: "file-path", args: [0] },
    { callee: "Bun.write", concept: "file-write", args: [0] },
    // Express's static root from input serves any directory.
    { callee: "express.static", concept: "file-path", args: [0] },
  ],
  guards: [
    { callee: "path.basename", concept: "path-sanitize" },
    { callee: "**.replace", concept: "path-sanitize", firstArg: /^\/.*(\\\/|\.\.|\\\\)|^["'`](\/|\.\.)/ },
    { callee: "**.replaceAll", concept: "path-sanitize", firstArg: /^["'`](\/|\.\.)/ },
    { callee: "sanitize-filename", concept: "path-sanitize" },
    { callee: "sanitizeFilename", concept: "path-sanitize" },
    { callee: "**.startsWith", concept: "path-containment", cleans: false },
    { callee: "path.relative", concept: "path-containment", cleans: false },
    { callee: "path.extname", concept: "extension-check", cleans: false },
  ],
};
