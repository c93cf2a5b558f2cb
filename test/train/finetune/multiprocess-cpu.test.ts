// Beyond one machine, proven without GPUs: `finetune plan --gpus 2` writes an FSDP full-shard accelerate config,
// and `finetune run --cpu` starts the same `accelerate launch` a cluster runs (torchrun, two ranks, gloo). Both
// ranks train the tiny Llama on halves of each batch; the adapter must have the one-process run's tensors and its
// losses within tolerance (same data per step: 2 × 4 examples against 1 × 8).
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultTrainerPython, llamaCppTools, type Recipe } from "../../../src/train/finetune/index.js";
import { PACKAGE_ROOT } from "../../../src/version.js";
import { cli } from "../../helpers/cli.js";
import { OVERFIT_IDS, overfitRecipe, readSafetensorsHeader, trainerReady, writeRecords } from "./e2eHelpers.js";

const PYTHON = defaultTrainerPython();
const ready = trainerReady(PYTHON);
if (!ready.ok && process.env.CI) throw new Error(`CI must install the trainer's venv first (.ci/run does): ${ready.why}`);
if (!ready.ok) console.warn(`two-process fine-tuning test skipped: ${ready.why}`);

describe.skipIf(!ready.ok)("fine-tuning launched as two processes (FSDP over gloo, CPU)", () => {
  let work = "";
  let exported = "";
  let baseHf = "";
  const savedEnv = process.env.CWESCOPE_PYTHON;

  beforeAll(async () => {
    process.env.CWESCOPE_PYTHON = PYTHON;
    work = await mkdtemp(join(tmpdir(), "cwescope-ft-2proc-"));
    baseHf = join(work, "base-hf");
    const built = spawnSync(PYTHON, [join(PACKAGE_ROOT, "trainer/tests/tiny_llama.py"), "--llama-cpp", (await llamaCppTools()).dir, "--out", baseHf], { encoding: "utf8" });
    expect(built.status, built.stderr).toBe(0);
    await writeRecords(join(PACKAGE_ROOT, "data/python/train.jsonl"), OVERFIT_IDS, join(work, "overfit.jsonl"));
    exported = join(work, "export");
    const r = await cli(["finetune", "export", "--data", join(work, "overfit.jsonl"), "--val", join(work, "overfit.jsonl"), "--balance", "none", "--prompt", "study-instruction-v1", "--out", exported]);
    expect(r.code).toBe(0);
  }, 600_000);

  afterAll(() => {
    if (savedEnv === undefined) delete process.env.CWESCOPE_PYTHON;
    else process.env.CWESCOPE_PYTHON = savedEnv;
  });

  it("trains through accelerate launch like a cluster and matches the one-process run", { timeout: 1_200_000 }, async () => {
    const recipe2 = join(work, "recipe-2proc.yaml");
    const plan = await cli(["finetune", "plan", "--base", "llama-3.1-8b", "--gpus", "2", "--gpu-memory-gib", "24", "--export", exported, "--model", baseHf, "--out", recipe2]);
    expect(plan.code).toBe(0);
    const config = join(work, "accelerate-llama-3.1-8b-lora-fsdp.yaml");
    expect(plan.stdout).toContain(`accelerate config → ${config}`);
    const accelerate = parse(await readFile(config, "utf8")) as Record<string, unknown>;
    expect(accelerate).toMatchObject({ distributed_type: "FSDP", num_processes: 2, num_machines: 1, mixed_precision: "no", fsdp_config: { fsdp_sharding_strategy: "FULL_SHARD" } });

    const planned = parse(await readFile(recipe2, "utf8")) as Recipe;
    expect(planned.hardware).toMatchObject({ gpus: 2, placement: "fsdp", accelerate_config: "accelerate-llama-3.1-8b-lora-fsdp.yaml" });
    const steps = 4;
    const two = overfitRecipe(planned, steps);
    two.training.micro_batch_size = 4; // × 2 ranks = the one-process run's 8 examples per step
    // A tenth of the overfit rate: at 0.01 the loss jumps around and float summation order alone moves it by percents.
    two.training.learning_rate = 0.001;
    two.eval.generate_limit = 0;
    two.output.dir = "adapter-2proc";
    await writeFile(recipe2, stringify(two));
    const one: Recipe = { ...two, training: { ...two.training, micro_batch_size: 8 }, hardware: { gpus: 1, gpu_memory_gib: 24, placement: "single" }, output: { dir: "adapter-1proc" } };
    const recipe1 = join(work, "recipe-1proc.yaml");
    await writeFile(recipe1, stringify(one));

    const adapters: Record<string, string> = {};
    for (const [name, file] of [["one", recipe1], ["two", recipe2]] as const) {
      const r = await cli(["finetune", "run", file, "--cpu"]);
      expect(r.code, name).toBe(0);
      adapters[name] = r.stdout.trim().replace(/^adapter → /, "");
    }
    const manifest = async (dir: string) => JSON.parse(await readFile(join(dir, "cwescope-adapter.json"), "utf8")) as { metrics: Record<string, number> };
    const [m1, m2] = [await manifest(adapters.one), await manifest(adapters.two)];
    expect(m1.metrics.processes).toBe(1);
    expect(m2.metrics.processes).toBe(2);
    expect(m2.metrics.steps).toBe(m1.metrics.steps);
    const [h1, h2] = [await readSafetensorsHeader(join(adapters.one, "adapter_model.safetensors")), await readSafetensorsHeader(join(adapters.two, "adapter_model.safetensors"))];
    const shapes = (h: typeof h1) => Object.fromEntries(Object.entries(h).filter(([k]) => k !== "__metadata__").map(([k, v]) => [k, [v.dtype, ...v.shape]]));
    expect(Object.keys(shapes(h2))).toHaveLength(28);
    expect(shapes(h2)).toEqual(shapes(h1));
    console.log(`1 process: train loss ${m1.metrics.train_loss}, val loss ${m1.metrics.eval_loss}; 2 processes: train loss ${m2.metrics.train_loss}, val loss ${m2.metrics.eval_loss}`);
    // Same examples per step, the loss divided by the whole step's answer tokens on both ranks: the same optimisation
    // up to float summation order. The val loss is gathered over both ranks; the run's mean train loss is not
    // (transformers adds rank 0's own losses after the last logging step), so it only has to be close.
    expect(Math.abs(m2.metrics.eval_loss - m1.metrics.eval_loss) / m1.metrics.eval_loss).toBeLessThan(0.02);
    expect(Math.abs(m2.metrics.train_loss - m1.metrics.train_loss) / m1.metrics.train_loss).toBeLessThan(0.25);
  });
});
