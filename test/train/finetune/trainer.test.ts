// trainer/: every Python file compiles, the data loader reads exported files unchanged (standard library only),
// and without torch the real trainer fails the way `finetune run` explains.
import { spawnSync } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { exportFinetuneData, planFinetune, readExportManifest, writeRecipe } from "../../../src/train/finetune/index.js";
import { PACKAGE_ROOT } from "../../../src/version.js";
import { cli } from "../../helpers/cli.js";

const TRAINER = join(PACKAGE_ROOT, "trainer");
const python = spawnSync("python3", ["--version"], { encoding: "utf8" });
const hasPython = python.status === 0;
const hasTorch = hasPython && spawnSync("python3", ["-c", "import torch"]).status === 0;

async function exportBoth() {
  const chat = await mkdtemp(join(tmpdir(), "cwescope-chat-"));
  const alpaca = await mkdtemp(join(tmpdir(), "cwescope-alpaca-"));
  const data = join(PACKAGE_ROOT, "data", "python", "train.jsonl");
  const val = join(PACKAGE_ROOT, "data", "python", "val.jsonl");
  await exportFinetuneData({ data, val, out: chat, format: "chat" });
  await exportFinetuneData({ data, val, out: alpaca, format: "alpaca" });
  return { chat, alpaca };
}

describe.skipIf(!hasPython)("trainer (python3 found)", () => {
  it("compiles: python3 -m py_compile on every trainer file", async () => {
    const files = [...(await readdir(TRAINER)).filter((f) => f.endsWith(".py")), ...(await readdir(join(TRAINER, "tests"))).filter((f) => f.endsWith(".py")).map((f) => join("tests", f))];
    expect(files).toEqual(expect.arrayContaining(["train.py", "data.py", "recipe.py", "events.py", "measure.py", join("tests", "test_data.py"), join("tests", "test_measure.py"), join("tests", "smoke_gpu.py")]));
    const r = spawnSync("python3", ["-m", "py_compile", ...files.map((f) => join(TRAINER, f))], { encoding: "utf8", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("loads the exported chat and alpaca data in the trainer's data loader (pure-Python tests)", async () => {
    const { chat, alpaca } = await exportBoth();
    const r = spawnSync("python3", ["-m", "unittest", "-v", "test_data"], {
      cwd: join(TRAINER, "tests"),
      encoding: "utf8",
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", CWESCOPE_EXPORT_CHAT: chat, CWESCOPE_EXPORT_ALPACA: alpaca },
    });
    expect(r.stderr).toMatch(/Ran 8 tests/);
    expect(r.stderr).not.toMatch(/\.\.\. skipped/);
    expect(r.status, r.stderr).toBe(0);
  });

  it("measures peak GPU memory, trained tokens and step time (pure-Python tests, torch stand-in)", () => {
    const r = spawnSync("python3", ["-m", "unittest", "-v", "test_measure"], { cwd: join(TRAINER, "tests"), encoding: "utf8", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
    expect(r.stderr).toMatch(/Ran 6 tests/);
    expect(r.status, r.stderr).toBe(0);
  });

  it.skipIf(hasTorch)("without torch, `finetune run` with the real trainer names the install command", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cwescope-notorch-"));
    await exportFinetuneData({ data: join(PACKAGE_ROOT, "test", "fixtures", "finetune", "train.jsonl"), out: dir });
    const file = join(dir, "recipe.yaml");
    const plan = planFinetune({ base: "llama-3.1-8b", gpus: 1, gpuMemoryGib: 24, export: { dir, manifest: await readExportManifest(dir) } });
    await writeRecipe(file, plan.recipe, []);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect((await cli(["-q", "finetune", "run", file, "--python", "python3"])).code).toBe(2);
      const text = stderr.mock.calls.map((c) => String(c[0])).join("");
      expect(text).toMatch(/the trainer needs the Python package "(torch|yaml)", which python3 cannot import/);
      expect(text).toContain("python3 -m pip install -r trainer/requirements.txt");
    } finally {
      stderr.mockRestore();
    }
  });
});
