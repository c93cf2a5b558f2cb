// `llamacpp:<base.gguf>+lora=<adapter.gguf>`: the adapter form of a llama.cpp model id, and its paths in experiment specs.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../../src/eval/spec.js";
import { formatLlamaCppSpec, parseLlamaCppSpec } from "../../../src/models/llamacpp/llamaCppSpec.js";

describe("llamacpp model id with LoRA adapters", () => {
  it("parses the base GGUF, each adapter and its scale, and formats back the same id", () => {
    expect(parseLlamaCppSpec("m.gguf")).toEqual({ model: "m.gguf", lora: [] });
    const spec = parseLlamaCppSpec("base.f16.gguf+lora=cwe.gguf+lora=style.gguf@0.5");
    expect(spec).toEqual({ model: "base.f16.gguf", lora: [{ path: "cwe.gguf", scale: 1 }, { path: "style.gguf", scale: 0.5 }] });
    expect(formatLlamaCppSpec(spec)).toBe("base.f16.gguf+lora=cwe.gguf+lora=style.gguf@0.5");
    expect(() => parseLlamaCppSpec("+lora=a.gguf")).toThrow(/give a GGUF path/);
    expect(() => parseLlamaCppSpec("b.gguf+lora=")).toThrow(/empty adapter path/);
  });

  it("an experiment spec resolves the base and the adapter against the spec's folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cwescope-lora-spec-"));
    const file = join(dir, "spec.yaml");
    await writeFile(file, ["name: x", "models:", "  - id: llamacpp:gguf/base.gguf+lora=gguf/adapter.gguf@0.5", "datasets:", "  - { name: d, path: d.jsonl }", ""].join("\n"));
    const { spec } = await loadSpec(file);
    expect(spec.models[0].id).toBe(`llamacpp:${join(dir, "gguf/base.gguf")}+lora=${join(dir, "gguf/adapter.gguf")}@0.5`);
    expect(spec.models[0].name).toBe("llamacpp:gguf/base.gguf+lora=gguf/adapter.gguf@0.5");
  });
});
