// `cwescope serve`: a real HTTP server on 127.0.0.1 over a tiny GGUF and over a non-chat detector.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import type { Detector, Prediction } from "../../src/models/Detector.js";
import { createDetector } from "../../src/models/registry.js";
import { getPrompt, answerJsonSchema } from "../../src/prompts/index.js";
import { ChatServer } from "../../src/serve/index.js";
import { writeTinyGguf } from "../helpers/tinyGguf.js";

let dir: string;
let gguf: string;
let llama: Detector;
let server: ChatServer;
let url: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cwescope-serve-"));
  gguf = (await writeTinyGguf(join(dir, "tiny.gguf"), { seed: 9 })).path;
  llama = await createDetector(`llamacpp:${gguf}`, { threads: 1, concurrency: 2 });
  server = new ChatServer(llama, { port: 0, modelName: "tiny" });
  url = await server.listen();
});
afterAll(async () => {
  await server.close();
  await llama.close();
  await rm(dir, { recursive: true, force: true });
});

const readJson = async (res: Response): Promise<any> => res.json();
const post = (base: string, body: unknown) => fetch(`${base}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("cwescope serve over llamacpp", () => {
  it("binds to 127.0.0.1 and lists its model", async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const models = await readJson(await fetch(`${url}/models`));
    expect(models).toMatchObject({ object: "list", data: [{ id: "tiny", object: "model" }] });
    expect(await readJson(await fetch(url.replace(/\/v1$/, "/health")))).toMatchObject({ status: "ok" });
  });

  it("answers a json_schema request with JSON that follows the schema", async () => {
    const schema = answerJsonSchema({ maxLine: 3 });
    const res = await post(url, {
      model: "tiny",
      messages: getPrompt("chat-json-v1").render({ language: "python", code: "a\nb\nc" }),
      response_format: { type: "json_schema", json_schema: { name: "a", schema } },
    });
    expect(res.status).toBe(200);
    const data = await readJson(res);
    const answer = JSON.parse(data.choices[0].message.content);
    expect(typeof answer.vulnerable).toBe("boolean");
    expect(answer.lines.every((n: number) => n >= 1 && n <= 3)).toBe(true);
    expect(data.usage.prompt_tokens).toBeGreaterThan(0);
    expect(data.choices[0].finish_reason).toBe("stop");
  });

  it("streams server-sent events ending with [DONE], with usage when asked", async () => {
    const res = await post(url, { model: "tiny", stream: true, stream_options: { include_usage: true }, max_tokens: 20, messages: [{ role: "user", content: "hi" }] });
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = (await res.text()).split("\n\n").filter(Boolean).map((e) => e.replace(/^data: /, ""));
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    expect(chunks.some((c) => c.choices[0]?.finish_reason === "length")).toBe(true);
    expect(chunks.at(-1).usage.completion_tokens).toBe(20);
  });

  it("honours guided_choice", async () => {
    const res = await post(url, { model: "tiny", messages: [{ role: "user", content: "?" }], guided_choice: ["vulnerable", "not vulnerable"] });
    expect(["vulnerable", "not vulnerable"]).toContain((await readJson(res)).choices[0].message.content);
  });

  it("rejects bad requests with OpenAI-style errors", async () => {
    expect((await post(url, { model: "other", messages: [{ role: "user", content: "x" }] })).status).toBe(404);
    const bad = await post(url, { model: "tiny", messages: [] });
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error.message).toMatch(/messages/);
    expect((await fetch(`${url}/chat/completions`, { method: "POST", body: "{nope" })).status).toBe(400);
    expect((await fetch(`${url}/nothing`)).status).toBe(404);
  });
});

/** A detector that is not a chat model: flags code containing `eval`. */
function evalDetector(): Detector {
  return {
    id: "fake-embedded",
    backend: "embedded",
    digest: async () => "fake",
    preflight: async () => undefined,
    detect: async (input): Promise<Prediction> => {
      const line = input.code.split("\n").findIndex((l) => l.includes("eval(")) + 1;
      return { id: input.id, vulnerable: line > 0, cwe: line > 0 ? "CWE-94" : null, confidence: line > 0 ? 0.9 : 0.1, lines: line > 0 ? [line] : [], latency_ms: 1, model: "fake-embedded" };
    },
    versions: () => ({}),
    close: async () => undefined,
  };
}

describe("cwescope serve over a non-chat detector", () => {
  it("runs the detector on the fenced code and answers in the prompt's format", async () => {
    const fake = new ChatServer(evalDetector(), { port: 0 });
    const base = await fake.listen();
    try {
      const code = "x = 1\ny = eval(input())\n";
      for (const [id, expected] of [["study-instruction-v1", "CWE-94"], ["dozono-binary-v1", "vulnerable"]] as const) {
        const res = await post(base, { model: "fake-embedded", messages: getPrompt(id).render({ language: "python", code }) });
        expect((await readJson(res)).choices[0].message.content).toBe(expected);
      }
      const res = await post(base, { model: "fake-embedded", messages: getPrompt("chat-json-v1").render({ language: "python", code }) });
      expect(JSON.parse((await readJson(res)).choices[0].message.content)).toMatchObject({ vulnerable: true, cwe: "CWE-94", lines: [2] });
      // An ordinary chat client: code in a Markdown block, and a message with no code at all.
      const asked = await post(base, { model: "fake-embedded", messages: [{ role: "user", content: "Is this safe?\n\n```python\n" + code + "```\n" }] });
      expect((await readJson(asked)).choices[0].message.content).toBe("CWE-94 (Improper Control of Generation of Code ('Code Injection')) at line 2, confidence 0.90.");
      const hello = await post(base, { model: "fake-embedded", messages: [{ role: "user", content: "hello" }] });
      expect((await readJson(hello)).choices[0].message.content).toMatch(/not a chat model: send Python, JavaScript or TypeScript code in a Markdown code block/);
      const jsonNoCode = await post(base, { model: "fake-embedded", messages: [{ role: "user", content: "hello" }], response_format: { type: "json_object" } });
      expect(jsonNoCode.status).toBe(400);
    } finally {
      await fake.close();
    }
  });

  it("passes an OpenAI client's preflight, so `--model openai:<name> --base-url` reaches it", async () => {
    const fake = new ChatServer(evalDetector(), { port: 0 });
    const base = await fake.listen();
    try {
      const client = await createDetector("openai:fake-embedded", { baseUrl: base });
      await client.preflight();
      expect(await client.detect({ id: "r", language: "javascript", code: "const a = 1;\neval(req.query.x);\n" })).toMatchObject({ vulnerable: true, cwe: "CWE-94", lines: [2] });
      await client.close();
    } finally {
      await fake.close();
    }
  });
});

describe("cwescope serve (command)", () => {
  it("prints its URL, serves, and stops cleanly on SIGINT", async () => {
    const out = new PassThrough();
    let printed = "";
    out.on("data", (d) => (printed += String(d)));
    const exit = runCli(["-q", "serve", "--model", `llamacpp:${gguf}`, "--port", "0", "--threads", "1", "--name", "cli-tiny"], out);
    for (let i = 0; i < 200 && !printed.includes("\n"); i++) await new Promise((r) => setTimeout(r, 50));
    const base = printed.trim();
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect((await readJson(await fetch(`${base}/models`))).data[0].id).toBe("cli-tiny");
    process.emit("SIGINT");
    expect(await exit).toBe(0);
    await expect(fetch(`${base}/models`)).rejects.toThrow();
  });

  it("exits 2 with the known forms for an unknown model id", async () => {
    expect(await runCli(["-q", "serve", "--model", "nope:x", "--port", "0"], new PassThrough())).toBe(2);
  });
});
