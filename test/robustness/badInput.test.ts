// Item 1 of issue #9: bad input gives one clear error naming the file (and line), exit 2, and loses nothing
// already computed. Runs the built CLI as a user would.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusedUrl } from "../helpers/faultServer.js";
import { runBin } from "../helpers/runBin.js";

let dir: string;
const ok = (id: string, code = "import os\nos.system('ls ' + name)\n") => JSON.stringify({ id, language: "python", code, cwe: null });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cwescope-badinput-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** predict on a bad input file: exit 2, one error naming file:line, no output file. */
async function expectPredictError(path: string, line: number, reason: RegExp) {
  const output = `${path}.preds.jsonl`;
  const r = await runBin(["predict", "--model", "embedded", "--input", path, "--output", output]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`${path}:${line}:`);
  expect(r.stderr).toMatch(reason);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(existsSync(output)).toBe(false);
}

describe("bad dataset files", () => {
  it("malformed JSONL", async () => {
    await expectPredictError(await file("malformed.jsonl", `${ok("a")}\n${ok("b")}\n{"id": "c", "language": }\n${ok("d")}\n`), 3, /malformed JSON/);
  });
  it("truncated JSONL (cut mid-record)", async () => {
    const text = `${ok("a")}\n${ok("b")}\n`;
    await expectPredictError(await file("truncated.jsonl", text + ok("c").slice(0, 30)), 3, /truncated|malformed/);
  });
  it("a record off the schema", async () => {
    await expectPredictError(await file("schema.jsonl", `${ok("a")}\n${JSON.stringify({ id: "b", language: "rust", code: "fn main(){}", cwe: null })}\n`), 2, /language/);
    await expectPredictError(await file("schema2.jsonl", `${JSON.stringify({ id: "b", language: "python", cwe: "SQL injection" })}\n`), 1, /code|cwe/);
  });
  it("invalid UTF-8", async () => {
    await expectPredictError(await file("utf8.jsonl", Buffer.concat([Buffer.from(`${ok("a")}\n{"id":"b","language":"python","code":"`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(`","cwe":null}\n`)])), 2, /UTF-8/);
  });
  it("a 10 MB one-line file", async () => {
    const big = JSON.stringify({ id: "big", language: "python", code: "x = 1\n".repeat((10 * 1024 * 1024) / 6), cwe: null });
    await expectPredictError(await file("big.jsonl", big + "\n"), 1, /longer than/);
  });
  it("a binary file", async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    await expectPredictError(await file("binary.jsonl", bytes), 1, /UTF-8|malformed|longer/);
  });
  it("unknown CWE ids are reported by `data validate` with file:line", async () => {
    const path = await file("unknown-cwe.jsonl", `${ok("a")}\n${JSON.stringify({ id: "b", language: "python", code: "x = 1\n", cwe: "CWE-99999", lines: [1] })}\n`);
    const r = await runBin(["data", "validate", path]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain(`${path}:2:`);
    expect(r.stdout + r.stderr).toMatch(/CWE-99999/);
  });
});

describe("unparsable and binary code", () => {
  it("predict scores unparsable code without crashing; every record gets a prediction", async () => {
    const path = await file("unparsable.jsonl", `${ok("a", "def (:\n  ][ ))\n")}\n${JSON.stringify({ id: "b", language: "javascript", code: "function {{{ ((( '", cwe: null })}\n${ok("c")}\n`);
    const output = join(dir, "unparsable.preds.jsonl");
    const r = await runBin(["predict", "--model", "embedded", "--input", path, "--output", output]);
    expect([0, 2]).toContain(r.code);
    const preds = (await readFile(output, "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(preds.map((p) => p.id)).toEqual(["a", "b", "c"]);
  });

  it("scan names a binary file it could not read, exits 2, and still reports the other files", async () => {
    const tree = join(dir, "tree");
    await file("tree-placeholder", "");
    await import("node:fs/promises").then((fs) => fs.mkdir(tree, { recursive: true }));
    await writeFile(join(tree, "app.py"), "import os\n\ndef run(name):\n    os.system('ls ' + name)\n");
    await writeFile(join(tree, "blob.py"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0, 3]));
    await writeFile(join(tree, "broken.py"), "def (:\n  ][ ))\n");
    const r = await runBin(["scan", tree, "--format", "json", "--no-progress"], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/blob\.py.*binary/);
    const report = JSON.parse(r.stdout);
    // app.py and the unparsable file are still scanned (the findings are the model's to decide).
    expect(report.summary.files).toBe(2);
    expect(report.notes).toContainEqual(expect.objectContaining({ path: "tree/broken.py", note: "parse-error" }));
  });
});

describe("bad configuration", () => {
  it("an invalid experiment spec names the line", async () => {
    const spec = await file("bad.yaml", "name: x\nmodels:\n  - id: embedded\n    temperature: 3\ndatasets:\n  - name: d\n    path: d.jsonl\n");
    const r = await runBin(["experiment", spec, "--out", join(dir, "run-bad")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${spec}:4:`);
    expect(existsSync(join(dir, "run-bad", "report.json"))).toBe(false);
  });

  it("a missing model file, a file that is not a GGUF, and an unreachable endpoint", async () => {
    const input = await file("one.jsonl", ok("a") + "\n");
    const notGguf = await file("fake.gguf", "this is not a GGUF file\n".repeat(10));
    const cases: Array<[string[], RegExp]> = [
      [["--model", `llamacpp:${join(dir, "missing.gguf")}`], /missing\.gguf/],
      [["--model", `embedded:${join(dir, "missing-model")}`], /missing-model/],
      [["--model", `llamacpp:${notGguf}`], /fake\.gguf/],
      [["--model", "openai:m", "--base-url", await refusedUrl()], /preflight.*(ECONNREFUSED|connection)/i],
    ];
    for (const [model, reason] of cases) {
      const output = join(dir, "never.jsonl");
      const r = await runBin(["predict", ...model, "--input", input, "--output", output]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(output)).toBe(false);
    }
  });

  it("a bad dataset added to an experiment fails before any work, and the cache computed earlier survives", async () => {
    const data = await file("exp.jsonl", [ok("a"), ok("b", "x = 1\n"), ok("c", "print(2)\n")].join("\n") + "\n");
    const bad = await file("exp-bad.jsonl", `${ok("z")}\n{"id":\n`);
    const spec = (datasets: string) =>
      `name: t\nseed: 1\nconcurrency: 1\nmodels:\n  - id: embedded\ndatasets:\n${datasets}metrics: {bootstrap: 10}\nlatency: {warmup: 0, samples: 1, throughput_samples: 0}\n`;
    const good = await file("good.yaml", spec(`  - name: d\n    path: ${data}\n`));
    const out = join(dir, "run-cache");
    expect((await runBin(["experiment", good, "--out", out])).code).toBe(0);
    const rows = () => {
      const db = new Database(join(out, "cache.sqlite"), { readonly: true });
      try {
        return (db.prepare("SELECT count(*) AS n FROM predictions").get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    expect(rows()).toBe(3);
    const worse = await file("worse.yaml", spec(`  - name: d\n    path: ${data}\n  - name: e\n    path: ${bad}\n`));
    const r = await runBin(["experiment", worse, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:2:`);
    expect(rows()).toBe(3);
    const again = await runBin(["experiment", good, "--out", out]);
    expect(again.code).toBe(0);
    expect(JSON.parse(await readFile(join(out, "report.json"), "utf8")).results[0]).toMatchObject({ cached: 3, computed: 0 });
  });
});
