// Fine-tuning, closed end to end on CPU with nothing small but the weights: a random 2-layer Llama with the real
// Llama-3 tokenizer (rebuilt from llama.cpp's vocab GGUF) → `finetune export` → `finetune plan` → `finetune run`
// (TRL SFT + PEFT LoRA, overfitting 8 records) → a PEFT adapter in the layout vLLM's --lora-modules loads →
// `finetune convert` (llama.cpp's own converters, the release node-llama-cpp runs) → node-llama-cpp runs the base,
// base + adapter, and the merged GGUF → `cwescope experiment` → the fine-tuned rows must answer the training set
// better than the base model. Needs the trainer's venv (.venv-trainer, made by .ci/run); CI fails without it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultTrainerPython, llamaCppTools } from "../../../src/train/finetune/index.js";
import type { ExperimentReport } from "../../../src/eval/reportTypes.js";
import { PACKAGE_ROOT } from "../../../src/version.js";
import { cli } from "../../helpers/cli.js";
import { OVERFIT_IDS, overfitRecipe, readSafetensorsHeader, trainerReady, writeRecords } from "./e2eHelpers.js";

const PYTHON = defaultTrainerPython();
const ready = trainerReady(PYTHON);
if (!ready.ok && process.env.CI) throw new Error(`CI must install the trainer's venv first (.ci/run does): ${ready.why}`);
if (!ready.ok) console.warn(`fine-tuning end-to-end test skipped: ${ready.why}. Install it with: python3 -m venv .venv-trainer && .venv-trainer/bin/pip install -r trainer/requirements.txt`);

