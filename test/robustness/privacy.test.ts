// Item 5 of issue #9: predict, eval, experiment and scan with the embedded model and with a local GGUF
// attempt no outbound connection. A preload records and refuses anything not to the loopback.
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadJsonl } from "../../src/data/jsonl.js";
import { DatasetRecordSchema } from "../../src/data/record.js";
import { ROOT } from "../helpers/cli.js";
import { writeTinyGguf } from "../helpers/tinyGguf.js";
import { runBin } from "../helpers/runBin.js";

const PRELOAD = join(ROOT, "test", "helpers", "denyNetwork.mjs");
let dir: string;
let log: string;
let data: string;
let small: string;
let gguf: string;
let tree: string;

/** Run the CLI under the preload; returns the exit code and the attempts it logged. */
async function guarded(args: string[]) {
  const r = await runBin(args, { nodeArgs: ["--import", PRELOAD], env: { DENY_NETWORK_LOG: log, HTTPS_PROXY: "", HTTP_PROXY: "" } });
  const attempts = existsSync(log) ? (await readFile(log, "utf8")).trim() : "";
  return { ...r, attempts };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cwescope-privacy-"));
  log = join(dir, "attempts.jsonl");
  const records = [...(await loadJsonl("data/python/test.jsonl", DatasetRecordSchema)).slice(0, 3), ...(await loadJsonl("data/javascript/test.jsonl", DatasetRecordSchema)).slice(0, 3)];
  data = join(dir, "d.jsonl");
  await writeFile(data, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  // The GGUF model generates at random until its grammar closes: keep its inputs few and short.
  small = join(dir, "small.jsonl");
  await writeFile(small, ['{"id":"s1","language":"python","code":"import os\\nos.system(x)\\n","cwe":"CWE-78"}', '{"id":"s2","language":"javascript","code":"eval(q);\\n","cwe":"CWE-94"}'].join("\n") + "\n");
  gguf = (await writeTinyGguf(join(dir, "tiny.gguf"), { seed: 5 })).path;
  tree = join(dir, "tree");
  await mkdir(tree);
  await writeFile(join(tree, "app.py"), "import os\n\ndef run(name):\n    os.system('ls ' + name)\n");
  await writeFile(join(tree, "server.js"), "app.get('/x', (req, res) => eval(req.query.p));\n");
  const spec = (model: string, path: string) =>
    `name: private\nseed: 1\nconcurrency: 1\nmodels:\n  - id: ${model}\n    options: {threads: 1, contextSize: 4096}\ndatasets:\n  - name: d\n    path: ${path}\nmetrics: {bootstrap: 10}\nlatency: {warmup: 0, samples: 1, throughput_samples: 0}\n`;
  await writeFile(join(dir, "embedded.yaml"), spec("embedded", data));
  await writeFile(join(dir, "gguf.yaml"), spec(`llamacpp:${gguf}`, small));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("no outbound connection", () => {
  it("the interceptor does catch an attempt (control)", async () => {
    const control = join(dir, "control.jsonl");
    const { spawnSync } = await import("node:child_process");
    spawnSync(process.execPath, ["--import", PRELOAD, "-e", "fetch('https://example.com/').catch(() => {}); require('node:net').connect(443, '93.184.215.14').on('error', () => {});"], { env: { ...process.env, DENY_NETWORK_LOG: control } });
    const lines = (await readFile(control, "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.host)).toEqual(expect.arrayContaining(["example.com", "93.184.215.14"]));
  });

  for (const model of ["embedded", "gguf"]) {
    it(`predict, eval, experiment and scan with the ${model} model`, async () => {
      const id = model === "embedded" ? "embedded" : `llamacpp:${gguf}`;
      const input = model === "embedded" ? data : small;
      const runs = [
        ["predict", "--model", id, "--input", input, "--output", join(dir, `${model}.preds.jsonl`), "--concurrency", "1"],
        ["eval", "--model", id, "--data", input, "--concurrency", "1"],
        ["experiment", join(dir, `${model}.yaml`), "--out", join(dir, `run-${model}`)],
        ["scan", tree, "--model", id, "--format", "json", "--no-progress", "--concurrency", "1"],
      ];
      for (const args of runs) {
        const r = await guarded(args);
        expect([0, 1], `${args[0]}: ${r.stderr}`).toContain(r.code);
        expect(r.attempts, `${args[0]} tried to connect out`).toBe("");
      }
    }, 120_000);
  }
});
