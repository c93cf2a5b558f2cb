// Packages that stand in for fs: graceful-fs and original-fs (the same API), fs-extra (fs plus its own
// helpers), and the directory makers mkdirp and make-dir. A path from input reaches the file system either way.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

/** Drop-in fs modules: every fs method, under the module's own name. */
const DROP_IN = ["graceful-fs", "original-fs", "fs-extra"];
const READS = ["readFile", "readFileSync", "createReadStream", "unlink", "unlinkSync", "rm", "rmSync", "readdir", "readdirSync", "stat", "statSync", "access", "existsSync", "open", "rename", "mkdir", "mkdirSync"];
const WRITES = ["writeFile", "writeFileSync", "createWriteStream", "appendFile", "appendFileSync"];
/** fs-extra's own helpers (path first). */
const EXTRA_READS = ["readJson", "readJsonSync", "remove", "removeSync", "emptyDir", "emptyDirSync", "ensureDir", "ensureDirSync", "ensureFile", "ensureFileSync", "pathExists", "pathExistsSync", "copy", "copySync", "move", "moveSync"];
const EXTRA_WRITES = ["outputFile", "outputFileSync", "outputJson", "outputJsonSync", "writeJson", "writeJsonSync"];
/** mkdirp (v1–v3 names) and make-dir: the directory to create. */
const MKDIRP = ["sync", "native", "nativeSync", "manual", "manualSync", "mkdirp", "mkdirpSync", "mkdirpNative", "mkdirpNativeSync", "mkdirpManual", "mkdirpManualSync"];

export const fsPackages: KnowledgeFamily = {
  family: "fsPackages",
  sinks: [
    ...DROP_IN.flatMap((m) => [
      ...READS.map((f) => ({ callee: `${m}.${f}`, concept: "file-path" as const, args: [0] })),
      ...WRITES.map((f) => ({ callee: `${m}.${f}`, concept: "file-write" as const, args: [0] })),
    ]),
    ...EXTRA_READS.map((f) => ({ callee: `fs-extra.${f}`, concept: "file-path" as const, args: f.startsWith("copy") || f.startsWith("move") ? [0, 1] : [0] })),
    ...EXTRA_WRITES.map((f) => ({ callee: `fs-extra.${f}`, concept: "file-write" as const, args: [0] })),
    { callee: "mkdirp", concept: "file-path", args: [0] },
    ...MKDIRP.map((f) => ({ callee: `mkdirp.${f}`, concept: "file-path" as const, args: [0] })),
    ...["makeDirectory", "makeDirectorySync"].map((f) => ({ callee: `make-dir.${f}`, concept: "file-path" as const, args: [0] })),
    { callee: "make-dir", concept: "file-path", args: [0] },
  ],
};
