// Files and paths: open, os/shutil/pathlib, archives; basename and containment checks.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const filesystem: KnowledgeFamily = {
  family: "filesystem",
  sources: [
    { pattern: "**.read_text", concept: "file-content" },
    { pattern: "**.read_bytes", concept: "file-content" },
  ],
  sinks: [
    { callee: "open", concept: "file-path", args: [0], keywords: ["file"] },
    { callee: "io.open", concept: "file-path", args: [0] },
    { callee: "os.open", concept: "file-path", args: [0] },
    { callee: "os.remove", concept: "file-path" },
    { callee: "os.unlink", concept: "file-path" },
    { callee: "os.rmdir", concept: "file-path" },
    { callee: "os.makedirs", concept: "file-path" },
    { callee: "os.listdir", concept: "file-path" },
    { callee: "shutil.*", concept: "file-path" },
    { callee: "Path", concept: "file-path", args: [0] },
    { callee: "pathlib.Path", concept: "file-path", args: [0] },
    // tarfile/zipfile members name their own paths; Python 3.12's `filter="data"` keeps them inside.
    { callee: "**.extractall", concept: "file-path", unless: { keyword: "filter", value: /data|tar/ } },
    { callee: "**.extract", concept: "file-path", unless: { keyword: "filter", value: /data|tar/ } },
    { callee: "**.write_text", concept: "file-write" },
    { callee: "**.write_bytes", concept: "file-write" },
    { callee: "**.save", concept: "upload-save", args: [0] },
    { callee: "**.save_as", concept: "upload-save", args: [0] },
  ],
  guards: [
    { callee: "**.replace", concept: "path-sanitize", firstArg: /^["'](\/|\.\.|\\\\)/ },
    { callee: "os.path.basename", concept: "path-sanitize" },
    { callee: "**.is_relative_to", concept: "path-containment", cleans: false },
    { callee: "os.path.commonpath", concept: "path-containment", cleans: false },
    { callee: "**.splitext", concept: "extension-check", cleans: false },
    { callee: "imghdr.what", concept: "extension-check", cleans: false },
    { callee: "magic.from_buffer", concept: "extension-check", cleans: false },
  ],
};
