// The spec of a `llamacpp:` model id: a GGUF, optionally with LoRA adapters (GGUF) applied on top of it:
// `llamacpp:<base.gguf>+lora=<adapter.gguf>[+lora=<another.gguf>]`. A scale other than 1 goes after `@`:
// `+lora=<adapter.gguf>@0.5`.
import { UserError } from "../../util/errors.js";

export interface LoraAdapterSpec {
  path: string;
  scale: number;
}

export interface LlamaCppSpec {
  model: string;
  lora: LoraAdapterSpec[];
}

const LORA = "+lora=";

export function parseLlamaCppSpec(spec: string): LlamaCppSpec {
  const [model, ...adapters] = spec.split(LORA);
  if (!model) throw new UserError(`llamacpp: give a GGUF path before ${LORA}, e.g. llamacpp:base.gguf${LORA}adapter.gguf`);
  return {
    model,
    lora: adapters.map((text) => {
      const at = /^(.+)@([0-9]*\.?[0-9]+)$/.exec(text);
      const path = at ? at[1] : text;
      const scale = at ? Number(at[2]) : 1;
      if (!path) throw new UserError(`llamacpp: empty adapter path in "${spec}"`);
      return { path, scale };
    }),
  };
}

export function formatLlamaCppSpec(spec: LlamaCppSpec): string {
  return [spec.model, ...spec.lora.map((a) => (a.scale === 1 ? a.path : `${a.path}@${a.scale}`))].join(LORA);
}

/** The same spec with every path passed through `map` (e.g. made absolute against an experiment spec's folder). */
export function mapLlamaCppPaths(spec: string, map: (path: string) => string): string {
  const parsed = parseLlamaCppSpec(spec);
  return formatLlamaCppSpec({ model: map(parsed.model), lora: parsed.lora.map((a) => ({ ...a, path: map(a.path) })) });
}
