// Shared by the CPU end-to-end fine-tuning tests: the overfit set, the overfit recipe settings, the venv check.
import { spawnSync } from "node:child_process";
import { open, readFile, writeFile } from "node:fs/promises";
import type { Recipe } from "../../../src/train/finetune/index.js";

/** 8 short training records: 4 vulnerable (4 CWEs), 4 not vulnerable. */
export const OVERFIT_IDS = ["py-0862-014-v", "py-0022-007-v", "py-0200-003-v", "py-0078-001-v", "py-0284-n01", "py-0200-n03", "py-0770-n03", "py-0639-n02"];

/** Whether `python` imports what the trainer and the converters need; why not, when it does not. */
export function trainerReady(python: string): { ok: boolean; why: string } {
  const r = spawnSync(python, ["-c", "import torch, transformers, peft, trl, accelerate, datasets, safetensors, numpy, yaml"], { encoding: "utf8" });
  if (r.error) return { ok: false, why: `${python} could not be started (${r.error.message})` };
  if (r.status !== 0) return { ok: false, why: `${python} cannot import the trainer's packages (${r.stderr.trim().split("\n").pop()})` };
  return { ok: true, why: "" };
}

export async function writeRecords(source: string, ids: readonly string[], target: string): Promise<void> {
  const rows = (await readFile(source, "utf8")).trim().split("\n").filter((line) => ids.includes((JSON.parse(line) as { id: string }).id));
  if (rows.length !== ids.length) throw new Error(`${source}: found ${rows.length} of ${ids.length} records`);
  await writeFile(target, rows.join("\n") + "\n");
}

/**
 * The planner's recipe, changed to overfit 8 records in 40 steps on a CPU: every example in one step, a high
 * constant learning rate, no dropout, no warm-up, no gradient checkpointing (nothing to save on a tiny model).
 */
export function overfitRecipe(recipe: Recipe, epochs = 40): Recipe {
  return {
    ...recipe,
    lora: { ...recipe.lora, dropout: 0 },
    training: {
      ...recipe.training,
      epochs,
      learning_rate: 0.01,
      lr_scheduler: "constant",
      warmup_ratio: 0,
      max_grad_norm: 1,
      micro_batch_size: 8,
      gradient_accumulation_steps: 1,
      gradient_checkpointing: false,
      logging_steps: 5,
    },
    eval: { max_new_tokens: 8, generate_limit: 8 },
  };
}

/** The JSON header of a .safetensors file: tensor name → dtype, shape, offsets. */
export async function readSafetensorsHeader(path: string): Promise<Record<string, { dtype: string; shape: number[] }>> {
  const file = await open(path, "r");
  try {
    const size = Buffer.alloc(8);
    await file.read(size, 0, 8, 0);
    const header = Buffer.alloc(Number(size.readBigUInt64LE(0)));
    await file.read(header, 0, header.length, 8);
    return JSON.parse(header.toString("utf8")) as Record<string, { dtype: string; shape: number[] }>;
  } finally {
    await file.close();
  }
}
