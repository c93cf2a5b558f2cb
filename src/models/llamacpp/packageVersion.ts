// The installed node-llama-cpp version, for manifests.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let version: string | undefined;

export function nodeLlamaCppVersion(): string {
  if (version === undefined) {
    try {
      const entry = createRequire(import.meta.url).resolve("node-llama-cpp");
      version = (JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as { version: string }).version;
    } catch {
      version = "unknown";
    }
  }
  return version;
}
