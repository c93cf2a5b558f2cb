import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { experimentJsonSchema, loadSpec } from "../../src/eval/spec.js";

const dir = mkdtempSync(join(tmpdir(), "cwescope-spec-"));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe("experiment specs", () => {
  it("the committed JSON Schema for editors is up to date", () => {
    expect(JSON.parse(readFileSync("experiments/experiment.schema.json", "utf8"))).toEqual(experimentJsonSchema());
  });

  it("both shipped specs load; the study's endpoints come from the environment", async () => {
    const main = await loadSpec("experiments/embedded.yaml");
    expect(main.spec.models.map((m) => m.id)).toEqual(["embedded"]);
    expect(main.spec.datasets.map((d) => d.language)).toEqual(["python", "javascript"]);
    const study = await loadSpec("experiments/llama31-8b-vs-70b.yaml", {
      CWESCOPE_8B_URL: "http://127.0.0.1:1/v1",
      CWESCOPE_70B_URL: "http://127.0.0.1:2/v1",
      CWESCOPE_70B_ADAPTER: "cwe-70b",
    });
    expect(study.spec.models.map((m) => m.id)).toEqual(["embedded", "openai:meta-llama/Llama-3.1-8B-Instruct", "openai:meta-llama/Llama-3.1-70B-Instruct", "openai:cwe-70b"]);
    expect(study.spec.models[3].base_url).toBe("http://127.0.0.1:2/v1");
    expect(study.skipped).toEqual([{ id: "openai:${CWESCOPE_8B_ADAPTER}", missing: ["CWESCOPE_8B_ADAPTER"] }]);
  });

  it("names the line of a missing variable, a wrong type and bad YAML", async () => {
    const missing = write("missing.yaml", "name: x\nmodels:\n  - id: embedded\n  - id: openai:m\n    base_url: ${NOPE_URL}\ndatasets:\n  - {name: d, path: d.jsonl}\n");
    await expect(loadSpec(missing, {})).rejects.toThrow(`${missing}:4: model "openai:m" needs environment variable(s) NOPE_URL`);
    const wrongType = write("type.yaml", "name: x\nconcurrency: lots\nmodels:\n  - id: embedded\ndatasets:\n  - {name: d, path: d.jsonl}\n");
    await expect(loadSpec(wrongType, {})).rejects.toThrow(new RegExp(`${wrongType}:2: invalid experiment spec: concurrency`));
    const yaml = write("yaml.yaml", "name: x\nmodels: [\n");
    await expect(loadSpec(yaml, {})).rejects.toThrow(/yaml\.yaml:\d+: invalid YAML/);
  });
});
