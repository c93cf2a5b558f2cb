// finetune plan: the memory and time arithmetic against hand computations, the choice of method, refusals.
import { describe, expect, it } from "vitest";
import {
  activationBytes,
  estimateMemory,
  estimateTime,
  getBaseModel,
  GIB,
  LLAMA_LINEAR_MODULES,
  loraParameterCount,
  NF4_BYTES_PER_PARAM,
  parameterCounts,
  planFinetune,
  weightBytes,
} from "../../../src/train/finetune/index.js";
import { UserError } from "../../../src/util/errors.js";
import { cli } from "../../helpers/cli.js";

const b8 = getBaseModel("llama-3.1-8b");
const b70 = getBaseModel("llama-3.1-70b");
const ALL = LLAMA_LINEAR_MODULES;

describe("parameter counts from the shapes", () => {
  it("match the published sizes of Llama-3.1 8B and 70B", () => {
    // 8B: per block q 4096² + k,v 4096·1024 each + o 4096² + gate/up/down 3·4096·14336 = 218,103,808; × 32 layers;
    // plus embeddings and untied head 2·128256·4096 = 1,050,673,152, norms 2·4096·32 + 4096.
    expect(parameterCounts(b8)).toEqual({ linear: 6_979_321_856, unquantized: 1_050_939_392, total: 8_030_261_248 });
    // 70B: per block 855,638,016 × 80; embeddings + head 2·128256·8192; norms 2·8192·80 + 8192.
    expect(parameterCounts(b70)).toEqual({ linear: 68_451_041_280, unquantized: 2_102_665_216, total: 70_553_706_496 });
    for (const m of [b8, b70]) expect(Math.abs(parameterCounts(m).total / m.publishedParams - 1)).toBeLessThan(0.005);
  });

  it("count LoRA parameters as r × (d_in + d_out) per module per layer", () => {
    // 8B per layer: q 8192 + k 5120 + v 5120 + o 8192 + gate 18432 + up 18432 + down 18432 = 81,920 × r × 32.
    expect(loraParameterCount(b8, 16, ALL)).toBe(81_920 * 16 * 32);
    expect(loraParameterCount(b8, 16, ALL)).toBe(41_943_040);
    // 70B per layer: 16384 + 9216 + 9216 + 16384 + 3 × 36864 = 161,792 × r × 80.
    expect(loraParameterCount(b70, 16, ALL)).toBe(207_093_760);
    expect(loraParameterCount(b8, 8, ["q_proj", "v_proj"])).toBe(8 * (8192 + 5120) * 32);
    expect(() => loraParameterCount(b8, 8, ["qkv"])).toThrow(UserError);
  });
});

describe("memory arithmetic", () => {
  it("NF4 with double quantisation costs 0.5 + 1/64 + 4/16384 bytes per weight", () => {
    expect(NF4_BYTES_PER_PARAM).toBeCloseTo(0.515869140625, 12);
  });

  it("70B in bf16 does not fit one 80 GB GPU: the weights alone are 131.4 GiB", () => {
    expect(weightBytes(b70, "lora")).toBe(70_553_706_496 * 2);
    expect(weightBytes(b70, "lora") / GIB).toBeGreaterThan(80);
    const m = estimateMemory({ model: b70, method: "lora", rank: 16, targetModules: ALL, microBatch: 1, seqLen: 1024, gpus: 1, gpuMemoryGib: 80 });
    expect(m.fits).toBe(false);
  });

  it("70B in 4-bit QLoRA fits one 80 GB GPU", () => {
    // 68,451,041,280 × 0.515869140625 = 35,311,779,840 (NF4 linear) + 2,102,665,216 × 2 = 4,205,330,432 (bf16 rest).
    expect(weightBytes(b70, "qlora")).toBe(39_517_110_272);
    const m = estimateMemory({ model: b70, method: "qlora", rank: 16, targetModules: ALL, microBatch: 1, seqLen: 1024, gpus: 1, gpuMemoryGib: 80 });
    expect(m.adapters).toBe(207_093_760 * 16);
    expect(m.total).toBe(m.weights + m.adapters + m.activations + 1.5 * GIB);
    expect(m.fits).toBe(true);
    expect(m.usable).toBe(72 * GIB);
  });

  it("activations: per token layers·hidden·2 + (16·hidden + 6·intermediate)·2 + vocab·12 bytes", () => {
    // 8B: 32·4096·2 = 262,144; (65,536 + 86,016)·2 = 303,104; 128256·12 = 1,539,072 → 2,104,320 per token.
    expect(activationBytes(b8, 1, 1024)).toBe(2_104_320 * 1024);
    expect(activationBytes(b8, 4, 512)).toBe(2_104_320 * 2048);
  });

  it("8B QLoRA fits one 24 GB GPU, and one 16 GB GPU", () => {
    for (const gpuMemoryGib of [24, 16]) {
      const m = estimateMemory({ model: b8, method: "qlora", rank: 16, targetModules: ALL, microBatch: 1, seqLen: 1024, gpus: 1, gpuMemoryGib });
      // 6,979,321,856 × 0.515869140625 = 3,600,416,768 (NF4) + 1,050,939,392 × 2 = 2,101,878,784 (bf16) bytes of weights.
      expect(m.weights).toBe(5_702_295_552);
      expect(m.fits).toBe(true);
    }
  });

  it("splits weights and adapter state over GPUs but keeps whole activations on each", () => {
    const one = estimateMemory({ model: b70, method: "lora", rank: 16, targetModules: ALL, microBatch: 1, seqLen: 1024, gpus: 1, gpuMemoryGib: 80 });
    const four = estimateMemory({ model: b70, method: "lora", rank: 16, targetModules: ALL, microBatch: 1, seqLen: 1024, gpus: 4, gpuMemoryGib: 80 });
    expect(four.weights).toBe(one.weights / 4);
    expect(four.adapters).toBe(one.adapters / 4);
    expect(four.activations).toBe(one.activations);
    expect(four.fits).toBe(true);
  });
});

