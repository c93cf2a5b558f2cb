// The openai backend against real HTTP servers on 127.0.0.1: a fault-injecting one and `cwescope serve`.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PredictionSchema } from "../../../src/data/record.js";
import { createDetector } from "../../../src/models/registry.js";
import type { Detector } from "../../../src/models/Detector.js";
import { ChatServer } from "../../../src/serve/index.js";
import { refusedUrl, startFaultServer, type Fault } from "../../helpers/faultServer.js";
import { writeTinyGguf } from "../../helpers/tinyGguf.js";

const sample = { id: "py-89", language: "python" as const, code: "def q(db, a):\n    return db.execute('SELECT * FROM t WHERE a=' + a)\n" };
const fast = { maxRetries: 2, timeoutMs: 5000, retryDelayMs: 10 };

async function withFaults(faults: Fault[], run: (d: Detector, server: Awaited<ReturnType<typeof startFaultServer>>) => Promise<void>, options: Record<string, unknown> = {}) {
  const server = await startFaultServer({ faults, retryAfter: "0.02" });
  const detector = await createDetector("openai:fault-model", { baseUrl: server.url, ...fast, ...options });
  try {
    await run(detector, server);
  } finally {
    await detector.close();
    await server.close();
  }
}

describe("openai backend against a fault-injecting server", () => {
  it("streams an answer and records latency, time to first token and token usage", async () => {
    await withFaults([], async (detector, server) => {
      const p = await detector.detect(sample);
      expect(PredictionSchema.parse(p)).toMatchObject({ id: "py-89", vulnerable: true, cwe: "CWE-89", lines: [2], tokens_in: 42, tokens_out: 7, prompt_id: "chat-json-v2" });
      expect(p.ttft_ms).toBeLessThanOrEqual(p.latency_ms);
      const body = server.chatRequests()[0].body!;
      expect(body.stream).toBe(true);
      expect(body.response_format.type).toBe("json_schema");
      expect(body.response_format.json_schema.schema.properties.lines.items.enum).toEqual([1, 2, 3]);
    });
  });

  it("waits as long as retry-after-ms says before retrying a 429", async () => {
    const server = await startFaultServer({ faults: ["rate-limit"], retryAfter: "10", retryAfterMs: "300" });
    const detector = await createDetector("openai:fault-model", { baseUrl: server.url, retryDelayMs: 1 });
    const p = await detector.detect(sample);
    await server.close();
    expect(p.error).toBeUndefined();
    expect(p.latency_ms).toBeGreaterThanOrEqual(300);
  });

  it("retries 429 honouring retry-after, and 5xx, then answers", async () => {
    await withFaults(["rate-limit", "error-500", "error-503"], async (detector, server) => {
      const p = await detector.detect(sample);
      expect(p.error).toBeUndefined();
      expect(p.attempts).toBe(4);
      expect(server.chatRequests().map((r) => r.fault)).toEqual(["rate-limit", "error-500", "error-503", "ok"]);
    }, { maxRetries: 3 });
  });

  it("gives up after the retries with a counted http_<status> error", async () => {
    await withFaults(["error-500", "error-500", "error-500", "error-500"], async (detector, server) => {
      const p = await detector.detect(sample);
      expect(p).toMatchObject({ vulnerable: false, error: expect.stringMatching(/^http_500: /) });
      expect(server.chatRequests()).toHaveLength(3);
    });
    await withFaults(["error-400"], async (detector, server) => {
      expect((await detector.detect(sample, {})).error).toMatch(/^http_400/);
      expect(server.chatRequests()).toHaveLength(1); // a 400 is not retried, and json_schema was asked for explicitly
    }, { structured: "json_schema" });
  });

  it("retries a truncated stream and a dropped connection", async () => {
    await withFaults(["truncate", "reset"], async (detector, server) => {
      expect((await detector.detect(sample)).error).toBeUndefined();
      expect(server.chatRequests()).toHaveLength(3);
    });
    await withFaults(["truncate", "truncate", "truncate"], async (detector) => {
      expect((await detector.detect(sample)).error).toMatch(/^truncated: /);
    });
  });

  it("turns garbage into a counted protocol error", async () => {
    await withFaults(["garbage", "garbage", "garbage"], async (detector) => {
      expect((await detector.detect(sample)).error).toMatch(/^(protocol|openai): /);
    });
    await withFaults(["not-json", "not-json", "not-json"], async (detector) => {
      expect((await detector.detect(sample)).error).toMatch(/^(protocol|truncated|openai): /);
    });
  });

  it("times out a slow first byte", async () => {
    await withFaults(["slow-first-byte"], async (detector) => {
      const p = await detector.detect(sample);
      expect(p.error).toMatch(/^timeout: /);
    }, { timeoutMs: 200, maxRetries: 0 });
  });

  it("drops response_format for the rest of the run when the server rejects it, and parses the plain answer", async () => {
    await withFaults(["reject-response-format", "reject-response-format"], async (detector, server) => {
      expect((await detector.detect(sample)).cwe).toBe("CWE-89");
      expect((await detector.detect(sample)).cwe).toBe("CWE-89");
      expect(server.chatRequests().map((r) => Boolean(r.body?.response_format))).toEqual([true, false, false]);
    });
  });

  it("reports a refused connection as an error per sample, and preflight fails loudly", async () => {
    const detector = await createDetector("openai:m", { baseUrl: await refusedUrl(), maxRetries: 0 });
    expect((await detector.detect(sample)).error).toMatch(/^connection: /);
    await expect(detector.preflight()).rejects.toThrow(/openai preflight: .*models failed: connection/);
  });

  it("preflight names the served models when the model is missing", async () => {
    await withFaults([], async (_d, server) => {
      const other = await createDetector("openai:llama-70b", { baseUrl: server.url });
      await expect(other.preflight()).rejects.toThrow(/does not serve "llama-70b"; it lists: fault-model/);
    });
  });

  it("reads the key from the environment only, sends it as a bearer token, and never shows it", async () => {
    process.env.CWESCOPE_TEST_KEY = "sk-secret-123";
    try {
      await withFaults(["error-400"], async (detector, server) => {
        const p = await detector.detect(sample);
        expect(server.chatRequests()[0].headers.authorization).toBe("Bearer sk-secret-123");
        expect(JSON.stringify(p)).not.toContain("sk-secret-123");
        expect(await detector.digest()).not.toContain("sk-secret");
        expect(JSON.stringify(detector.versions())).not.toContain("sk-secret");
      }, { apiKeyEnv: "CWESCOPE_TEST_KEY", structured: "none" });
      await expect(createDetector("openai:m", { baseUrl: "http://127.0.0.1:1/v1", apiKeyEnv: "CWESCOPE_UNSET_KEY" })).rejects.toThrow(/CWESCOPE_UNSET_KEY.*not set/);
    } finally {
      delete process.env.CWESCOPE_TEST_KEY;
    }
  });

  it("needs --base-url, and honours an AbortSignal", async () => {
    await expect(createDetector("openai:m", {})).rejects.toThrow(/needs --base-url/);
    await withFaults(["slow-first-byte"], async (detector) => {
      const abort = new AbortController();
      setTimeout(() => abort.abort(new Error("stopped by user")), 50);
      await expect(detector.detect(sample, { signal: abort.signal })).rejects.toThrow(/stopped by user/);
    });
  });

  it("limits requests in flight to the concurrency", async () => {
    let inFlight = 0;
    let peak = 0;
    const server = await startFaultServer({
      faults: () => {
        peak = Math.max(peak, ++inFlight);
        setTimeout(() => inFlight--, 30);
        return "slow-first-byte";
      },
      slowMs: 30,
    });
    const detector = await createDetector("openai:fault-model", { baseUrl: server.url, concurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => detector.detect({ ...sample, id: `s${i}` })));
    await server.close();
    expect(peak).toBeLessThanOrEqual(2);
  });
});

