// The base models `finetune plan` knows: their shapes, from which parameter and LoRA counts are computed.
import { UserError } from "../../util/errors.js";

export interface BaseModel {
  id: string;
  /** Hugging Face repository of the weights (the Instruct model: its chat template is the one evaluation uses). */
  hfModel: string;
  layers: number;
  hidden: number;
  intermediate: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  vocab: number;
  /** Parameter count as published; the computed count must agree within 0.5 %. */
  publishedParams: number;
}

export const BASE_MODELS: readonly BaseModel[] = [
  {
    id: "llama-3.1-8b",
    hfModel: "meta-llama/Llama-3.1-8B-Instruct",
    layers: 32,
    hidden: 4096,
    intermediate: 14336,
    heads: 32,
    kvHeads: 8,
    headDim: 128,
    vocab: 128256,
    publishedParams: 8.03e9,
  },
  {
    id: "llama-3.1-70b",
    hfModel: "meta-llama/Llama-3.1-70B-Instruct",
    layers: 80,
    hidden: 8192,
    intermediate: 28672,
    heads: 64,
    kvHeads: 8,
    headDim: 128,
    vocab: 128256,
    publishedParams: 70.6e9,
  },
];

export function getBaseModel(id: string): BaseModel {
  const model = BASE_MODELS.find((m) => m.id === id);
  if (!model) throw new UserError(`unknown base model "${id}"; known: ${BASE_MODELS.map((m) => m.id).join(", ")}`);
  return model;
}

/** The linear layers of a Llama block, as PEFT names them. All seven are adapted (the QLoRA paper's finding). */
export const LLAMA_LINEAR_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"] as const;
export type LinearModule = (typeof LLAMA_LINEAR_MODULES)[number];

/** `[d_in, d_out]` of each linear layer of one block. */
export function moduleShapes(m: BaseModel): Record<LinearModule, [number, number]> {
  const kv = m.kvHeads * m.headDim;
  return {
    q_proj: [m.hidden, m.heads * m.headDim],
    k_proj: [m.hidden, kv],
    v_proj: [m.hidden, kv],
    o_proj: [m.heads * m.headDim, m.hidden],
    gate_proj: [m.hidden, m.intermediate],
    up_proj: [m.hidden, m.intermediate],
    down_proj: [m.intermediate, m.hidden],
  };
}

export interface ParameterCounts {
  total: number;
  /** Weights of the blocks' linear layers: what bitsandbytes quantises. */
  linear: number;
  /** Embeddings, untied LM head and RMSNorm weights: kept in bf16 under QLoRA. */
  unquantized: number;
}

/** Count parameters from the shapes: blocks' linear layers + 2 norms per block + final norm + embeddings + LM head. */
export function parameterCounts(m: BaseModel): ParameterCounts {
  const perBlock = Object.values(moduleShapes(m)).reduce((sum, [din, dout]) => sum + din * dout, 0);
  const linear = perBlock * m.layers;
  const unquantized = 2 * m.vocab * m.hidden + 2 * m.hidden * m.layers + m.hidden;
  return { total: linear + unquantized, linear, unquantized };
}

/** LoRA parameters: Σ over adapted modules of r × (d_in + d_out), times the number of blocks. */
export function loraParameterCount(m: BaseModel, rank: number, modules: readonly string[]): number {
  const shapes = moduleShapes(m) as Record<string, [number, number]>;
  let perBlock = 0;
  for (const name of modules) {
    const shape = shapes[name];
    if (!shape) throw new UserError(`unknown target module "${name}"; known: ${LLAMA_LINEAR_MODULES.join(", ")}`);
    perBlock += rank * (shape[0] + shape[1]);
  }
  return perBlock * m.layers;
}
