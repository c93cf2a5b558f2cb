// GPU memory of LoRA / QLoRA fine-tuning, per GPU, in parts: weights, adapters, activations, overhead.
import { loraParameterCount, parameterCounts, type BaseModel } from "./baseModels.js";

export const GIB = 2 ** 30;

/** bf16 weights: 2 bytes per parameter. */
export const BF16_BYTES = 2;
/**
 * NF4 with double quantisation (bitsandbytes, block 64): 4 bits per weight = 0.5 byte, + one 8-bit absmax per 64
 * weights (1/64 byte), + one fp32 second-level constant per 256 blocks (4/16384 byte) ≈ 0.5159 byte per weight.
 * (Without double quantisation the absmax is fp32: 0.5 + 4/64 = 0.5625.)
 */
export const NF4_BYTES_PER_PARAM = 0.5 + 1 / 64 + 4 / (64 * 256);
/**
 * Per adapter parameter: fp32 weight (4) + fp32 gradient (4) + AdamW first and second moments in fp32 (8) = 16 bytes.
 * Conservative for QLoRA, where TRL keeps adapter weights in bf16.
 */
export const ADAPTER_BYTES_PER_PARAM = 16;
/**
 * Activations with gradient checkpointing, per token of a micro-batch:
 * - the bf16 input saved at every block boundary: layers × hidden × 2 bytes;
 * - the one block being recomputed in backward: (16 × hidden + 6 × intermediate) × 2 bytes (norm outputs,
 *   q/k/v/attention outputs, gate/up/SiLU/product, and the inputs LoRA dropout copies for its seven modules);
 *   attention uses SDPA/flash kernels, so no heads × seq² scores are stored;
 * - the logits: vocab × 12 bytes (bf16 logits, their fp32 upcast for the loss, its fp32 and bf16 gradients).
 */
export const LOGIT_BYTES_PER_VOCAB = 12;
export const WORKING_BLOCK_HIDDEN_FACTOR = 16;
export const WORKING_BLOCK_INTERMEDIATE_FACTOR = 6;
/** CUDA context, cuBLAS workspaces and the caching allocator's reserve, per GPU. */
export const OVERHEAD_BYTES_PER_GPU = 1.5 * GIB;
/** A plan fits when its total stays under this share of each GPU (room for fragmentation and spikes). */
export const USABLE_FRACTION = 0.9;

export type FinetuneMethod = "lora" | "qlora";

export interface MemoryInputs {
  model: BaseModel;
  method: FinetuneMethod;
  rank: number;
  targetModules: readonly string[];
  microBatch: number;
  seqLen: number;
  /** GPUs the model is spread over (`device_map="auto"`: layers split across them). */
  gpus: number;
  gpuMemoryGib: number;
}

export interface MemoryEstimate {
  /** Bytes per GPU, by part. */
  weights: number;
  adapters: number;
  activations: number;
  overhead: number;
  total: number;
  /** Bytes per GPU a plan may use: `USABLE_FRACTION` × GPU memory. */
  usable: number;
  fits: boolean;
  loraParams: number;
}

/** Base weights in memory: bf16 for LoRA; NF4 linear layers + bf16 embeddings, head and norms for QLoRA. */
export function weightBytes(model: BaseModel, method: FinetuneMethod): number {
  const p = parameterCounts(model);
  return method === "lora" ? p.total * BF16_BYTES : p.linear * NF4_BYTES_PER_PARAM + p.unquantized * BF16_BYTES;
}

/** Activation bytes of one micro-batch (see the constants above). */
export function activationBytes(model: BaseModel, microBatch: number, seqLen: number): number {
  const perToken =
    model.layers * model.hidden * BF16_BYTES +
    (WORKING_BLOCK_HIDDEN_FACTOR * model.hidden + WORKING_BLOCK_INTERMEDIATE_FACTOR * model.intermediate) * BF16_BYTES +
    model.vocab * LOGIT_BYTES_PER_VOCAB;
  return microBatch * seqLen * perToken;
}

/**
 * Per-GPU estimate. Weights and adapter state are split evenly over the GPUs (`device_map="auto"` places whole
 * blocks on each); activations are counted whole on every GPU (the last one holds the logits), which errs high.
 */
export function estimateMemory(inputs: MemoryInputs): MemoryEstimate {
  const loraParams = loraParameterCount(inputs.model, inputs.rank, inputs.targetModules);
  const weights = weightBytes(inputs.model, inputs.method) / inputs.gpus;
  const adapters = (loraParams * ADAPTER_BYTES_PER_PARAM) / inputs.gpus;
  const activations = activationBytes(inputs.model, inputs.microBatch, inputs.seqLen);
  const overhead = OVERHEAD_BYTES_PER_GPU;
  const total = weights + adapters + activations + overhead;
  const usable = inputs.gpuMemoryGib * GIB * USABLE_FRACTION;
  return { weights, adapters, activations, overhead, total, usable, fits: total <= usable, loraParams };
}
