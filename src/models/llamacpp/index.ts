// `llamacpp:<path.gguf>`: a local GGUF model run in-process by node-llama-cpp, JSON-schema-constrained.
import { resolve } from "node:path";
import { getPrompt } from "../../prompts/index.js";
import { UserError } from "../../util/errors.js";
import type { Detector, DetectorOptions } from "../Detector.js";
import { LlamaCppDetector } from "./LlamaCppDetector.js";
import { LlamaCppEngine, type LlamaCppEngineOptions } from "./LlamaCppEngine.js";
import { parseLlamaCppSpec } from "./llamaCppSpec.js";

export { LlamaCppDetector } from "./LlamaCppDetector.js";
export { LlamaCppEngine, ContextOverflowError, type LlamaCppEngineOptions, type GenerateRequest, type GenerateResult } from "./LlamaCppEngine.js";
export { loadLlama, loadModel, defaultThreads, type LlamaRuntimeOptions } from "./loadLlama.js";
export { choicesGbnf } from "./choicesGbnf.js";
export { parseLlamaCppSpec, formatLlamaCppSpec, mapLlamaCppPaths, type LlamaCppSpec, type LoraAdapterSpec } from "./llamaCppSpec.js";

/** Options of the llamacpp backend, on top of {@link DetectorOptions}. */
export interface LlamaCppDetectorOptions extends DetectorOptions {
  /** Parallel sequences in one context; also the number of samples in flight. Defaults to `concurrency`, else `4`. */
  sequences?: number;
  /** Context size per sequence in tokens. Defaults to the model's trained size, at most `8192`. */
  contextSize?: number;
  /** Sampling temperature. Defaults to `0` (greedy, reproducible). */
  temperature?: number;
  /** GPU backend for llama.cpp. Defaults to `false` (CPU). */
  gpu?: LlamaCppEngineOptions["gpu"];
}

/** Load the GGUF named by `spec` (once per process) and build a detector over it; `+lora=` adapters apply to its own context. */
export async function createLlamaCppDetector(spec: string, options: LlamaCppDetectorOptions = {}): Promise<Detector> {
  if (!spec) throw new UserError("llamacpp: give a GGUF path, e.g. llamacpp:models/llama-3.1-8b.Q4_K_M.gguf");
  const prompt = getPrompt(options.prompt);
  const parsed = parseLlamaCppSpec(spec);
  const path = resolve(parsed.model);
  const engine = await LlamaCppEngine.open(path, {
    lora: parsed.lora.map((a) => ({ path: resolve(a.path), scale: a.scale })),
    threads: positive(options.threads, "threads"),
    sequences: positive(options.sequences ?? options.concurrency, "sequences"),
    contextSize: positive(options.contextSize, "contextSize"),
    temperature: options.temperature,
    gpu: options.gpu,
  });
  return new LlamaCppDetector(`llamacpp:${spec}`, engine, { prompt, stripComments: options.stripComments ?? false, timeoutMs: options.timeoutMs ?? 0 });
}

function positive(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw new UserError(`llamacpp: ${name} must be a positive integer, got ${String(value)}`);
  return value;
}
