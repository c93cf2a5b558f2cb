// Item 2 of issue #9: an experiment against a fault-injecting OpenAI-like server on 127.0.0.1. Every
// fault is counted per sample, the run completes, and a failing preflight stops the run before it starts.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusedUrl, startFaultServer, DEFAULT_FAULT_ANSWER, type Fault } from "../helpers/faultServer.js";
import { runBin } from "../helpers/runBin.js";

/** Persistent faults (every attempt fails) and the error kind each must be counted as. */
const PERSISTENT: Array<[string, Fault | "off-schema", RegExp]> = [
  ["reset", "reset", /^connection: /],
  ["timeout", "slow-first-byte", /^timeout: /],
  ["rate-limited", "rate-limit", /^http_429: /],
  ["http-500", "error-500", /^http_500: /],
  ["http-503", "error-503", /^http_503: /],
  ["cut-stream", "truncate", /^truncated: /],
  ["garbage", "garbage", /^protocol: /],
  ["html", "not-json", /^protocol: /],
  ["off-schema", "off-schema", /./],
];
/** Faults that clear on the retry: the sample must succeed. */
const TRANSIENT: Array<[string, Fault]> = [
  ["once-429", "rate-limit"],
  ["once-503", "error-503"],
  ["once-reset", "reset"],
  ["once-cut", "truncate"],
];

let dir: string;
let data: string;
const marker = (body: Record<string, any> | undefined) => /fault:([\w-]+)/.exec(JSON.stringify(body?.messages ?? ""))?.[1];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cwescope-faults-"));
  const names = ["clean-1", ...PERSISTENT.map(([n]) => n), ...TRANSIENT.map(([n]) => n), "clean-2"];
  data = join(dir, "faults.jsonl");
  await writeFile(data, names.map((n, i) => JSON.stringify({ id: `r-${n}`, language: "python", code: `# fault:${n}\ndef f${i}(db, a):\n    return db.execute('SELECT * FROM t WHERE a=' + a)\n`, cwe: "CWE-89" })).join("\n") + "\n");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const spec = (baseUrl: string) =>
  [
    "name: faults",
    "seed: 1",
    "concurrency: 4",
    "models:",
    "  - id: openai:fault-model",
    "    name: faulty",
    `    base_url: ${baseUrl}`,
    "    timeout_ms: 400",
    "    options: {maxRetries: 1, retryDelayMs: 5}",
    "datasets:",
    `  - name: d\n    path: ${data}`,
    "metrics: {bootstrap: 10}",
    "latency: {warmup: 0, samples: 0, throughput_samples: 0}",
    "",
  ].join("\n");

describe("experiment against a faulty OpenAI-compatible server", () => {
  it("counts every fault per sample, recovers the transient ones, and completes", async () => {
    const seen = new Map<string, number>();
    const server = await startFaultServer({
      slowMs: 1500,
      retryAfter: "0.01",
      faults: (_n, body) => {
        const m = marker(body);
        if (!m) return "ok"; // the preflight
        const tries = (seen.get(m) ?? 0) + 1;
        seen.set(m, tries);
        const persistent = PERSISTENT.find(([n]) => n === m);
        if (persistent) return persistent[1] === "off-schema" ? "ok" : persistent[1];
        const transient = TRANSIENT.find(([n]) => n === m);
        return transient && tries === 1 ? transient[1] : "ok";
      },
      answer: (body) => (marker(body) === "off-schema" ? '{"verdict": "maybe", "severity": 11}' : DEFAULT_FAULT_ANSWER),
    });
    try {
      const specFile = join(dir, "faults.yaml");
      await writeFile(specFile, spec(server.url));
      const out = join(dir, "run");
      const r = await runBin(["experiment", specFile, "--out", out]);
      // 9 of 15 failed: far above the 5 % failure limit, so the run is incomplete (exit 2), reports still written.
      expect(r.code, r.stderr).toBe(2);
      const report = JSON.parse(await readFile(join(out, "report.json"), "utf8"));
      expect(report.results[0].n).toBe(2 + PERSISTENT.length + TRANSIENT.length);
      expect(report.results[0].metrics.failed).toBe(PERSISTENT.length);
      expect(report.results[0].metrics.incomplete).toBe(true);
      const preds = (await readFile(join(out, "predictions", "faulty--d.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
      const byId = new Map(preds.map((p) => [p.id, p]));
      for (const [name, , kind] of PERSISTENT) {
        const p = byId.get(`r-${name}`)!;
        expect(p.error, name).toMatch(kind);
        expect(p.vulnerable, name).toBe(false);
      }
      for (const name of ["clean-1", "clean-2", ...TRANSIENT.map(([n]) => n)]) {
        const p = byId.get(`r-${name}`)!;
        expect(p.error, `${name}: ${p.error}`).toBeUndefined();
        expect(p.vulnerable).toBe(true);
      }
      // Each transient fault cost exactly one retry.
      for (const [name] of TRANSIENT) expect(seen.get(name), name).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${PERSISTENT.length} sample\\(s\\) failed`));
    } finally {
      await server.close();
    }
  }, 60_000);

  it("does not start when the preflight fails: refused connection, or a server whose completions fail", async () => {
    const refused = join(dir, "refused.yaml");
    await writeFile(refused, spec(await refusedUrl()));
    const r1 = await runBin(["experiment", refused, "--out", join(dir, "run-refused")]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/preflight/);
    expect(existsSync(join(dir, "run-refused", "report.json"))).toBe(false);

    const server = await startFaultServer({ faults: () => "error-500" });
    try {
      const broken = join(dir, "broken.yaml");
      await writeFile(broken, spec(server.url));
      const r2 = await runBin(["experiment", broken, "--out", join(dir, "run-broken")]);
      expect(r2.code).toBe(2);
      expect(r2.stderr).toMatch(/preflight.*http_500/);
      // Only the preflight's own requests reached the server: no record was sent.
      expect(server.chatRequests().every((q) => !marker(q.body))).toBe(true);
      expect(existsSync(join(dir, "run-broken", "report.json"))).toBe(false);
    } finally {
      await server.close();
    }
  }, 60_000);
});
