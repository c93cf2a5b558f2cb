// `cwescope finetune plan`: pick LoRA or QLoRA and the hyper-parameters for a base model on given GPUs, or refuse.
import { relative, dirname, join } from "node:path";
import { UserError } from "../../util/errors.js";
import { getBaseModel, LLAMA_LINEAR_MODULES, parameterCounts, type BaseModel } from "./baseModels.js";
import type { ExportManifest } from "./ExportManifest.js";
import { estimateMemory, GIB, USABLE_FRACTION, type FinetuneMethod, type MemoryEstimate } from "./memoryEstimate.js";
import type { Recipe } from "./Recipe.js";
import { estimateTime, type TimeEstimate } from "./timeEstimate.js";
import { TOKEN_ESTIMATE_METHOD } from "./estimateTokens.js";
import type { DistributedStrategy } from "./accelerateConfig.js";

/** Micro-batch sizes tried, largest first. */
export const MICRO_BATCH_CANDIDATES = [8, 4, 2, 1] as const;
/** Examples per optimiser step the plan aims at (micro-batch × gradient accumulation). */
export const EFFECTIVE_BATCH = 16;
/** Sequence length assumed when no export is given. */
export const DEFAULT_MAX_SEQ_LEN = 2048;
export const DEFAULT_RANK = 16;

export interface PlanOptions {
  /** Base model id, e.g. `llama-3.1-8b`. */
  base: string;
  /** GPUs per node. */
  gpus: number;
  gpuMemoryGib: number;
  /** Nodes of an `accelerate launch` run. Defaults to `1`. */
  nodes?: number;
  /** How several GPUs share the work: `fsdp` (default), `deepspeed`, or `device-map` (one process, blocks spread, one node). */
  strategy?: DistributedStrategy | "device-map";
  /** Defaults to `"auto"`: LoRA when it fits (faster, no quantisation error), else QLoRA. */
  method?: "auto" | FinetuneMethod;
  /** The exported data (folder and manifest): sizes the sequence length, epochs and time, and fills `data:`. */
  export?: { dir: string; manifest: ExportManifest };
  /** Where the recipe will be written; data and output paths are made relative to it. Defaults to the export folder. */
  recipeFile?: string;
  /** Overrides the length measured on the data. Defaults to the longest example rounded up to 64, or 2048. */
  maxSeqLen?: number;
  /** Defaults to `16`. */
  rank?: number;
  /** Defaults to 3 below 1,000 examples, 2 below 10,000, else 1. */
  epochs?: number;
  /** Weights to load (Hugging Face id or local folder). Defaults to the base model's Instruct repository. */
  model?: string;
  gpuTflops?: number;
  mfu?: number;
  /** Defaults to `1`. */
  seed?: number;
}

export interface MethodCheck {
  method: FinetuneMethod;
  /** Estimate at the largest micro-batch that fits, or at micro-batch 1 when none does. */
  memory: MemoryEstimate;
  microBatch: number;
}

export interface FinetunePlan {
  model: BaseModel;
  method: FinetuneMethod;
  recipe: Recipe;
  memory: MemoryEstimate;
  microBatch: number;
  seqLen: { value: number; source: "data" | "override" | "default" };
  /** Total time when an export is given; otherwise seconds per million training tokens. */
  time: { estimate: TimeEstimate; perMillionTokens: boolean };
  checks: MethodCheck[];
}

