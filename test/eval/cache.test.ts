import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PredictionCache, cacheKey } from "../../src/eval/PredictionCache.js";

const pred = (over = {}) => ({ id: "r1", vulnerable: true, cwe: "CWE-89", confidence: 0.9, lines: [3], latency_ms: 5, model: "m", ...over });

describe("PredictionCache", () => {
  it("persists across instances, keys on digest + prompt + record, and never stores errors", () => {
    const file = join(mkdtempSync(join(tmpdir(), "cwescope-cache-")), "c.sqlite");
    const k = cacheKey("digest-a", "prompt-1", "rec-1");
    expect(k).not.toBe(cacheKey("digest-b", "prompt-1", "rec-1"));
    expect(k).not.toBe(cacheKey("digest-a", "prompt-2", "rec-1"));
    const c1 = new PredictionCache(file);
    expect(c1.put(k, pred())).toBe(true);
    expect(c1.put(k, pred({ confidence: 0.1 }))).toBe(false);
    expect(c1.put(cacheKey("d", "p", "r"), pred({ error: "timeout: 30000 ms" }))).toBe(false);
    c1.close();
    const c2 = new PredictionCache(file);
    expect(c2.get(k)).toMatchObject({ confidence: 0.9, cwe: "CWE-89" });
    expect(c2.count()).toBe(1);
    c2.close();
  });
});

describe("PredictionCache opened while another process holds the lock", () => {
  it("waits for it instead of failing with 'database is locked'", async () => {
    const { spawn } = await import("node:child_process");
    const file = join(mkdtempSync(join(tmpdir(), "cwescope-cache-lock-")), "c.sqlite");
    // Another run holds an exclusive lock on the fresh cache for 6 s (longer than SQLite's default 5 s wait).
    const holder = `const Sqlite = (await import("module")).createRequire(${JSON.stringify(import.meta.url)})("better-sqlite3");
      const db = new Sqlite(process.argv[1]);
      db.exec("BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS other (x); INSERT INTO other VALUES (1);");
      console.log("locked");
      setTimeout(() => { db.exec("COMMIT"); db.close(); }, 6000);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", holder, file], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.on("data", (d) => String(d).includes("locked") && resolve()));
    const cache = new PredictionCache(file);
    expect(cache.put(cacheKey("d", "p", "r"), pred())).toBe(true);
    cache.close();
    await new Promise((resolve) => child.on("close", resolve));
  }, 60_000);
});

describe("two experiments on one --out at once", () => {
  it("cooperate: both finish, share the cache, and leave whole reports", async () => {
    const { runBin } = await import("../helpers/runBin.js");
    const { readFileSync, writeFileSync } = await import("node:fs");
    const dir = mkdtempSync(join(tmpdir(), "cwescope-two-runs-"));
    const data = join(dir, "d.jsonl");
    writeFileSync(data, Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: `r${i}`, language: "python", code: `import os\ndef f${i}(x):\n    os.system(x + "${i}")\n`, cwe: i % 2 ? "CWE-78" : null })).join("\n") + "\n");
    const spec = join(dir, "s.yaml");
    writeFileSync(spec, `name: two\nmodels:\n  - id: embedded\ndatasets:\n  - {name: d, path: "${data}"}\nmetrics: {bootstrap: 10}\nlatency: {warmup: 0, samples: 0, throughput_samples: 0}\n`);
    const out = join(dir, "out");
    const [a, b] = await Promise.all([runBin(["experiment", spec, "--out", out]), runBin(["experiment", spec, "--out", out])]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.results[0]).toMatchObject({ n: 12, metrics: { failed: 0 } });
    const cache = new PredictionCache(join(out, "cache.sqlite"));
    expect(cache.count()).toBe(12);
    cache.close();
  }, 120_000);
});
