// finetune run: the launcher streams the trainer's progress and turns every failure into one clear error, exit 2.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { exportFinetuneData, launchTrainer, planFinetune, readExportManifest, writeRecipe, type TrainerEvent } from "../../../src/train/finetune/index.js";
import { UserError } from "../../../src/util/errors.js";
import { cli } from "../../helpers/cli.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/finetune/", import.meta.url));
const standIn = (name: string) => join(FIXTURES, "stand-in", name);

async function recipeFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "cwescope-run-"));
  await exportFinetuneData({ data: join(FIXTURES, "train.jsonl"), val: join(FIXTURES, "val.jsonl"), out: dir });
  const plan = planFinetune({ base: "llama-3.1-8b", gpus: 1, gpuMemoryGib: 24, export: { dir, manifest: await readExportManifest(dir) } });
  const file = join(dir, "recipe.yaml");
  await writeRecipe(file, plan.recipe, ["test"]);
  return file;
}

describe("launchTrainer", () => {
  it("streams progress events in order, then reports the trainer's own error", async () => {
    const recipe = await recipeFile();
    const events: TrainerEvent[] = [];
    const err = await launchTrainer({ recipe, python: standIn("progress-then-fail.sh"), onEvent: (e) => events.push(e) }).catch((e: unknown) => e);
    expect(events.map((e) => e.event)).toEqual(["start", "data", "train_begin", "log", "log", "error"]);
    expect(events[0].recipe).toBe(recipe); // the recipe reaches the trainer as --recipe <file>
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe(2);
    expect((err as Error).message).toBe("trainer failed (exit 1): runtime: OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB");
  });

  it("names the missing package and the install command", async () => {
    const err = await launchTrainer({ recipe: await recipeFile(), python: standIn("missing-module.sh") }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/needs the Python package "trl", which .*missing-module\.sh cannot import/);
    expect((err as Error).message).toMatch(/-m pip install -r trainer\/requirements\.txt$/);
  });

  it("says so when the Python interpreter does not exist", async () => {
    const err = await launchTrainer({ recipe: await recipeFile(), python: "/nonexistent/python3" }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^Python not found: "\/nonexistent\/python3"/);
  });

  it("returns the adapter of a finished run and passes plain output through", async () => {
    const output: string[] = [];
    const result = await launchTrainer({ recipe: await recipeFile(), python: standIn("success.sh"), onOutput: (l) => output.push(l) });
    expect(result.adapter).toBe("/tmp/adapter-x");
    expect(output).toEqual(["a line of plain output from a library"]);
  });
});

describe("cwescope finetune run", () => {
  it("prints progress to stderr and exits 2 when the trainer fails", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const r = await cli(["finetune", "run", await recipeFile(), "--python", standIn("progress-then-fail.sh")]);
      expect(r.code).toBe(2);
      const text = stderr.mock.calls.map((c) => String(c[0])).join("");
      expect(text).toContain("step 2/4 (50 %)  epoch 0.5  loss 2.1");
      expect(text).toContain("error: trainer failed (exit 1): runtime: OutOfMemoryError: CUDA out of memory");
    } finally {
      stderr.mockRestore();
    }
  });

  it("prints the adapter path and exits 0 when the trainer finishes", async () => {
    const r = await cli(["-q", "finetune", "run", await recipeFile(), "--python", standIn("success.sh")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("adapter → /tmp/adapter-x\n");
  });

  it("exits 2 on a recipe that is not valid, before starting Python", async () => {
    expect((await cli(["finetune", "run", join(FIXTURES, "train.jsonl"), "--python", standIn("success.sh")])).code).toBe(2);
    expect((await cli(["finetune", "run", "/nonexistent.yaml"])).code).toBe(2);
  });
});