describe("time arithmetic", () => {
  it("is (6·P·T_train + 2·P·T_val)·epochs / (TFLOP/s·10¹²·MFU·speed)", () => {
    const t = estimateTime({ params: 8e9, trainTokensPerEpoch: 1e6, valTokens: 1e5, epochs: 3, method: "lora", gpuTflops: 312, mfu: 0.35 });
    expect(t.flops).toBe((6 * 8e9 * 1e6 + 2 * 8e9 * 1e5) * 3);
    expect(t.seconds).toBeCloseTo(t.flops / (312e12 * 0.35), 6);
    const q = estimateTime({ params: 8e9, trainTokensPerEpoch: 1e6, valTokens: 1e5, epochs: 3, method: "qlora", gpuTflops: 312, mfu: 0.35 });
    expect(q.seconds).toBeCloseTo(t.seconds / 0.7, 6);
  });
});

describe("planFinetune", () => {
  it("picks QLoRA for 70B on one 80 GiB GPU, with a batch that fits", () => {
    const plan = planFinetune({ base: "llama-3.1-70b", gpus: 1, gpuMemoryGib: 80 });
    expect(plan.method).toBe("qlora");
    expect(plan.memory.fits).toBe(true);
    expect(plan.checks.find((c) => c.method === "lora")!.memory.fits).toBe(false);
    const t = plan.recipe.training;
    expect(t.micro_batch_size * t.gradient_accumulation_steps).toBeGreaterThanOrEqual(16);
    expect(plan.recipe.quantization).toMatchObject({ quant_type: "nf4", double_quant: true });
    expect(plan.recipe.lora).toMatchObject({ r: 16, alpha: 32, dropout: 0.05 });
    expect(t.learning_rate).toBe(1e-4);
  });

  it("refuses 70B on one 16 GiB GPU with the reason, and takes 8B there in QLoRA", () => {
    const err = (() => {
      try {
        planFinetune({ base: "llama-3.1-70b", gpus: 1, gpuMemoryGib: 16 });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(UserError);
    expect(err!.message).toMatch(/llama-3\.1-70b cannot be fine-tuned on 1 × 16 GiB \(14\.4 GiB usable per GPU\)/);
    expect(err!.message).toMatch(/QLoRA \(4-bit\) needs [\d.]+ GiB per GPU \(weights 36\.8/);
    expect(err!.message).toMatch(/QLoRA would fit one GPU of ≥ \d+ GiB/);
    const plan = planFinetune({ base: "llama-3.1-8b", gpus: 1, gpuMemoryGib: 16 });
    expect(plan.method).toBe("qlora");
    expect(plan.recipe.training.learning_rate).toBe(2e-4);
  });

  it("prefers LoRA when it fits, and honours --method", () => {
    expect(planFinetune({ base: "llama-3.1-8b", gpus: 1, gpuMemoryGib: 80 }).method).toBe("lora");
    expect(planFinetune({ base: "llama-3.1-8b", gpus: 1, gpuMemoryGib: 80, method: "qlora" }).method).toBe("qlora");
    expect(planFinetune({ base: "llama-3.1-8b", gpus: 1, gpuMemoryGib: 24, method: "qlora", maxSeqLen: 1024 }).memory.fits).toBe(true);
    expect(() => planFinetune({ base: "llama-3.1-8b", gpus: 1, gpuMemoryGib: 16, method: "lora" })).toThrow(/QLoRA \(4-bit\) fits here/);
    const multi = planFinetune({ base: "llama-3.1-70b", gpus: 4, gpuMemoryGib: 80 });
    expect(multi.method).toBe("lora");
    expect(multi.recipe.hardware).toMatchObject({ placement: "fsdp", accelerate_config: "accelerate-llama-3.1-70b-lora-fsdp.yaml" });
    expect(planFinetune({ base: "llama-3.1-70b", gpus: 4, gpuMemoryGib: 80, strategy: "device-map" }).recipe.hardware.placement).toBe("device_map_auto");
  });

  it("several GPUs and nodes: data parallel divides the time and the accumulation, device-map does neither", () => {
    const one = planFinetune({ base: "llama-3.1-8b", gpus: 1, gpuMemoryGib: 80, maxSeqLen: 1024 });
    const eight = planFinetune({ base: "llama-3.1-8b", gpus: 8, gpuMemoryGib: 80, maxSeqLen: 1024 });
    const sixteen = planFinetune({ base: "llama-3.1-8b", gpus: 8, nodes: 2, gpuMemoryGib: 80, maxSeqLen: 1024, strategy: "deepspeed" });
    const spread = planFinetune({ base: "llama-3.1-8b", gpus: 8, gpuMemoryGib: 80, maxSeqLen: 1024, strategy: "device-map" });
    expect(eight.time.estimate.seconds).toBeCloseTo(one.time.estimate.seconds / 8, 6);
    expect(sixteen.time.estimate.seconds).toBeCloseTo(one.time.estimate.seconds / 16, 6);
    expect(spread.time.estimate.seconds).toBeCloseTo(one.time.estimate.seconds, 6);
    expect(eight.recipe.training.gradient_accumulation_steps).toBe(1); // 8 × micro-batch 8 ≥ 16 examples per step
    expect(sixteen.recipe.hardware).toMatchObject({ gpus: 8, nodes: 2, placement: "deepspeed", accelerate_config: "accelerate-llama-3.1-8b-lora-deepspeed.yaml" });
    expect(() => planFinetune({ base: "llama-3.1-8b", gpus: 8, nodes: 2, gpuMemoryGib: 80, strategy: "device-map" })).toThrow(/several nodes need fsdp or deepspeed/);
  });

  it("rejects nonsense hardware and unknown models", () => {
    expect(() => planFinetune({ base: "llama-9", gpus: 1, gpuMemoryGib: 80 })).toThrow(/unknown base model "llama-9"; known: llama-3\.1-8b, llama-3\.1-70b/);
    expect(() => planFinetune({ base: "llama-3.1-8b", gpus: 0, gpuMemoryGib: 80 })).toThrow(UserError);
    expect(() => planFinetune({ base: "llama-3.1-8b", gpus: 1, gpuMemoryGib: 80, maxSeqLen: 10 })).toThrow(/max-seq-len/);
  });
});

describe("cwescope finetune plan", () => {
  it("70B on 1 × 80 GiB: QLoRA with the memory estimate in parts", async () => {
    const r = await cli(["finetune", "plan", "--base", "llama-3.1-70b", "--gpus", "1", "--gpu-memory-gib", "80"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^llama-3\.1-70b on 1 × 80 GiB: QLoRA/);
    for (const part of ["weights", "adapters", "activations", "overhead", "total"]) expect(r.stdout).toMatch(new RegExp(`^  ${part} +[\\d.]+ GiB`, "m"));
    expect(r.stdout).toMatch(/weights +36\.8 GiB/);
    expect(r.stdout).toMatch(/time: ≈ .* per million training tokens/);
    expect(r.stdout).toContain("312 TFLOP/s × MFU 0.25");
  });

  it("1 × 16 GiB: exit 2 for 70B, QLoRA for 8B", async () => {
    expect((await cli(["finetune", "plan", "--base", "llama-3.1-70b", "--gpus", "1", "--gpu-memory-gib", "16"])).code).toBe(2);
    const r = await cli(["finetune", "plan", "--base", "llama-3.1-8b", "--gpus", "1", "--gpu-memory-gib", "16"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^llama-3\.1-8b on 1 × 16 GiB: QLoRA/);
    expect((await cli(["finetune", "plan", "--base", "llama-3.1-8b", "--gpus", "x", "--gpu-memory-gib", "16"])).code).toBe(2);
  });
});
