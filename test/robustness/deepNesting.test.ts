// One file nested 2,300 levels deep (brackets, calls, functions) must not blind a scan, a predict run or a server.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { predictRecords } from "../../src/cli/commands/predict.js";
import type { DatasetRecord } from "../../src/data/record.js";
import type { Detector } from "../../src/models/Detector.js";
import { createDetector } from "../../src/models/registry.js";
import { getPrompt } from "../../src/prompts/index.js";
import { scanExitCode } from "../../src/scan/exitCode.js";
import { scanPaths } from "../../src/scan/scanPaths.js";
import { ChatServer } from "../../src/serve/index.js";

const DEPTH = 2300;
const open = (s: string) => s.repeat(DEPTH);

/** Deeply nested sources, one shape each; every one is a valid program. */
const DEEP: Record<string, string> = {
  "deep_list.py": `table = ${open("[\n")}1${open("]\n")}\n`,
  "deep_call.py": `def run(x):\n    return ${open("f(\n")}x${open(")\n")}\n`,
  "deep_call.js": `function run(x) {\n  return ${open("f(\n")}x${open(")\n")};\n}\n`,
  "deep_functions.js": `${Array.from({ length: DEPTH }, (_, i) => `function g${i}() {\n`).join("")}${open("}\n")}`,
  "deep_object.ts": `export function config(): unknown {\n  return ${open("{ a:\n")}1${open("}\n")};\n}\n`,
  "deep_arrows.ts": `export const f = ${open("(): unknown => (\n")}1${open(")\n")};\n`,
};
const OK = "import os\n\ndef run(request):\n    os.system(request.args['cmd'])\n";

let dir: string;
let embedded: Detector;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cwescope-deep-"));
  for (const [name, text] of Object.entries(DEEP)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, "ok.py"), OK);
  embedded = await createDetector("embedded");
});
afterAll(async () => {
  await embedded.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("code nested past the analysis' reach", () => {
  it("scan: names each unanalysable unit, is incomplete, and keeps every other finding", async () => {
    const r = await scanPaths([dir], { root: dir, jobs: 1 });
    // ok.py is analysed as if it were alone: its findings (whatever the model decides) are all there.
    const alone = await scanPaths([join(dir, "ok.py")], { root: dir, jobs: 1 });
    const key = (f: { file: string; startLine: number; cwe: string; fingerprint: string }) => `${f.file}:${f.startLine}:${f.cwe}:${f.fingerprint}`;
    expect(r.findings.filter((f) => f.file === "ok.py").map(key)).toEqual(alone.findings.map(key));
    expect(r.notes.filter((n) => n.path === "ok.py")).toEqual([]);
    const unanalysable = new Set([...r.notes.filter((n) => n.note === "unanalysable").map((n) => n.path), ...r.skipped.filter((s) => s.reason === "unanalysable").map((s) => s.path)]);
    // Each deep file is analysed or named; while the view recurses, some are named (and the scan is incomplete).
    expect([...unanalysable].every((p) => p in DEEP)).toBe(true);
    for (const n of r.notes.filter((n) => n.note === "unanalysable")) expect(n.detail).toMatch(/^\S.* \(lines \d+-\d+\): unanalysable: (RangeError|.*nested \d+ levels deep)/);
    expect(r.summary.files).toBe(Object.keys(DEEP).length + 1 - r.skipped.length);
    expect(r.summary.incomplete).toBe(unanalysable.size > 0);
    expect(scanExitCode(r)).toBe(unanalysable.size > 0 ? 2 : 1);
  }, 120_000);

  it("predict: the deep sample fails with an error, the others are answered", async () => {
    const records: DatasetRecord[] = [
      ...Object.entries(DEEP).map(([name, code]) => ({ id: name, language: name.endsWith(".py") ? "python" : name.endsWith(".ts") ? "typescript" : "javascript", code, cwe: null }) as DatasetRecord),
      { id: "ok", language: "python", code: OK, cwe: "CWE-78" } as DatasetRecord,
    ];
    const predictions = await predictRecords(embedded, records, 2);
    expect(predictions.map((p) => p.id)).toEqual(records.map((r) => r.id));
    for (const p of predictions.slice(0, -1)) if (p.error !== undefined) expect(p.error, p.id).toMatch(/call stack|nested \d+ levels deep/);
    // The sample beside them is answered (its verdict is the model's to give).
    expect(predictions.at(-1)).toMatchObject({ id: "ok", findings: expect.any(Array) });
    expect(predictions.at(-1)!.error).toBeUndefined();
  }, 120_000);

  it("serve: answers 422 naming the cause and keeps serving", async () => {
    const server = new ChatServer(embedded, { port: 0, modelName: "embedded", maxBodyBytes: 16 * 1024 ** 2 });
    const url = await server.listen();
    try {
      const ask = (language: "python" | "javascript", code: string) =>
        fetch(`${url}/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ model: "embedded", messages: getPrompt("chat-json-v1").render({ language, code }) }),
        });
      const deep = await ask("javascript", DEEP["deep_call.js"]);
      expect(deep.status).toBe(422);
      expect(((await deep.json()) as { error: { message: string } }).error.message).toMatch(/unanalysable.*(RangeError|call stack|nested \d+ levels deep)/);
      const ok = await ask("python", OK);
      expect(ok.status).toBe(200);
      expect((await fetch(url.replace(/\/v1$/, "/health"))).status).toBe(200);
    } finally {
      await server.close();
    }
  }, 120_000);
});
