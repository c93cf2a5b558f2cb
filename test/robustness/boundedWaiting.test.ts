// Bounded waiting and memory: a hung endpoint costs a sample at most --timeout (retries included), a runaway
// response is abandoned at a bound its max_tokens implies, and `serve` refuses what it cannot queue.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DetectionInput, Detector, Prediction } from "../../src/models/Detector.js";
import { createDetector } from "../../src/models/registry.js";
import { getPrompt } from "../../src/prompts/index.js";
import { ChatServer } from "../../src/serve/index.js";
import { cli } from "../helpers/cli.js";
import { startFaultServer, type FaultServer } from "../helpers/faultServer.js";

let faults: FaultServer;
let flood: Server;
let floodUrl: string;
let floodBytes = 0;

beforeAll(async () => {
  faults = await startFaultServer({ slowMs: 5000, faults: (_n, body) => (JSON.stringify(body?.messages ?? "").includes("hang") ? "slow-first-byte" : "ok") });
  // One event that never ends: `data: {"choices":[{"delta":{"content":"aaaa…` streamed until the client leaves.
  flood = createServer((req, res) => {
    if (req.url?.endsWith("/models")) return void res.end(JSON.stringify({ object: "list", data: [{ id: "flood", object: "model" }] }));
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write('data: {"choices":[{"delta":{"content":"');
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!res.destroyed && floodBytes < 400 * 1024 ** 2) {
        floodBytes += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    res.on("close", () => undefined);
    pump();
  });
  await new Promise<void>((resolve) => flood.listen(0, "127.0.0.1", resolve));
  floodUrl = `http://127.0.0.1:${(flood.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  await faults.close();
  flood.closeAllConnections();
  await new Promise((resolve) => flood.close(resolve));
});

describe("bounded waiting", () => {
  it("a hung endpoint costs a sample at most its timeout, retries included", async () => {
    const detector = await createDetector("openai:fault-model", { baseUrl: faults.url, timeoutMs: 700, maxRetries: 3, retryDelayMs: 5 });
    try {
      const t0 = performance.now();
      const p = await detector.detect({ id: "h", language: "python", code: "# hang\nx = 1\n" });
      const ms = performance.now() - t0;
      expect(p.error).toMatch(/^timeout: /);
      // Four attempts of 700 ms each would take 2.8 s.
      expect(ms).toBeLessThan(1400);
    } finally {
      await detector.close();
    }
  });

  it("a runaway response (one endless event) is abandoned at a bound, not read whole", async () => {
    const detector = await createDetector("openai:flood", { baseUrl: floodUrl, timeoutMs: 60_000, maxRetries: 0 });
    try {
      const p = await detector.detect({ id: "f", language: "python", code: "x = 1\n" });
      expect(p.error).toMatch(/^protocol: .*response over \d+ bytes/);
      // The server was cut off long before its 400 MB (what it wrote includes socket buffers).
      expect(floodBytes).toBeLessThan(64 * 1024 ** 2);
    } finally {
      await detector.close();
    }
  }, 60_000);

  it("--timeout is checked like every other option", async () => {
    expect((await cli(["predict", "--model", "embedded", "--input", "x.jsonl", "--output", "y.jsonl", "--timeout", "0"])).code).toBe(2);
    expect((await cli(["eval", "--model", "embedded", "--data", "x.jsonl", "--timeout", "soon"])).code).toBe(2);
  });
});

/** A detector that takes `ms` per sample (asynchronously), like a model behind a slow server. */
function slowDetector(ms: number): Detector & { started: number } {
  const d = {
    id: "slow",
    backend: "embedded" as const,
    started: 0,
    digest: async () => "slow",
    preflight: async () => {},
    versions: () => ({}),
    close: async () => {},
    async detect(input: DetectionInput, options?: { signal?: AbortSignal }): Promise<Prediction> {
      d.started++;
      await new Promise((r) => setTimeout(r, ms));
      options?.signal?.throwIfAborted();
      return { id: input.id, vulnerable: false, cwe: null, confidence: 0.9, lines: [], latency_ms: ms, model: "slow" };
    },
  };
  return d;
}

describe("serve bounds its queue and the code it accepts", () => {
  it("answers 503 when full, 413 for oversized code, and keeps /health answering", async () => {
    const detector = slowDetector(400);
    const server = new ChatServer(detector, { port: 0, modelName: "slow", maxConcurrent: 1, maxQueue: 2, maxCodeBytes: 50_000 });
    const url = await server.listen();
    try {
      const ask = (code: string) =>
        fetch(`${url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "slow", messages: getPrompt("chat-json-v1").render({ language: "python", code }) }) });
      const pending = Array.from({ length: 8 }, (_, i) => ask(`x = ${i}\n`));
      await new Promise((r) => setTimeout(r, 50));
      const t0 = performance.now();
      expect((await fetch(url.replace(/\/v1$/, "/health"))).status).toBe(200);
      expect(performance.now() - t0).toBeLessThan(300);
      const statuses = (await Promise.all(pending)).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 200, 503, 503, 503, 503, 503]);
      expect(detector.started).toBe(3);
      const big = await ask("x = 1\n".repeat(20_000));
      expect(big.status).toBe(413);
    } finally {
      await server.close();
    }
  });
});
