// Persistent prediction cache (SQLite, WAL): each finished prediction is committed at once, so a killed
// run resumes with nothing lost and nothing done twice. Errors are never cached.
import type Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { Prediction } from "../data/record.js";
import { sha256 } from "../util/hash.js";

/** The cache key: model digest + prompt hash + record hash. */
export function cacheKey(modelDigest: string, promptHash: string, recordHash: string): string {
  return sha256(`${modelDigest}\n${promptHash}\n${recordHash}`);
}

// Loaded on first use: the native module costs every CLI start ~0.1 s, and only runs that cache need it.
const require = createRequire(import.meta.url);

/** How long an operation waits for another process's lock on the cache. */
const BUSY_TIMEOUT_MS = 30_000;

/** Run `fn`, retrying while SQLite says the database is busy or locked, up to `BUSY_TIMEOUT_MS`. */
function retryBusy<T>(fn: () => T): T {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      return fn();
    } catch (err) {
      const code = (err as { code?: string }).code ?? "";
      if (!code.startsWith("SQLITE_BUSY") && !code.startsWith("SQLITE_LOCKED")) throw err;
      if (Date.now() > deadline) throw new Error(`prediction cache is locked by another process for over ${BUSY_TIMEOUT_MS / 1000} s`, { cause: err });
      Atomics.wait(pause, 0, 0, wait);
    }
  }
}

export class PredictionCache {
  private readonly db: Database.Database;
  private readonly getStmt: Database.Statement<[string], { prediction: string }>;
  private readonly putStmt: Database.Statement<[string, string, string]>;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    const Sqlite = require("better-sqlite3") as typeof Database;
    // Several processes may open one cache at once (runs sharing an --out): wait for each other's locks.
    this.db = new Sqlite(file, { timeout: BUSY_TIMEOUT_MS });
    // Switching a fresh file to WAL can answer SQLITE_BUSY without consulting the busy timeout: retry it.
    retryBusy(() => this.db.pragma("journal_mode = WAL"));
    this.db.pragma("synchronous = NORMAL");
    retryBusy(() =>
      this.db.exec(
        "CREATE TABLE IF NOT EXISTS predictions (key TEXT PRIMARY KEY, model TEXT NOT NULL, prediction TEXT NOT NULL, created TEXT NOT NULL DEFAULT (datetime('now')))",
      ),
    );
    this.getStmt = this.db.prepare("SELECT prediction FROM predictions WHERE key = ?");
    this.putStmt = this.db.prepare("INSERT OR IGNORE INTO predictions (key, model, prediction) VALUES (?, ?, ?)");
  }

  get(key: string): Prediction | undefined {
    const row = this.getStmt.get(key);
    return row ? (JSON.parse(row.prediction) as Prediction) : undefined;
  }

  /** Store a successful prediction; predictions with `error` are refused (never cached). */
  put(key: string, prediction: Prediction): boolean {
    if (prediction.error !== undefined) return false;
    return this.putStmt.run(key, prediction.model, JSON.stringify(prediction)).changes === 1;
  }

  count(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM predictions").get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
