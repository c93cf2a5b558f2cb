// finetune export: golden files per format, the evaluation template and answer, balance, seeded shuffle, manifest.
import { mkdtemp, readFile, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { estimateExampleTokens, exportFinetuneData, type ExportOptions } from "../../../src/train/finetune/index.js";
import { getPrompt } from "../../../src/prompts/index.js";
import { loadJsonl } from "../../../src/data/jsonl.js";
import { DatasetRecordSchema } from "../../../src/data/record.js";
import { sha256 } from "../../../src/util/hash.js";
import { UserError } from "../../../src/util/errors.js";
import { cli } from "../../helpers/cli.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/finetune/", import.meta.url));
const TRAIN = join(FIXTURES, "train.jsonl");
const VAL = join(FIXTURES, "val.jsonl");

async function exportTo(options: Partial<ExportOptions> = {}) {
  const out = await mkdtemp(join(tmpdir(), "cwescope-ft-"));
  const manifest = await exportFinetuneData({ data: TRAIN, val: VAL, out, ...options });
  const read = (name: string) => readFile(join(out, name), "utf8");
  return { out, manifest, read };
}

const lines = (text: string) => text.trim().split("\n").map((l) => JSON.parse(l) as Record<string, any>);

describe("finetune export", () => {
  const goldens: Array<[string, Partial<ExportOptions>, string[]]> = [
    ["chat-study-instruction", { format: "chat" }, ["train.jsonl", "val.jsonl"]],
    ["alpaca-study-instruction", { format: "alpaca" }, ["train.jsonl", "val.jsonl"]],
    ["chat-chat-json", { format: "chat", prompt: "chat-json-v1" }, ["train.jsonl"]],
  ];
  for (const [name, options, files] of goldens) {
    it(`writes the golden ${name} files byte for byte`, async () => {
      const { read } = await exportTo(options);
      for (const file of files) {
        const golden = join(FIXTURES, "golden", name, file);
        const actual = await read(file);
        if (process.env.UPDATE_GOLDEN === "1") {
          await mkdir(join(FIXTURES, "golden", name), { recursive: true });
          await writeFile(golden, actual);
        }
        expect(actual, `${name}/${file}`).toBe(await readFile(golden, "utf8"));
      }
    });
  }

  it("renders each example with the evaluation prompt and answers exactly what that prompt expects", async () => {
    const records = new Map((await loadJsonl(TRAIN, DatasetRecordSchema)).map((r) => [r.id, r]));
    for (const promptId of ["study-instruction-v1", "chat-json-v1", "dozono-binary-v1"]) {
      const prompt = getPrompt(promptId);
      const { read } = await exportTo({ prompt: promptId });
      for (const example of lines(await read("train.jsonl"))) {
        const record = records.get(example.id)!;
        const [system, user, assistant] = example.messages;
        expect([system, user]).toEqual(prompt.render({ language: record.language, code: record.code }));
        expect(assistant).toEqual({ role: "assistant", content: prompt.answerFor(record) });
        const parsed = prompt.parse(assistant.content);
        expect(parsed.ok && parsed.answer.vulnerable).toBe(record.cwe !== null);
        if (promptId !== "dozono-binary-v1") expect(parsed.ok && parsed.answer.cwe).toBe(record.cwe);
      }
    }
  });

  it("alpaca records carry the same system and user text as chat records", async () => {
    const chat = lines(await (await exportTo({ format: "chat" })).read("train.jsonl"));
    const alpaca = lines(await (await exportTo({ format: "alpaca" })).read("train.jsonl"));
    expect(alpaca.map((a) => [a.id, a.instruction, a.input, a.output])).toEqual(chat.map((c) => [c.id, ...c.messages.map((m: any) => m.content)]));
  });

  it("balances vulnerable and not vulnerable training examples, and leaves val as it is", async () => {
    const down = await exportTo({ balance: "downsample" });
    expect(down.manifest.splits.train.classes).toEqual({ vulnerable: 3, not_vulnerable: 3 });
    expect(down.manifest.splits.train.balance).toEqual({ mode: "downsample", dropped: 3, added: 0 });
    const up = await exportTo({ balance: "upsample" });
    expect(up.manifest.splits.train.classes).toEqual({ vulnerable: 6, not_vulnerable: 6 });
    const upIds = lines(await up.read("train.jsonl")).map((e) => e.id).filter((id: string) => id.endsWith("-v"));
    expect(new Set(upIds).size).toBe(3); // each vulnerable record exactly twice
    expect(upIds.length).toBe(6);
    const none = await exportTo({ balance: "none" });
    expect(none.manifest.splits.train.records).toBe(9);
    expect(down.manifest.splits.val!.records).toBe(2);
    expect(lines(await down.read("val.jsonl")).map((e) => e.id)).toEqual((await loadJsonl(VAL, DatasetRecordSchema)).map((r) => r.id));
  });

  it("shuffles with the seed: same seed, same bytes; another seed, another order of the same examples", async () => {
    const a = await (await exportTo({ seed: 7, balance: "none" })).read("train.jsonl");
    const b = await (await exportTo({ seed: 7, balance: "none" })).read("train.jsonl");
    const c = await (await exportTo({ seed: 8, balance: "none" })).read("train.jsonl");
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(c.trim().split("\n").sort()).toEqual(a.trim().split("\n").sort());
  });

  it("writes a manifest whose hashes match the files", async () => {
    const { manifest, read } = await exportTo();
    expect(manifest.splits.train.sha256).toBe(sha256(await read("train.jsonl")));
    expect(manifest.splits.val!.sha256).toBe(sha256(await read("val.jsonl")));
    expect(manifest.splits.train.source.sha256).toBe(sha256(await readFile(TRAIN)));
    expect(manifest.prompt).toEqual({ id: "study-instruction-v1", hash: getPrompt("study-instruction-v1").hash });
    expect(JSON.parse(await read("manifest.json"))).toEqual(manifest);
    const estimates = lines(await read("train.jsonl")).map((e) => estimateExampleTokens(e.messages));
    const t = manifest.splits.train.tokens;
    expect(t.total).toBe(estimates.reduce((a, b) => a + b, 0));
    expect(t.max).toBe(Math.max(...estimates));
    expect(t.p95).toBeLessThanOrEqual(t.max);
  });

  it("refuses JavaScript records, naming the file, the line and why; --allow-language lets them through", async () => {
    const out = await mkdtemp(join(tmpdir(), "cwescope-ft-"));
    const mixed = join(FIXTURES, "mixed.jsonl");
    const err = await exportFinetuneData({ data: mixed, out, balance: "none" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/mixed\.jsonl:2: record "js-[^"]+" is javascript, not Python/);
    expect((err as Error).message).toContain("--allow-language javascript");
    const manifest = await exportFinetuneData({ data: mixed, out, balance: "none", allowLanguages: ["javascript"] });
    expect(manifest.splits.train.records).toBe(2);
    expect((await cli(["finetune", "export", "--data", mixed, "--out", out])).code).toBe(2);
  });

  it("runs from the command line and prints the split sizes", async () => {
    const out = await mkdtemp(join(tmpdir(), "cwescope-ft-"));
    const r = await cli(["finetune", "export", "--data", TRAIN, "--val", VAL, "--format", "alpaca", "--out", out, "--seed", "3"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("train: 6 examples (3 vulnerable, 3 not, 3 dropped to balance)");
    expect(lines(await readFile(join(out, "train.jsonl"), "utf8"))[0]).toHaveProperty("instruction");
    expect((await cli(["finetune", "export", "--data", TRAIN, "--out", out, "--format", "sharegpt"])).code).toBe(2);
    expect((await cli(["finetune", "export", "--data", TRAIN, "--out", out, "--prompt", "nope-v9"])).code).toBe(2);
  });
});
