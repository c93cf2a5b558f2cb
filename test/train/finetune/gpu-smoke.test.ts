// GPU smoke test: a tiny random Llama (no download) trains a few steps with the real trainer through
// `cwescope finetune run`, and an adapter with its manifest comes out. Skipped without CUDA, torch, transformers, peft and trl.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exportFinetuneData } from "../../../src/train/finetune/index.js";
import { PACKAGE_ROOT } from "../../../src/version.js";
import { cli } from "../../helpers/cli.js";

const PYTHON = process.env.CWESCOPE_PYTHON ?? "python3";
const ready =
  spawnSync(PYTHON, ["-c", "import torch, transformers, peft, trl; assert torch.cuda.is_available()"], { stdio: "ignore" }).status === 0;

describe.skipIf(!ready)("trainer on a GPU", () => {
  it("trains a tiny Llama for a few steps and writes an adapter", { timeout: 600_000 }, async () => {
    const work = await mkdtemp(join(tmpdir(), "cwescope-gpu-"));
    const exported = join(work, "export");
    await exportFinetuneData({ data: join(PACKAGE_ROOT, "data/python/train.jsonl"), val: join(PACKAGE_ROOT, "data/python/val.jsonl"), out: exported });
    const setup = spawnSync(PYTHON, [join(PACKAGE_ROOT, "trainer/tests/smoke_gpu.py"), "--export", exported, "--work", work], { encoding: "utf8" });
    expect(setup.status, setup.stderr).toBe(0);
    const { recipes } = JSON.parse(setup.stdout.trim().split("\n").pop()!) as { recipes: string[] };
    expect(recipes.length).toBeGreaterThanOrEqual(1);
    for (const recipe of recipes) {
      const r = await cli(["finetune", "run", recipe, "--python", PYTHON]);
      expect(r.code, recipe).toBe(0);
      const adapter = r.stdout.trim().replace(/^adapter → /, "");
      for (const file of ["adapter_config.json", "adapter_model.safetensors", "cwescope-adapter.json"]) expect(existsSync(join(adapter, file)), file).toBe(true);
      const manifest = JSON.parse(await readFile(join(adapter, "cwescope-adapter.json"), "utf8"));
      expect(manifest.metrics.steps).toBeGreaterThanOrEqual(6);
      expect(Number.isFinite(manifest.metrics.train_loss)).toBe(true);
      expect(Number.isFinite(manifest.metrics.eval_loss)).toBe(true);
      expect(manifest.val_answers.examples).toBe(4);
      console.log(`${recipe}: ${manifest.metrics.steps} steps, train loss ${manifest.metrics.train_loss}, val loss ${manifest.metrics.eval_loss}, ${manifest.seconds} s, versions ${JSON.stringify(manifest.versions)}`);
    }
  });
});