describe("openai backend against cwescope serve (llamacpp, tiny GGUF)", () => {
  let dir: string;
  let server: ChatServer;
  let backend: Detector;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cwescope-openai-"));
    const { path } = await writeTinyGguf(join(dir, "tiny.gguf"), { seed: 5 });
    backend = await createDetector(`llamacpp:${path}`, { threads: 1, concurrency: 2 });
    server = new ChatServer(backend, { port: 0, modelName: "tiny" });
    url = await server.listen();
  });
  afterAll(async () => {
    await server.close();
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const prompt of ["chat-json-v1", "study-instruction-v1", "dozono-binary-v1"]) {
    it(`gets a well-formed answer for every sample (${prompt})`, async () => {
      const detector = await createDetector("openai:tiny", { baseUrl: url, prompt, concurrency: 2 });
      await detector.preflight();
      const codes = [sample.code, "eval(input())\n", "x = 1\n"];
      const predictions = await Promise.all(codes.map((code, i) => detector.detect({ id: `r${i}`, language: "python", code })));
      for (const p of predictions) {
        expect(PredictionSchema.parse(p)).toBeTruthy();
        expect(p.error).toBeUndefined();
        expect(p.tokens_in).toBeGreaterThan(50);
        expect(p.tokens_out).toBeGreaterThan(0);
        expect(p.ttft_ms).toBeLessThanOrEqual(p.latency_ms);
      }
      await detector.close();
    });
  }
});
