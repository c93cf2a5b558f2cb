// Training time from FLOPs: simple, stated assumptions, no promises.
import type { FinetuneMethod } from "./memoryEstimate.js";

/** A100 bf16 dense peak (TFLOP/s). An H100 SXM is ≈ 989, an L4 ≈ 121, an RTX 4090 ≈ 165. */
export const DEFAULT_GPU_TFLOPS = 312;
/**
 * Model FLOPs utilisation of LoRA SFT with gradient checkpointing and padding, counted as 6 FLOPs per parameter
 * per trained token. Measured: 0.24 in steady steps (0.18 with the first steps' warm-up) for Llama-3.1-8B's
 * shapes on one H100, micro-batch 8 of ≤ 1,122 tokens (trainer/README.md, "Checked on a GPU"); was 0.35, a guess.
 */
export const DEFAULT_MFU = 0.25;
/** QLoRA dequantises every weight on every use: assumed to run at this share of LoRA's speed. */
export const QLORA_SPEED_FACTOR = 0.7;
/**
 * FLOPs per parameter per trained token: forward 2, recomputed forward (gradient checkpointing) 2, backward for
 * activation gradients 2. Weight gradients of the frozen base are never computed (LoRA's are negligible).
 */
export const TRAIN_FLOPS_PER_PARAM_TOKEN = 6;
/** Validation loss: one forward pass. */
export const EVAL_FLOPS_PER_PARAM_TOKEN = 2;

export interface TimeInputs {
  params: number;
  trainTokensPerEpoch: number;
  valTokens: number;
  epochs: number;
  method: FinetuneMethod;
  /** Defaults to {@link DEFAULT_GPU_TFLOPS}. */
  gpuTflops?: number;
  /** Defaults to {@link DEFAULT_MFU}. */
  mfu?: number;
  /** GPUs computing at once: 1 under device_map (blocks run in turn), all of them with FSDP / DeepSpeed. Defaults to 1. */
  parallel?: number;
}

export interface TimeEstimate {
  flops: number;
  seconds: number;
  gpuTflops: number;
  mfu: number;
  speedFactor: number;
}

/**
 * Seconds = (6·P·T_train + 2·P·T_val) × epochs / (TFLOP/s × 10¹² × MFU × speed factor). One GPU computes at a
 * time under `device_map="auto"` (layers run in sequence), so extra GPUs add memory, not speed.
 */
export function estimateTime(inputs: TimeInputs): TimeEstimate {
  const gpuTflops = inputs.gpuTflops ?? DEFAULT_GPU_TFLOPS;
  const mfu = inputs.mfu ?? DEFAULT_MFU;
  const speedFactor = inputs.method === "qlora" ? QLORA_SPEED_FACTOR : 1;
  const flops =
    (TRAIN_FLOPS_PER_PARAM_TOKEN * inputs.params * inputs.trainTokensPerEpoch + EVAL_FLOPS_PER_PARAM_TOKEN * inputs.params * inputs.valTokens) *
    inputs.epochs;
  return { flops, seconds: flops / (gpuTflops * 1e12 * mfu * speedFactor * (inputs.parallel ?? 1)), gpuTflops, mfu, speedFactor };
}
