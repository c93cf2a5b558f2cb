// Model ids → backends. An unknown prefix fails fast and lists the known forms.
import { UserError } from "../util/errors.js";
import type { Detector, DetectorOptions } from "./Detector.js";

export const MODEL_ID_FORMS = [
  "embedded                      the default model shipped in models/",
  "embedded:<path>               an embedded model trained with `cwescope train`",
  "llamacpp:<path.gguf>          a local GGUF model run in-process by node-llama-cpp",
  "llamacpp:<base.gguf>+lora=<adapter.gguf>  the same with a LoRA adapter (GGUF, from `cwescope finetune convert`)",
  "openai:<model> --base-url URL any OpenAI-compatible server (vLLM, Ollama, llama-server, cwescope serve);",
  "                              its key, if any, from the variable named by --api-key-env NAME",
];

type Factory = (spec: string, options: DetectorOptions) => Promise<Detector>;

const BACKENDS: Record<string, Factory> = {
  embedded: async (spec, options) => (await import("./embedded/index.js")).createEmbeddedDetector(spec, options),
  llamacpp: async (spec, options) => (await import("./llamacpp/index.js")).createLlamaCppDetector(spec, options),
  openai: async (spec, options) => (await import("./openai/index.js")).createOpenAIDetector(spec, options),
};

/** Split `prefix:rest`; `embedded` alone has an empty spec. */
export function parseModelId(id: string): { backend: string; spec: string } {
  const at = id.indexOf(":");
  return at === -1 ? { backend: id, spec: "" } : { backend: id.slice(0, at), spec: id.slice(at + 1) };
}

export async function createDetector(id: string, options: DetectorOptions = {}): Promise<Detector> {
  const { backend, spec } = parseModelId(id);
  const factory = BACKENDS[backend];
  if (!factory) throw new UserError(`unknown model id "${id}". Known forms:\n  ${MODEL_ID_FORMS.join("\n  ")}`);
  return factory(spec, options);
}
