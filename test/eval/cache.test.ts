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
