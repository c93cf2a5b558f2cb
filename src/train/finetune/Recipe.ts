// The fine-tuning recipe (YAML): written by `finetune plan`, read by `finetune run` and by trainer/train.py.
import { readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parse, stringify } from "yaml";
import { z } from "zod";
import { formatZodError } from "../../data/record.js";
import { UserError } from "../../util/errors.js";
import { LLAMA_LINEAR_MODULES } from "./baseModels.js";

const positiveInt = z.number().int().positive();

export const RecipeSchema = z
  .strictObject({
    kind: z.literal("cwescope-finetune-recipe"),
    version: z.literal(1),
    base: z.strictObject({
      /** Planner id, e.g. `llama-3.1-8b`. */
      id: z.string().min(1),
      /** Hugging Face repository id or local folder of the weights (its chat template formats the examples). */
      model: z.string().min(1),
    }),
    method: z.enum(["lora", "qlora"]),
    quantization: z
      .strictObject({
        bits: z.literal(4),
        quant_type: z.enum(["nf4", "fp4"]),
        double_quant: z.boolean(),
        compute_dtype: z.enum(["bfloat16", "float16"]),
        /** Storage dtype of the packed 4-bit weights; bfloat16 lets FSDP shard them. */
        quant_storage: z.enum(["bfloat16", "uint8"]),
      })
      .optional(),
    lora: z.strictObject({
      r: positiveInt,
      alpha: z.number().positive(),
      dropout: z.number().min(0).max(0.9),
      target_modules: z.array(z.enum(LLAMA_LINEAR_MODULES)).min(1),
    }),
    training: z.strictObject({
      epochs: z.number().positive(),
      learning_rate: z.number().positive().max(0.01),
      lr_scheduler: z.enum(["cosine", "linear", "constant", "constant_with_warmup"]),
      warmup_ratio: z.number().min(0).max(0.5),
      weight_decay: z.number().min(0),
      max_grad_norm: z.number().positive(),
      optimizer: z.enum(["adamw_torch", "paged_adamw_32bit", "paged_adamw_8bit", "adamw_8bit"]),
      micro_batch_size: positiveInt,
      gradient_accumulation_steps: positiveInt,
      /** Examples longer than this (in real tokens) are skipped and counted, never truncated: a cut example loses its answer. */
      max_seq_len: positiveInt.min(64),
      gradient_checkpointing: z.boolean(),
      precision: z.enum(["bf16", "fp16"]),
      seed: z.number().int(),
      logging_steps: positiveInt,
    }),
    data: z.strictObject({
      format: z.enum(["chat", "alpaca"]),
      prompt: z.string().min(1),
      /** Paths are relative to the recipe file. */
      train: z.string().min(1),
      val: z.string().min(1).optional(),
      manifest: z.string().min(1).optional(),
    }),
    eval: z.strictObject({
      /** Tokens generated per validation example when the answers are checked after training. */
      max_new_tokens: positiveInt,
      /** Validation examples whose generated answer is compared with the expected one (0: none). */
      generate_limit: z.number().int().min(0),
    }),
    hardware: z.strictObject({
      gpus: positiveInt,
      gpu_memory_gib: z.number().positive(),
      /**
       * `single`: the whole model on GPU 0; `device_map_auto`: blocks spread over the GPUs (one process);
       * `fsdp` / `deepspeed`: one process per GPU under `accelerate launch`, weights sharded (FSDP full-shard,
       * DeepSpeed ZeRO-3); `ddp`: one process per device, each with the whole model (what CPU tests launch).
       */
      placement: z.enum(["single", "device_map_auto", "fsdp", "deepspeed", "ddp"]),
      /** Nodes (machines) of an `accelerate launch` run; `gpus` is per node. Defaults to 1. */
      nodes: positiveInt.optional(),
      /** accelerate config (relative to the recipe) for fsdp / deepspeed / ddp. */
      accelerate_config: z.string().min(1).optional(),
    }),
    output: z.strictObject({ dir: z.string().min(1) }),
    /** What the planner estimated; informational, the trainer ignores it. */
    estimate: z.record(z.string(), z.unknown()).optional(),
    notes: z.array(z.string()).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.method === "qlora" && !r.quantization) ctx.addIssue({ code: "custom", path: ["quantization"], message: "qlora needs a quantization section" });
    if (r.method === "lora" && r.quantization) ctx.addIssue({ code: "custom", path: ["quantization"], message: "lora trains on bf16 weights; remove quantization or use method: qlora" });
    const launched = ["fsdp", "deepspeed", "ddp"].includes(r.hardware.placement);
    if (launched && !r.hardware.accelerate_config) ctx.addIssue({ code: "custom", path: ["hardware", "accelerate_config"], message: `placement ${r.hardware.placement} needs accelerate_config (written by finetune plan)` });
    if (!launched && (r.hardware.nodes ?? 1) > 1) ctx.addIssue({ code: "custom", path: ["hardware", "nodes"], message: "several nodes need placement fsdp or deepspeed" });
    if (r.hardware.gpus > 1 && r.hardware.placement === "single") ctx.addIssue({ code: "custom", path: ["hardware", "placement"], message: "several GPUs need placement: device_map_auto" });
  });
export type Recipe = z.infer<typeof RecipeSchema>;

/** Parse and validate a recipe; errors name the file and the field. */
export function parseRecipe(text: string, file: string): Recipe {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new UserError(`${file}: not valid YAML (${(err as Error).message.split("\n")[0]})`);
  }
  const result = RecipeSchema.safeParse(raw);
  if (!result.success) throw new UserError(`${file}: invalid recipe: ${formatZodError(result.error)}`);
  return result.data;
}

export async function loadRecipe(file: string): Promise<Recipe> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UserError(`${file}: recipe not found`);
  }
  return parseRecipe(text, file);
}

/** Absolute path of a path written in a recipe (relative to the recipe's folder). */
export function recipePath(recipeFile: string, path: string): string {
  return resolve(dirname(recipeFile), path);
}

export async function writeRecipe(file: string, recipe: Recipe, header: string[]): Promise<void> {
  const comments = header.map((line) => `# ${line}`.trimEnd()).join("\n");
  await writeFile(file, `${comments}\n${stringify(recipe, { lineWidth: 0 })}`);
}
