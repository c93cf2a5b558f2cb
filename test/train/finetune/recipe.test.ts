// Recipes: what plan writes loads back unchanged; hand edits that would break training fail with file and field.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { exportFinetuneData, loadRecipe, parseRecipe, planFinetune, readExportManifest, recipePath, writeRecipe, type Recipe } from "../../../src/train/finetune/index.js";
import { UserError } from "../../../src/util/errors.js";
import { cli } from "../../helpers/cli.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/finetune/", import.meta.url));

async function plannedRecipe() {
  const dir = await mkdtemp(join(tmpdir(), "cwescope-recipe-"));
  await exportFinetuneData({ data: join(FIXTURES, "train.jsonl"), val: join(FIXTURES, "val.jsonl"), out: dir });
  const plan = planFinetune({ base: "llama-3.1-8b", gpus: 1, gpuMemoryGib: 24, export: { dir, manifest: await readExportManifest(dir) } });
  return { dir, plan };
}

describe("recipes", () => {
  it("round-trip: plan → YAML → loadRecipe gives the same recipe, with paths relative to the file", async () => {
    const { dir, plan } = await plannedRecipe();
    const file = join(dir, "recipe.yaml");
    await writeRecipe(file, plan.recipe, ["a header line"]);
    const text = await readFile(file, "utf8");
    expect(text.startsWith("# a header line\n")).toBe(true);
    const loaded = await loadRecipe(file);
    expect(loaded).toEqual(plan.recipe);
    expect(recipePath(file, loaded.data.train)).toBe(join(dir, "train.jsonl"));
    expect(recipePath(file, loaded.data.val!)).toBe(join(dir, "val.jsonl"));
    // max_seq_len comes from the exported data: the longest estimated example, rounded up to 64.
    const manifest = await readExportManifest(dir);
    const longest = Math.max(manifest.splits.train.tokens.max, manifest.splits.val!.tokens.max);
    expect(loaded.training.max_seq_len).toBe(Math.max(128, Math.ceil(longest / 64) * 64));
    expect(loaded.notes!.join(" ")).toContain("heuristic");
  });

  it("names the file and the field of each invalid edit", async () => {
    const { plan } = await plannedRecipe();
    const edits: Array<[string, (r: any) => void, RegExp]> = [
      ["qlora without quantization", (r) => (r.method = "qlora"), /quantization: qlora needs a quantization section/],
      ["unknown module", (r) => r.lora.target_modules.push("qkv_proj"), /lora\.target_modules\.7/],
      ["absurd learning rate", (r) => (r.training.learning_rate = 0.5), /training\.learning_rate/],
      ["no training data", (r) => delete r.data.train, /data\.train/],
      ["a typo'd key", (r) => (r.training.epoch = 2), /training.*epoch/],
      ["several GPUs on one device", (r) => (r.hardware.gpus = 2), /hardware\.placement: several GPUs need placement: device_map_auto/],
    ];
    for (const [what, edit, message] of edits) {
      const r = structuredClone(plan.recipe) as Recipe;
      edit(r);
      expect(() => parseRecipe(stringify(r), "my.yaml"), what).toThrow(UserError);
      expect(() => parseRecipe(stringify(r), "my.yaml"), what).toThrow(/^my\.yaml: invalid recipe: /);
      expect(() => parseRecipe(stringify(r), "my.yaml"), what).toThrow(message);
    }
    expect(() => parseRecipe("training: [", "bad.yaml")).toThrow(/^bad\.yaml: not valid YAML/);
    await expect(loadRecipe("/nonexistent/recipe.yaml")).rejects.toThrow(/recipe not found/);
  });

  it("cwescope finetune plan --export writes the recipe next to the data", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cwescope-recipe-"));
    await exportFinetuneData({ data: join(FIXTURES, "train.jsonl"), val: join(FIXTURES, "val.jsonl"), out: dir });
    const r = await cli(["finetune", "plan", "--base", "llama-3.1-70b", "--gpus", "1", "--gpu-memory-gib", "80", "--export", dir]);
    expect(r.code).toBe(0);
    const file = join(dir, "recipe-llama-3.1-70b-qlora.yaml");
    expect(r.stdout).toContain(`recipe → ${file}`);
    expect(r.stdout).toMatch(/time: ≈ .* for 3 epoch\(s\) of the exported data/);
    const recipe = await loadRecipe(file);
    expect(recipe.method).toBe("qlora");
    expect(recipe.data).toEqual({ format: "chat", prompt: "study-instruction-v1", train: "train.jsonl", val: "val.jsonl", manifest: "manifest.json" });
    const elsewhere = join(await mkdtemp(join(tmpdir(), "cwescope-recipe-")), "r.yaml");
    expect((await cli(["finetune", "plan", "--base", "llama-3.1-8b", "--gpus", "1", "--gpu-memory-gib", "80", "--export", dir, "--out", elsewhere])).code).toBe(0);
    expect(recipePath(elsewhere, (await loadRecipe(elsewhere)).data.train)).toBe(join(dir, "train.jsonl"));
    await writeFile(join(dir, "manifest.json"), "{}");
    expect((await cli(["finetune", "plan", "--base", "llama-3.1-8b", "--gpus", "1", "--gpu-memory-gib", "80", "--export", dir])).code).toBe(2);
  });
});
