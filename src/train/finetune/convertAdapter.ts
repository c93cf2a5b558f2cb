// `cwescope finetune convert`: a PEFT LoRA adapter → GGUF for llama.cpp (node-llama-cpp), with llama.cpp's own
// converters of the release node-llama-cpp runs. Optionally the base model as GGUF, and a merged GGUF.
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { sha256File } from "../../util/hash.js";
import { UserError } from "../../util/errors.js";
import { PACKAGE_ROOT } from "../../version.js";
import { llamaCppTools } from "./llamaCppTools.js";
import { runPython } from "./runPython.js";

/**
 * GGUF tensor types llama.cpp's Python converters write themselves. `q8_0` is the one quantisation they do
 * without a compiled tool; k-quants (Q4_K_M …) need llama.cpp's `llama-quantize` binary afterwards.
 */
export const GGUF_OUTTYPES = ["f32", "f16", "bf16", "q8_0"] as const;
export type GgufOuttype = (typeof GGUF_OUTTYPES)[number];

export interface ConvertOptions {
  /** Folder written by the trainer (adapter_config.json, adapter_model.safetensors). */
  adapter: string;
  /** The Hugging Face folder of the base model the adapter was trained on. */
  base: string;
  out: string;
  /** Also merge the adapter into the base and convert the merged model. */
  merge?: boolean;
  /** Also convert the base model, for serving it with the adapter beside it. */
  convertBase?: boolean;
  /** Tensor type of the base and merged GGUFs. Defaults to `f16`. */
  outtype?: GgufOuttype;
  /** Tensor type of the adapter GGUF. Defaults to `f16` (adapters are small; llama.cpp applies them to any base type). */
  adapterOuttype?: Exclude<GgufOuttype, "q8_0">;
  python: string;
  /** A llama.cpp source folder instead of the one unpacked from node-llama-cpp. */
  llamaCpp?: string;
  onOutput?: (line: string, stream: "stdout" | "stderr") => void;
  onStep?: (message: string) => void;
}

export interface ConvertResult {
  release: string;
  adapterGguf: string;
  baseGguf?: string;
  mergedGguf?: string;
  /** `llamacpp:` model ids that evaluate what was written (paths absolute). */
  modelIds: string[];
}

const ADAPTER_FILES = ["adapter_config.json", "adapter_model.safetensors"];

async function checkInputs(adapter: string, base: string): Promise<void> {
  for (const file of ADAPTER_FILES) {
    if (!existsSync(join(adapter, file))) throw new UserError(`${adapter}: not a PEFT adapter folder (${file} is missing)`);
  }
  if (!existsSync(join(base, "config.json"))) throw new UserError(`${base}: not a Hugging Face model folder (config.json is missing); --base takes the folder the adapter was trained on`);
  const config = JSON.parse(await readFile(join(adapter, "adapter_config.json"), "utf8")) as { peft_type?: string };
  if (config.peft_type !== "LORA") throw new UserError(`${adapter}/adapter_config.json: peft_type is ${String(config.peft_type)}; only LoRA adapters convert to GGUF`);
}

export async function convertAdapter(options: ConvertOptions): Promise<ConvertResult> {
  const adapter = resolve(options.adapter);
  const base = resolve(options.base);
  const out = resolve(options.out);
  const outtype = options.outtype ?? "f16";
  const adapterOuttype = options.adapterOuttype ?? "f16";
  await checkInputs(adapter, base);
  const tools = await llamaCppTools({ dir: options.llamaCpp });
  await mkdir(out, { recursive: true });
  const step = (what: string, args: string[]) => {
    options.onStep?.(what);
    return runPython({ python: options.python, args, what, onOutput: options.onOutput });
  };

  const adapterGguf = join(out, `adapter.${adapterOuttype}.gguf`);
  await step("convert the adapter to GGUF", [tools.convertLora, "--outfile", adapterGguf, "--outtype", adapterOuttype, "--base", base, adapter]);
  const result: ConvertResult = { release: tools.release, adapterGguf, modelIds: [] };
  if (options.convertBase) {
    result.baseGguf = join(out, `base.${outtype}.gguf`);
    await step("convert the base model to GGUF", [tools.convertHf, "--outfile", result.baseGguf, "--outtype", outtype, base]);
    result.modelIds.push(`llamacpp:${result.baseGguf}`, `llamacpp:${result.baseGguf}+lora=${adapterGguf}`);
  }
  if (options.merge) {
    const mergedHf = join(out, "merged-hf");
    await step("merge the adapter into the base model", [join(PACKAGE_ROOT, "trainer", "merge.py"), "--adapter", adapter, "--base", base, "--out", mergedHf, "--dtype", outtype === "f32" ? "float32" : "bfloat16"]);
    result.mergedGguf = join(out, `merged.${outtype}.gguf`);
    await step("convert the merged model to GGUF", [tools.convertHf, "--outfile", result.mergedGguf, "--outtype", outtype, mergedHf]);
    await rm(mergedHf, { recursive: true, force: true });
    result.modelIds.push(`llamacpp:${result.mergedGguf}`);
  }
  await writeManifest(out, adapter, base, result, { outtype, adapterOuttype });
  return result;
}

async function writeManifest(out: string, adapter: string, base: string, result: ConvertResult, types: Record<string, string>): Promise<void> {
  const files: Record<string, { path: string; sha256: string }> = {};
  for (const [name, path] of Object.entries({ adapter: result.adapterGguf, base: result.baseGguf, merged: result.mergedGguf })) {
    if (path) files[name] = { path, sha256: await sha256File(path) };
  }
  const manifest = { kind: "cwescope-finetune-gguf", version: 1, adapter, base, llamaCppRelease: result.release, types, files, modelIds: result.modelIds };
  await writeFile(join(out, "cwescope-gguf.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}
