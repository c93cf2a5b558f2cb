// cwescope's own overhead per request, measured against bare loops in the same run:
//  - llamacpp: LlamaCppDetector.detect vs a bare node-llama-cpp LlamaChat loop (same model, prompt, grammar)
//  - openai:   OpenAIDetector.detect vs a bare fetch loop against the same local server (streamed).
// Run: npx vite-node bench/backends.ts [--n 40]. Figures are medians; paired differences cancel load drift.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDetector } from "../src/models/registry.js";
import { languageModelPrediction } from "../src/models/languageModelPrediction.js";
import { LlamaCppEngine } from "../src/models/llamacpp/index.js";
import { boundedAnswerSchema, getPrompt } from "../src/prompts/index.js";
import { startFaultServer } from "../test/helpers/faultServer.js";
import { writeTinyGguf } from "../test/helpers/tinyGguf.js";

const n = Number(process.argv[process.argv.indexOf("--n") + 1]) || 40;
const code = "const q = req.query.id;\ndb.query('SELECT * FROM users WHERE id=' + q);\n";
const input = { id: "bench", language: "javascript" as const, code };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Alternate the two loops request by request so machine load drifts hit both alike. */
async function compare(bareLabel: string, bare: () => Promise<unknown>, oursLabel: string, ours: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await bare(); // warm up
    await ours();
  }
  const b: number[] = [];
  const o: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const [run, into] of i % 2 ? ([[ours, o], [bare, b]] as const) : ([[bare, b], [ours, o]] as const)) {
      const t = performance.now();
      await run();
      into.push(performance.now() - t);
    }
  }
  const diffs = b.map((x, i) => o[i] - x);
  console.log(`  ${bareLabel.padEnd(36)} median ${median(b).toFixed(3)} ms/request`);
  console.log(`  ${oursLabel.padEnd(36)} median ${median(o).toFixed(3)} ms/request`);
  console.log(`  overhead (median of paired differences): ${median(diffs).toFixed(3)} ms/request; ratio of medians ${(median(o) / median(b)).toFixed(3)}`);
}

/** cwescope's own CPU work per request, outside the model and the network, timed directly. */
function ownWork(label: string, work: () => unknown, iterations = 2000): void {
  for (let i = 0; i < 100; i++) work();
  const t = performance.now();
  for (let i = 0; i < iterations; i++) work();
  console.log(`  ${label.padEnd(36)} ${((performance.now() - t) / iterations).toFixed(4)} ms/request`);
}

async function benchLlamaCpp(path: string): Promise<void> {
  console.log(`llamacpp (tiny GGUF, 1 thread, 1 sequence, study-instruction-v1, n=${n})`);
  const prompt = getPrompt("study-instruction-v1");
  const engine = await LlamaCppEngine.open(path, { threads: 1, sequences: 1 });
  const grammar = await engine.choicesGrammar(prompt.constraint.kind === "choices" ? prompt.constraint.choices : []);
  const messages = prompt.render(input);
  const { LlamaChat } = await import("node-llama-cpp");
  const context = await engine.model.createContext({ sequences: 1, contextSize: engine.contextSize, threads: 1 });
  const chat = new LlamaChat({ contextSequence: context.getSequence(), chatWrapper: engine.chatWrapper });
  const history = [
    { type: "system" as const, text: messages[0].content },
    { type: "user" as const, text: messages[1].content },
    { type: "model" as const, response: [] },
  ];
  const detector = await createDetector(`llamacpp:${path}`, { threads: 1, concurrency: 1, prompt: prompt.id });
  await compare(
    "bare node-llama-cpp LlamaChat loop",
    () => chat.generateResponse(history, { grammar, maxTokens: prompt.maxAnswerChars + 8 }),
    "cwescope LlamaCppDetector.detect",
    () => detector.detect(input),
  );
  ownWork("own work: render+parse+record", () => {
    prompt.render(input);
    return languageModelPrediction({ id: "b", model: "m", latencyMs: 1, promptId: prompt.id, promptHash: prompt.hash }, prompt.parse("CWE-89"));
  });
  await detector.close();
  await context.dispose();
  await engine.close();
}

async function benchOpenAI(): Promise<void> {
  console.log(`openai (local SSE server on 127.0.0.1, chat-json-v1, n=${n})`);
  const server = await startFaultServer({ modelName: "bench" });
  const prompt = getPrompt("chat-json-v1");
  const body = JSON.stringify({
    model: "bench",
    messages: prompt.render(input),
    stream: true,
    stream_options: { include_usage: true },
    max_tokens: 512,
    temperature: 0,
    response_format: { type: "json_schema", json_schema: { name: "a", strict: true, schema: boundedAnswerSchema(code) } },
  });
  const detector = await createDetector("openai:bench", { baseUrl: server.url, concurrency: 1, prompt: prompt.id });
  const bare = async () => {
    const res = await fetch(`${server.url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body });
    let text = "";
    for (const line of (await res.text()).split("\n")) {
      if (line.startsWith("data: {")) text += JSON.parse(line.slice(6)).choices[0]?.delta?.content ?? "";
    }
    return JSON.parse(text);
  };
  await compare("bare fetch + SSE read loop", bare, "cwescope OpenAIDetector.detect", () => detector.detect(input));
  const answer = '{"vulnerable": true, "cwe": "CWE-89", "lines": [2], "reason": "concatenated query"}';
  ownWork("own work: render+schema+parse+record", () => {
    prompt.render(input);
    boundedAnswerSchema(code);
    return languageModelPrediction({ id: "b", model: "m", latencyMs: 1, promptId: prompt.id, promptHash: prompt.hash }, prompt.parse(answer));
  });
  await detector.close();
  await server.close();
}

const dir = await mkdtemp(join(tmpdir(), "cwescope-bench-"));
try {
  const { path } = await writeTinyGguf(join(dir, "tiny.gguf"), { seed: 1 });
  await benchLlamaCpp(path);
  await benchOpenAI();
} finally {
  await rm(dir, { recursive: true, force: true });
}
