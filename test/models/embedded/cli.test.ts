// predict / eval / train through the real CLI, in-process.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../../helpers/cli.js";

const records = [
  { id: "r1", language: "python", code: 'import os\ndef f(h):\n    os.system("ping " + h)\n', cwe: "CWE-78", lines: [3] },
  { id: "r2", language: "javascript", code: "function f(a) { return a + 1; }\n", cwe: null },
  { id: "r3", language: "python", code: "def g():\n    return 2\n", cwe: null },
];

async function tmp(): Promise<string> {
  return mkdtemp(join(tmpdir(), "cwescope-cli-"));
}

describe("cwescope predict / eval", () => {
  it("writes one prediction per record, in input order", async () => {
    const dir = await tmp();
    const input = join(dir, "in.jsonl");
    const output = join(dir, "out.jsonl");
    await writeFile(input, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const { code } = await cli(["predict", "--model", "embedded", "--input", input, "--output", output, "--concurrency", "2"]);
    expect(code).toBe(0);
    const preds = (await readFile(output, "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(preds.map((p) => p.id)).toEqual(["r1", "r2", "r3"]);
    expect(preds.every((p) => p.model === "embedded" && typeof p.confidence === "number")).toBe(true);
  });

  it("prints every metric beside the always-vulnerable baseline, as text and JSON", async () => {
    const dir = await tmp();
    const data = join(dir, "d.jsonl");
    await writeFile(data, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const text = await cli(["eval", "--model", "embedded", "--data", data]);
    expect(text.code).toBe(0);
    for (const label of ["precision", "recall", "F1", "MCC", "FPR", "balanced accuracy", "CWE-exact accuracy", "always-vuln"]) expect(text.stdout).toContain(label);
    const json = JSON.parse((await cli(["eval", "--model", "embedded", "--data", data, "--format", "json"])).stdout);
    expect(json.metrics.n).toBe(3);
    expect(json.baselines.always_vulnerable).toMatchObject({ recall: 1, fpr: 1, mcc: 0 });
  });

  it("exits 2 on a bad input line, naming it", async () => {
    const dir = await tmp();
    const input = join(dir, "bad.jsonl");
    await writeFile(input, JSON.stringify(records[0]) + "\n{not json\n");
    const errors: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((s: string) => (errors.push(String(s)), true)) as typeof process.stderr.write;
    try {
      expect((await cli(["predict", "--model", "embedded", "--input", input, "--output", join(dir, "o.jsonl")])).code).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(errors.join("")).toContain(`${input}:2`);
  });

  it("--threshold moves the embedded verdict: every unit with a sink at 0, none at 1; refused for a language model", async () => {
    const dir = await tmp();
    const input = join(dir, "in.jsonl");
    await writeFile(input, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const run = async (threshold: string) => {
      const output = join(dir, `out-${threshold}.jsonl`);
      expect((await cli(["predict", "--model", "embedded", "--input", input, "--output", output, "--threshold", threshold])).code).toBe(0);
      return (await readFile(output, "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    };
    // r1 has a shell sink; r2 and r3 have none, and a unit without a sink is never flagged.
    expect((await run("0")).map((p) => p.vulnerable)).toEqual([true, false, false]);
    expect((await run("1")).map((p) => p.vulnerable)).toEqual([false, false, false]);
    const json = JSON.parse((await cli(["eval", "--model", "embedded", "--data", input, "--format", "json", "--threshold", "1"])).stdout);
    expect(json.metrics).toMatchObject({ tp: 0, fp: 0 });
    expect((await cli(["predict", "--model", "openai:m", "--base-url", "http://127.0.0.1:9", "--input", input, "--output", join(dir, "x.jsonl"), "--threshold", "0.5"])).code).toBe(2);
    expect((await cli(["predict", "--model", "embedded", "--input", input, "--output", join(dir, "y.jsonl"), "--threshold", "2"])).code).toBe(2);
  });

  it("rejects bad train options before doing any work", async () => {
    expect((await cli(["train", "--data", "x.jsonl", "--out", "/tmp/x", "--features", "pixels"])).code).toBe(2);
  });
});