export function planFinetune(options: PlanOptions): FinetunePlan {
  const model = getBaseModel(options.base);
  if (!(Number.isInteger(options.gpus) && options.gpus >= 1)) throw new UserError(`--gpus must be a positive integer (got ${options.gpus})`);
  if (!(options.gpuMemoryGib > 0)) throw new UserError(`--gpu-memory-gib must be a positive number (got ${options.gpuMemoryGib})`);
  const rank = options.rank ?? DEFAULT_RANK;
  const manifest = options.export?.manifest;
  const seqLen = chooseSeqLen(options, manifest);
  const nodes = options.nodes ?? 1;
  if (!(Number.isInteger(nodes) && nodes >= 1)) throw new UserError(`--nodes must be a positive integer (got ${nodes})`);
  const totalGpus = options.gpus * nodes;
  const strategy = totalGpus > 1 ? (options.strategy ?? "fsdp") : undefined;
  if (nodes > 1 && strategy === "device-map") throw new UserError("--strategy device-map spreads one process over one machine's GPUs; several nodes need fsdp or deepspeed");
  const targets = [...LLAMA_LINEAR_MODULES];
  const check = (method: FinetuneMethod): MethodCheck => {
    for (const microBatch of MICRO_BATCH_CANDIDATES) {
      const memory = estimateMemory({ model, method, rank, targetModules: targets, microBatch, seqLen: seqLen.value, gpus: totalGpus, gpuMemoryGib: options.gpuMemoryGib });
      if (memory.fits || microBatch === 1) return { method, memory, microBatch };
    }
    throw new Error("unreachable");
  };
  const wanted = options.method ?? "auto";
  const checks = (wanted === "auto" ? (["lora", "qlora"] as const) : [wanted]).map(check);
  const chosen = checks.find((c) => c.memory.fits);
  if (!chosen) throw new UserError(refusal(model, options, checks, seqLen.value, rank));

  const params = parameterCounts(model).total;
  const small = params <= 13e9;
  const trainExamples = manifest?.splits.train.records;
  const epochs = options.epochs ?? (trainExamples === undefined || trainExamples < 1000 ? 3 : trainExamples < 10000 ? 2 : 1);
  const launched = strategy === "fsdp" || strategy === "deepspeed";
  const parallel = launched ? totalGpus : 1;
  const time = manifest
    ? { estimate: estimateTime({ params, trainTokensPerEpoch: manifest.splits.train.tokens.total, valTokens: manifest.splits.val?.tokens.total ?? 0, epochs, method: chosen.method, gpuTflops: options.gpuTflops, mfu: options.mfu, parallel }), perMillionTokens: false }
    : { estimate: estimateTime({ params, trainTokensPerEpoch: 1e6, valTokens: 0, epochs: 1, method: chosen.method, gpuTflops: options.gpuTflops, mfu: options.mfu, parallel }), perMillionTokens: true };

  const recipeDir = options.recipeFile ? dirname(options.recipeFile) : (options.export?.dir ?? ".");
  const rel = (path: string) => relative(recipeDir, path) || ".";
  const m = chosen.memory;
  const recipe: Recipe = {
    kind: "cwescope-finetune-recipe",
    version: 1,
    base: { id: model.id, model: options.model ?? model.hfModel },
    method: chosen.method,
    ...(chosen.method === "qlora" ? { quantization: { bits: 4 as const, quant_type: "nf4" as const, double_quant: true, compute_dtype: "bfloat16" as const, quant_storage: "bfloat16" as const } } : {}),
    // r 16 / alpha 32 on all linear layers; dropout and learning rate follow the QLoRA paper's ≤13B vs larger split.
    lora: { r: rank, alpha: 2 * rank, dropout: small ? 0.1 : 0.05, target_modules: targets },
    training: {
      epochs,
      learning_rate: small ? 2e-4 : 1e-4,
      lr_scheduler: "cosine",
      warmup_ratio: 0.03,
      weight_decay: 0,
      max_grad_norm: 0.3,
      optimizer: chosen.method === "qlora" ? "paged_adamw_32bit" : "adamw_torch",
      micro_batch_size: chosen.microBatch,
      // Every launched process trains its own micro-batches: the effective batch counts them all.
      gradient_accumulation_steps: Math.max(1, Math.ceil(EFFECTIVE_BATCH / (chosen.microBatch * parallel))),
      max_seq_len: seqLen.value,
      gradient_checkpointing: true,
      precision: "bf16",
      seed: options.seed ?? 1,
      logging_steps: 5,
    },
    data: {
      format: manifest?.format ?? "chat",
      prompt: manifest?.prompt.id ?? "study-instruction-v1",
      train: rel(join(options.export?.dir ?? ".", manifest?.splits.train.file ?? "train.jsonl")),
      ...(manifest?.splits.val ? { val: rel(join(options.export!.dir, manifest.splits.val.file)) } : {}),
      ...(options.export ? { manifest: rel(join(options.export.dir, "manifest.json")) } : {}),
    },
    eval: { max_new_tokens: (manifest?.splits.train.tokens.answer_max ?? 56) + 8, generate_limit: 200 },
    hardware: {
      gpus: options.gpus,
      gpu_memory_gib: options.gpuMemoryGib,
      placement: launched ? strategy : totalGpus > 1 ? "device_map_auto" : "single",
      ...(nodes > 1 ? { nodes } : {}),
      ...(launched ? { accelerate_config: accelerateConfigName(model.id, chosen.method, strategy) } : {}),
    },
    output: { dir: rel(join(options.export?.dir ?? ".", `adapter-${model.id}-${chosen.method}`)) },
    estimate: {
      memory_gib_per_gpu: { weights: gib(m.weights), adapters: gib(m.adapters), activations: gib(m.activations), overhead: gib(m.overhead), total: gib(m.total), usable: gib(m.usable) },
      lora_params: m.loraParams,
      ...(time.perMillionTokens ? { hours_per_million_tokens: round(time.estimate.seconds / 3600, 3) } : { hours: round(time.estimate.seconds / 3600, 3) }),
      assumptions: { gpu_tflops: time.estimate.gpuTflops, mfu: time.estimate.mfu, speed_factor: time.estimate.speedFactor },
    },
    notes: [`max_seq_len from ${seqLen.source === "data" ? "the exported data" : seqLen.source === "override" ? "--max-seq-len" : "the default (no --export)"}; token counts: ${TOKEN_ESTIMATE_METHOD}`],
  };
  return { model, method: chosen.method, recipe, memory: m, microBatch: chosen.microBatch, seqLen, time, checks };
}

