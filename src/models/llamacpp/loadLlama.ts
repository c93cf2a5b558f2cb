// One llama.cpp runtime per process and one loaded model per GGUF file: loading is paid once.
import { availableParallelism } from "node:os";
import { stat } from "node:fs/promises";
import { UserError } from "../../util/errors.js";
import { checkVocabulary } from "./checkVocabulary.js";
import type { Llama, LlamaModel } from "node-llama-cpp";

export interface LlamaRuntimeOptions {
  /** CPU threads for llama.cpp. Defaults to the machine's cores (`os.availableParallelism()`). */
  threads?: number;
  /** GPU backend: `false` (CPU only), `"auto"`, `"cuda"`, `"vulkan"` or `"metal"`. Defaults to `false`. */
  gpu?: false | "auto" | "cuda" | "vulkan" | "metal";
}

let runtime: Promise<Llama> | undefined;
const models = new Map<string, Promise<LlamaModel>>();

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The process-wide llama.cpp runtime; uses the prebuilt binaries and never builds or downloads anything.
 * The GPU choice of the first caller wins; a later caller asking for more threads raises the limit.
 */
export async function loadLlama(options: LlamaRuntimeOptions = {}): Promise<Llama> {
  const threads = options.threads ?? defaultThreads();
  if (!runtime) {
    runtime = (async () => {
      const { getLlama, LlamaLogLevel } = await import("node-llama-cpp");
      return getLlama({
        gpu: options.gpu ?? false,
        build: "never",
        skipDownload: true,
        usePrebuiltBinaries: true,
        progressLogs: false,
        maxThreads: threads,
        logLevel: LlamaLogLevel.error,
      });
    })();
    runtime.catch(() => (runtime = undefined));
  }
  const llama = await runtime;
  if (llama.maxThreads !== 0 && llama.maxThreads < threads) llama.maxThreads = threads;
  return llama;
}

/** Load a GGUF once per process (by absolute path); later callers share the same model. */
export async function loadModel(path: string, options: LlamaRuntimeOptions = {}): Promise<LlamaModel> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new UserError(`llamacpp: model file not found: ${path}`);
  let model = models.get(path);
  if (!model) {
    model = (async () => {
      await checkVocabulary(path);
      const llama = await loadLlama(options);
      try {
        return await llama.loadModel({ modelPath: path, gpuLayers: options.gpu ? "auto" : 0 });
      } catch (err) {
        throw new UserError(`llamacpp: cannot load ${path}: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
    models.set(path, model);
    model.catch(() => models.delete(path));
  }
  return model;
}

/** Forget a model (after it was disposed). */
export function forgetModel(path: string): void {
  models.delete(path);
}
