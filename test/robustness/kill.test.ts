// Item 3 of issue #9: SIGKILL an experiment at seeded random points, rerun it, and get the same report as
// an uninterrupted run: no result lost, none computed twice, nothing duplicated in the cache.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadJsonl } from "../../src/data/jsonl.js";
import { DatasetRecordSchema, type DatasetRecord } from "../../src/data/record.js";
import { sha256 } from "../../src/util/hash.js";
import { createRng } from "../../src/util/random.js";
import { startFaultServer, type FaultServer } from "../helpers/faultServer.js";
import { runBin, startBin } from "../helpers/runBin.js";

const N = 30;
const KILL_POINTS = 3;
let dir: string;
let records: DatasetRecord[];
let server: FaultServer;
let specFile: string;

/** Which record a chat request is about: prompts fence code in a tag named after its digest. */
const recordOf = (body: Record<string, any> | undefined) => {
  const tag = /<code-([0-9a-f]{10}) /.exec(JSON.stringify(body?.messages ?? ""))?.[1];
  return tag ? records.find((r) => sha256(r.code).startsWith(tag)) : undefined;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cwescope-kill-"));
  records = (await loadJsonl("data/python/test.jsonl", DatasetRecordSchema)).slice(0, N);
  const data = join(dir, "d.jsonl");
  await writeFile(data, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  // A deterministic "model" that takes ~40 ms a sample, so a kill lands mid-run.
  server = await startFaultServer({
    slowMs: 40,
    faults: (_n, body) => (recordOf(body) ? "slow-first-byte" : "ok"),
    answer: (body) => {
      const r = recordOf(body);
      const vulnerable = r ? r.code.length % 3 !== 0 : false;
      return JSON.stringify({ vulnerable, cwe: vulnerable ? "CWE-89" : null, lines: [1], reason: "fixed by the test" });
    },
  });
  specFile = join(dir, "kill.yaml");
  await writeFile(
    specFile,
    [
      "name: kill",
      "seed: 3",
      "concurrency: 2",
      "models:",
      "  - id: openai:fault-model",
      "    name: slow",
      `    base_url: ${server.url}`,
      "  - id: embedded",
      "datasets:",
      `  - name: d\n    path: ${data}`,
      "metrics: {bootstrap: 50}",
      "latency: {warmup: 0, samples: 3, throughput_samples: 0}",
      "",
    ].join("\n"),
  );
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const cacheRows = (out: string): number => {
  const file = join(out, "cache.sqlite");
  if (!existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM predictions").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // created but not yet initialised
  }
};

/** The report with what legitimately differs between runs taken out: timestamps, latency, cache counts. */
async function comparable(out: string) {
  const report = JSON.parse(await readFile(join(out, "report.json"), "utf8"));
  delete report.manifest.created;
  for (const r of report.results) {
    delete r.latency;
    delete r.latency_samples_ms;
    delete r.cached;
    delete r.computed;
  }
  return report;
}

async function predictionIds(out: string, name: string): Promise<string[]> {
  return (await readFile(join(out, "predictions", name), "utf8")).trim().split("\n").map((l) => JSON.parse(l).id);
}

describe("killing an experiment", () => {
  it(`resumes after SIGKILL at ${KILL_POINTS} seeded points with nothing lost, duplicated or recomputed`, async () => {
    const reference = join(dir, "reference");
    const ref = await runBin(["experiment", specFile, "--out", reference]);
    expect(ref.code, ref.stderr).toBe(0);
    const expected = await comparable(reference);
    expect(cacheRows(reference)).toBe(2 * N);

    const rng = createRng(20240909);
    for (let point = 0; point < KILL_POINTS; point++) {
      const k = 2 + Math.floor(rng() * (N - 4)); // rows of the slow model in the cache when we kill
      const out = join(dir, `killed-${point}`);
      server.requests.length = 0;
      const { child, done } = startBin(["experiment", specFile, "--out", out]);
      while (cacheRows(out) < k && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
      child.kill("SIGKILL");
      const killed = await done;
      expect(killed.signal, `kill point ${k}: the run ended before the kill`).toBe("SIGKILL");
      const before = cacheRows(out);
      expect(before).toBeGreaterThanOrEqual(k);
      expect(before).toBeLessThan(N);
      const answeredBefore = new Set(server.requests.map((q) => recordOf(q.body)?.id).filter(Boolean));

      server.requests.length = 0;
      const resumed = await runBin(["experiment", specFile, "--out", out]);
      expect(resumed.code, resumed.stderr).toBe(0);
      const asked = server.chatRequests().map((q) => recordOf(q.body)?.id).filter((id): id is string => Boolean(id));
      const latencyPass = 3;
      // Every record asked again was not committed before the kill; none asked twice in the rerun.
      expect(asked.length).toBe(N - before + latencyPass);
      expect(new Set(asked.slice(0, N - before)).size).toBe(N - before);
      expect(answeredBefore.size).toBeGreaterThanOrEqual(before);

      expect(await comparable(out)).toEqual(expected);
      const report = JSON.parse(await readFile(join(out, "report.json"), "utf8"));
      expect(report.results[0]).toMatchObject({ cached: before, computed: N - before });
      expect(cacheRows(out)).toBe(2 * N);
      expect(await predictionIds(out, "slow--d.jsonl")).toEqual(records.map((r) => r.id));
      expect(await predictionIds(out, "embedded--d.jsonl")).toEqual(records.map((r) => r.id));
    }
  }, 120_000);
});
