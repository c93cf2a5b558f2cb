// Results are not lost at the end: output places are checked before any work, outputs are written whole,
// and inputs that can only give nothing (no records, duplicate ids, one class) are refused up front.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadJsonl } from "../../src/data/jsonl.js";
import { DatasetRecordSchema } from "../../src/data/record.js";
import { checkTrainable } from "../../src/train/trainEmbedded.js";
import { checkOutputFile, writeFileAtomic } from "../../src/util/atomicWrite.js";
import { cli } from "../helpers/cli.js";
import { startFaultServer, type FaultServer } from "../helpers/faultServer.js";

let dir: string;
let data: string;
let server: FaultServer;
const record = (id: string, cwe: string | null) => JSON.stringify({ id, language: "python", code: `x = ${JSON.stringify(id)}\n`, cwe });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cwescope-outputs-"));
  data = join(dir, "records.jsonl");
  writeFileSync(data, [record("a", "CWE-89"), record("b", null)].join("\n") + "\n");
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("output places are checked before any inference", () => {
  it.each([
    ["a missing folder", () => join(dir, "missing", "preds.jsonl"), /folder .* does not exist/],
    ["a directory", () => dir, /is a directory/],
  ])("predict --output to %s: exit 2, no request sent", async (_what, target, message) => {
    const before = server.chatRequests().length;
    const r = await cli(["predict", "--model", "openai:fault-model", "--base-url", server.url, "--input", data, "--output", target()]);
    expect(r.code).toBe(2);
    expect(server.chatRequests().length).toBe(before);
    expect(() => checkOutputFile(target(), "--output")).toThrow(message);
  });

  it("predict writes its output whole, with no temp file left beside it", async () => {
    const out = join(dir, "ok", "preds.jsonl");
    mkdirSync(join(dir, "ok"));
    const r = await cli(["predict", "--model", "openai:fault-model", "--base-url", server.url, "--input", data, "--output", out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(2);
    expect(readdirSync(join(dir, "ok"))).toEqual(["preds.jsonl"]);
  });

  it("an atomic write that fails leaves the old file as it was", async () => {
    const file = join(dir, "keep.json");
    writeFileSync(file, "old\n");
    await expect(writeFileAtomic(join(dir, "no-such-folder", "x.json"), "new")).rejects.toThrow();
    await writeFileAtomic(file, "new\n");
    expect(readFileSync(file, "utf8")).toBe("new\n");
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});

describe("inputs that can only give nothing are refused (exit 2)", () => {
  it("eval and predict on an empty file", async () => {
    const empty = join(dir, "empty.jsonl");
    writeFileSync(empty, "");
    expect((await cli(["eval", "--model", "embedded", "--data", empty])).code).toBe(2);
    expect((await cli(["predict", "--model", "embedded", "--input", empty, "--output", join(dir, "p.jsonl")])).code).toBe(2);
  });

  it.each([
    ["one record", [record("a", "CWE-89")], /1 record\(s\), 1 vulnerable/],
    ["duplicate ids", [record("a", "CWE-89"), record("b", null), record("a", null)], /id "a" is used twice \(records 1 and 3\)/],
    ["one class only", [record("a", null), record("b", null), record("c", null)], /0 vulnerable/],
  ])("train with %s", async (_what, lines, message) => {
    const file = join(dir, `train-${lines.length}-${Math.random()}.jsonl`);
    writeFileSync(file, lines.join("\n") + "\n");
    const out = join(dir, `model-${Math.random()}`);
    expect((await cli(["train", "--data", file, "--out", out])).code).toBe(2);
    const records = await loadJsonl(file, DatasetRecordSchema);
    expect(() => checkTrainable(file, records)).toThrow(message);
    expect(() => readdirSync(out)).toThrow();
  });
});
