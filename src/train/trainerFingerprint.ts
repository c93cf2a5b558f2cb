// A digest of the code that turns data into an embedded model (view, features, learner), so a trained
// artifact is reused only while both its data and this code are unchanged.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { sha256 } from "../util/hash.js";

/** The package's code root: `dist/` when built, `src/` under the test runner. */
const CODE_ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Folders whose code decides what `trainEmbedded` writes (fine-tuning export is not part of it). */
const TRAINER_PARTS = ["cwe", "lang", "models/embedded", "train"];

const memo = new Map<string, string>();

/** SHA-256 over the path and content of every module under the trainer's folders of `root`. */
export function trainerFingerprint(root = CODE_ROOT): string {
  let digest = memo.get(root);
  if (digest) return digest;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "finetune") walk(path);
      } else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(path);
    }
  };
  for (const part of TRAINER_PARTS) walk(join(root, part));
  files.sort();
  digest = sha256(files.map((f) => `${relative(root, f)}\0${sha256(readFileSync(f))}`).join("\n"));
  memo.set(root, digest);
  return digest;
}
