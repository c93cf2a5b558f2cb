// llama.cpp's Python converters (convert_hf_to_gguf.py, convert_lora_to_gguf.py, gguf-py), taken from the
// source release node-llama-cpp ships as a git bundle: the same llama.cpp version as the runtime that loads
// the GGUFs, and no download. Unpacked once per release into a cache folder.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { UserError } from "../../util/errors.js";

export interface LlamaCppTools {
  /** The llama.cpp source folder. */
  dir: string;
  /** Release tag, e.g. `b6000`; `unknown` for a folder given by the user. */
  release: string;
  convertHf: string;
  convertLora: string;
  /** The Llama-3 tokenizer's vocabulary (vocab only, no weights). */
  llama3Vocab: string;
}

const MARKER = ".cwescope-unpacked";

/** node-llama-cpp's `llama/` folder: the bundle and the release it was built from. */
function nodeLlamaCppLlamaDir(): string {
  const entry = createRequire(import.meta.url).resolve("node-llama-cpp");
  return join(dirname(entry), "..", "llama");
}

/** The llama.cpp release the installed node-llama-cpp runs. */
export function llamaCppRelease(): string {
  const info = JSON.parse(readFileSync(join(nodeLlamaCppLlamaDir(), "llama.cpp.info.json"), "utf8")) as { tag?: string };
  if (!info.tag) throw new UserError("node-llama-cpp names no llama.cpp release (llama/llama.cpp.info.json has no tag)");
  return info.tag;
}

/** Where unpacked releases go: `$CWESCOPE_CACHE_DIR`, else `$XDG_CACHE_HOME/cwescope`, else `~/.cache/cwescope`. */
export function cwescopeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CWESCOPE_CACHE_DIR) return resolve(env.CWESCOPE_CACHE_DIR);
  return join(env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), ".cache"), "cwescope");
}

function toolsIn(dir: string, release: string): LlamaCppTools {
  const tools = {
    dir,
    release,
    convertHf: join(dir, "convert_hf_to_gguf.py"),
    convertLora: join(dir, "convert_lora_to_gguf.py"),
    llama3Vocab: join(dir, "models", "ggml-vocab-llama-bpe.gguf"),
  };
  for (const file of [tools.convertHf, tools.convertLora, join(dir, "gguf-py", "gguf", "__init__.py")]) {
    if (!existsSync(file)) throw new UserError(`${dir} is not a llama.cpp source folder: ${file} is missing`);
  }
  return tools;
}

/**
 * The converters: from `dir` when given (`--llama-cpp DIR`), else unpacked from node-llama-cpp's bundle into
 * `<cache>/llama.cpp-<release>` (needs `git`; a few seconds, once per release).
 */
export async function llamaCppTools(options: { dir?: string; cacheDir?: string } = {}): Promise<LlamaCppTools> {
  if (options.dir) return toolsIn(resolve(options.dir), "unknown");
  const release = llamaCppRelease();
  const target = join(options.cacheDir ?? cwescopeCacheDir(), `llama.cpp-${release}`);
  if (existsSync(join(target, MARKER))) return toolsIn(target, release);
  const bundle = join(nodeLlamaCppLlamaDir(), "gitRelease.bundle");
  if (!existsSync(bundle)) throw new UserError(`node-llama-cpp ships no llama.cpp source bundle (${bundle}); pass --llama-cpp DIR, a llama.cpp checkout of release ${release}`);
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  const clone = spawnSync("git", ["clone", "--quiet", "--depth", "1", bundle, partial], { encoding: "utf8" });
  if (clone.error || clone.status !== 0) {
    await rm(partial, { recursive: true, force: true });
    const why = clone.error ? `git could not be started (${clone.error.message})` : clone.stderr.trim().split("\n").pop();
    throw new UserError(`cannot unpack llama.cpp ${release} from ${bundle}: ${why}; install git or pass --llama-cpp DIR`);
  }
  await writeFile(join(partial, MARKER), `${release}\n`);
  // Another process may have unpacked the same release meanwhile: keep theirs.
  if (existsSync(join(target, MARKER))) await rm(partial, { recursive: true, force: true });
  else {
    await rm(target, { recursive: true, force: true });
    await rename(partial, target);
  }
  return toolsIn(target, release);
}