/** The accelerate config's file name, beside the recipe. */
export function accelerateConfigName(base: string, method: FinetuneMethod, strategy: DistributedStrategy): string {
  return `accelerate-${base}-${method}-${strategy}.yaml`;
}

function chooseSeqLen(options: PlanOptions, manifest: ExportManifest | undefined): FinetunePlan["seqLen"] {
  if (options.maxSeqLen !== undefined) {
    if (!(Number.isInteger(options.maxSeqLen) && options.maxSeqLen >= 64)) throw new UserError(`--max-seq-len must be an integer ≥ 64 (got ${options.maxSeqLen})`);
    return { value: options.maxSeqLen, source: "override" };
  }
  if (!manifest) return { value: DEFAULT_MAX_SEQ_LEN, source: "default" };
  const longest = Math.max(manifest.splits.train.tokens.max, manifest.splits.val?.tokens.max ?? 0);
  return { value: Math.max(128, Math.ceil(longest / 64) * 64), source: "data" };
}

function refusal(model: BaseModel, options: PlanOptions, checks: MethodCheck[], seqLen: number, rank: number): string {
  const usable = options.gpuMemoryGib * USABLE_FRACTION;
  const parts = checks.map((c) => `${label(c.method)} needs ${describe(c.memory)} at 1 × ${seqLen} tokens`);
  // Point at the cheapest road: QLoRA, also when the user forced LoRA.
  const probe = (gpus: number, gpuMemoryGib: number) =>
    estimateMemory({ model, method: "qlora", rank, targetModules: LLAMA_LINEAR_MODULES, microBatch: 1, seqLen, gpus, gpuMemoryGib });
  const here = probe(options.gpus, options.gpuMemoryGib);
  let hint: string;
  if (here.fits) hint = "QLoRA (4-bit) fits here: use --method qlora or --method auto";
  else {
    const roads = [`one GPU of ≥ ${Math.ceil(probe(1, options.gpuMemoryGib).total / GIB / USABLE_FRACTION)} GiB`];
    const gpus = [2, 3, 4, 6, 8, 16].find((n) => n > options.gpus && probe(n, options.gpuMemoryGib).fits);
    if (gpus) roads.push(`${gpus} × ${options.gpuMemoryGib} GiB`);
    hint = `QLoRA would fit ${roads.join(" or ")}`;
  }
  return `${model.id} cannot be fine-tuned on ${options.gpus} × ${options.gpuMemoryGib} GiB (${usable.toFixed(1)} GiB usable per GPU): ${parts.join("; ")}. ${hint}.`;
}

function label(method: FinetuneMethod): string {
  return method === "qlora" ? "QLoRA (4-bit)" : "LoRA (bf16)";
}

function describe(m: MemoryEstimate): string {
  return `${gib(m.total)} GiB per GPU (weights ${gib(m.weights)}, adapters ${gib(m.adapters)}, activations ${gib(m.activations)}, overhead ${gib(m.overhead)})`;
}

export function gib(bytes: number): number {
  return round(bytes / GIB, 1);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