describe.skipIf(!ready.ok)("fine-tuning end to end on CPU", () => {
  let work = "";
  let baseHf = "";
  const savedEnv = process.env.CWESCOPE_TRAINER_ALLOW_CPU;

  beforeAll(async () => {
    process.env.CWESCOPE_TRAINER_ALLOW_CPU = "1";
    work = await mkdtemp(join(tmpdir(), "cwescope-ft-e2e-"));
    const tools = await llamaCppTools();
    baseHf = join(work, "base-hf");
    const built = spawnSync(PYTHON, [join(PACKAGE_ROOT, "trainer/tests/tiny_llama.py"), "--llama-cpp", tools.dir, "--out", baseHf], { encoding: "utf8" });
    expect(built.status, built.stderr).toBe(0);
    await writeRecords(join(PACKAGE_ROOT, "data/python/train.jsonl"), OVERFIT_IDS, join(work, "overfit.jsonl"));
  }, 600_000);

  afterAll(() => {
    if (savedEnv === undefined) delete process.env.CWESCOPE_TRAINER_ALLOW_CPU;
    else process.env.CWESCOPE_TRAINER_ALLOW_CPU = savedEnv;
  });

  it("export → run → vLLM-loadable adapter → GGUF → llama.cpp base, base + adapter, merged → experiment: fine-tuned beats base", { timeout: 1_800_000 }, async () => {
    const started = performance.now();
    const exported = join(work, "export");
    const overfit = join(work, "overfit.jsonl");
    const ok = async (args: string[]) => {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(0);
      return r.stdout;
    };
    await ok(["finetune", "export", "--data", overfit, "--val", overfit, "--balance", "none", "--prompt", "study-instruction-v1", "--out", exported]);
    const recipe = join(work, "recipe.yaml");
    await ok(["finetune", "plan", "--base", "llama-3.1-8b", "--gpus", "1", "--gpu-memory-gib", "24", "--export", exported, "--model", baseHf, "--out", recipe]);
    await writeFile(recipe, stringify(overfitRecipe(parse(await readFile(recipe, "utf8")))));
    const run = await ok(["finetune", "run", recipe, "--python", PYTHON]);
    const adapter = run.trim().replace(/^adapter → /, "");

    // The trainer learned: the answer loss fell from chance (ln 128256 ≈ 11.8) to well below it.
    const manifest = JSON.parse(await readFile(join(adapter, "cwescope-adapter.json"), "utf8"));
    expect(manifest.metrics.eval_loss).toBeLessThan(2);

    // What vLLM's --lora-modules reads: adapter_config.json (PEFTHelper: r, lora_alpha, target_modules required; no
    // modules_to_save, no DoRA) and adapter_model.safetensors with PEFT names base_model.model.<module>.lora_{A,B}.weight.
    const config = JSON.parse(await readFile(join(adapter, "adapter_config.json"), "utf8"));
    expect(config).toMatchObject({ peft_type: "LORA", r: 16, lora_alpha: 32, bias: "none", use_dora: false, modules_to_save: null, base_model_name_or_path: baseHf });
    expect([...config.target_modules].sort()).toEqual(["down_proj", "gate_proj", "k_proj", "o_proj", "q_proj", "up_proj", "v_proj"]);
    const tensors = Object.keys(await readSafetensorsHeader(join(adapter, "adapter_model.safetensors"))).filter((k) => k !== "__metadata__");
    expect(tensors).toHaveLength(2 * 7 * 2); // lora_A and lora_B × 7 modules × 2 layers
    for (const name of tensors) expect(name).toMatch(/^base_model\.model\.model\.layers\.\d+\.(self_attn|mlp)\.[a-z_]+_proj\.lora_[AB]\.weight$/);

    const gguf = join(work, "gguf");
    const converted = await ok(["finetune", "convert", adapter, "--base", baseHf, "--out", gguf, "--merge", "--convert-base", "--python", PYTHON]);
    for (const file of ["adapter.f16.gguf", "base.f16.gguf", "merged.f16.gguf", "cwescope-gguf.json"]) expect(existsSync(join(gguf, file)), file).toBe(true);
    expect(converted).toContain(`model id: llamacpp:${join(gguf, "base.f16.gguf")}+lora=${join(gguf, "adapter.f16.gguf")}`);

    const spec = join(work, "experiment.yaml");
    const model = (id: string, name: string) => ({ id, name, prompt: "study-instruction-v1", concurrency: 1, options: { threads: 1 } });
    await writeFile(
      spec,
      stringify({
        name: "tiny Llama: base vs fine-tuned on its own training set",
        concurrency: 1,
        models: [model("llamacpp:gguf/base.f16.gguf", "base"), model("llamacpp:gguf/base.f16.gguf+lora=gguf/adapter.f16.gguf", "fine-tuned (adapter)"), model("llamacpp:gguf/merged.f16.gguf", "fine-tuned (merged)")],
        datasets: [{ name: "overfit", path: "overfit.jsonl", language: "python" }],
        metrics: { bootstrap: 100 },
        latency: { warmup: 0, samples: 0, throughput_samples: 0 },
      }),
    );
    const out = join(work, "report");
    await ok(["experiment", spec, "--out", out]);
    const report = JSON.parse(await readFile(join(out, "report.json"), "utf8")) as ExperimentReport;
    const answers = async (name: string) => {
      const file = join(out, "predictions", `${name.replace(/[^A-Za-z0-9._-]+/g, "_")}--overfit.jsonl`);
      const rows = (await readFile(file, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { id: string; vulnerable: boolean; cwe: string | null; error?: string });
      return rows;
    };
    const truth = new Map((await readFile(overfit, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { id: string; cwe: string | null }).map((r) => [r.id, r.cwe]));
    const exact = async (name: string) => (await answers(name)).filter((p) => !p.error && (p.vulnerable ? p.cwe : null) === truth.get(p.id)).length;
    const scores = Object.fromEntries(
      await Promise.all(["base", "fine-tuned (adapter)", "fine-tuned (merged)"].map(async (name) => {
        const result = report.results.find((r) => r.model === name)!;
        expect(result.metrics.failed, name).toBe(0);
        return [name, { exact: await exact(name), accuracy: result.metrics.accuracy, f1: result.metrics.f1 }] as const;
      })),
    );
    console.log(`overfit set (${OVERFIT_IDS.length} records): ${JSON.stringify(scores)}; train loss ${manifest.metrics.train_loss}, eval loss ${manifest.metrics.eval_loss}; loop ${((performance.now() - started) / 1000).toFixed(0)} s`);
    for (const tuned of ["fine-tuned (adapter)", "fine-tuned (merged)"]) {
      expect(scores[tuned].exact, tuned).toBeGreaterThan(scores.base.exact);
      expect(scores[tuned].accuracy, tuned).toBeGreaterThan(scores.base.accuracy);
    }
    // The adapter applied at run time and the adapter merged into the weights are the same model.
    expect((await answers("fine-tuned (adapter)")).map((p) => p.cwe)).toEqual((await answers("fine-tuned (merged)")).map((p) => p.cwe));
  });
});
