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

export class PredictionCache {
  private readonly db: Database.Database;
  private readonly getStmt: Database.Statement<[string], { prediction: string }>;
  private readonly putStmt: Database.Statement<[string, string, string]>;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    const Sqlite = require("better-sqlite3") as typeof Database;
    this.db = new Sqlite(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS predictions (key TEXT PRIMARY KEY, model TEXT NOT NULL, prediction TEXT NOT NULL, created TEXT NOT NULL DEFAULT (datetime('now')))",
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
