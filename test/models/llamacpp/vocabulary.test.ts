// A GGUF whose vocabulary cannot spell every byte is refused before llama.cpp loads it, naming the file and
// the reason; without the check the process dies in native code (std::out_of_range) on the first prompt.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkVocabulary } from "../../../src/models/llamacpp/checkVocabulary.js";
import { runBin } from "../../helpers/runBin.js";
import { writeTinyGguf } from "../../helpers/tinyGguf.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cwescope-vocab-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("GGUF vocabulary check", () => {
  it("accepts a complete vocabulary", async () => {
    const ok = await writeTinyGguf(join(dir, "ok.gguf"), { seed: 2 });
    await expect(checkVocabulary(ok.path)).resolves.toBeUndefined();
  });

  it("predict with a vocabulary missing byte tokens exits 2 naming the file, instead of aborting", async () => {
    const broken = await writeTinyGguf(join(dir, "broken.gguf"), { seed: 2, omitByteTokens: [0x0a, 0x09, 0xc3] });
    await expect(checkVocabulary(broken.path)).rejects.toThrow(/broken\.gguf: its llama vocabulary cannot encode every byte \(3 byte token\(s\) missing, e\.g\. "<0x09>"/);
    const input = join(dir, "r.jsonl");
    await writeFile(input, JSON.stringify({ id: "r", language: "python", code: "def f(x):\n\treturn x  # café\n", cwe: null }) + "\n");
    const r = await runBin(["predict", "--model", `llamacpp:${broken.path}`, "--input", input, "--output", join(dir, "p.jsonl")]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.gguf.*cannot encode every byte/);
  }, 60_000);
});
