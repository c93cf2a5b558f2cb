// The llamacpp backend: a GGUF run in-process, every answer constrained by a grammar built from the prompt.
import { boundedAnswerSchema, maxJsonAnswerChars, type Prompt } from "../../prompts/index.js";
import { sha256 } from "../../util/hash.js";
import type { ChatRequest, ChatResult, DetectOptions, DetectionInput, Detector, Prediction } from "../Detector.js";
import { languageModelPrediction } from "../languageModelPrediction.js";
import { fileDigest } from "./fileDigest.js";
import { ContextOverflowError, type GenerateResult, type LlamaCppEngine } from "./LlamaCppEngine.js";
import { nodeLlamaCppVersion } from "./packageVersion.js";

export interface LlamaCppDetectorSettings {
  prompt: Prompt;
  stripComments: boolean;
  /** Per-sample time limit in milliseconds; `0` for none. */
  timeoutMs: number;
}

export class LlamaCppDetector implements Detector {
  readonly backend = "llamacpp" as const;
  readonly promptId: string;
  readonly promptHash: string;

  constructor(
    readonly id: string,
    readonly engine: LlamaCppEngine,
    private readonly settings: LlamaCppDetectorSettings,
  ) {
    this.promptId = settings.prompt.id;
    this.promptHash = settings.prompt.hash;
  }

  async digest(): Promise<string> {
    const weights = await fileDigest(this.engine.path);
    const lora = await Promise.all(this.engine.lora.map(async (a) => ({ weights: await fileDigest(a.path), scale: a.scale })));
    return sha256(JSON.stringify({ backend: this.backend, weights, ...(lora.length ? { lora } : {}), prompt: this.promptHash, stripComments: this.settings.stripComments, version: nodeLlamaCppVersion() }));
  }

  async preflight(options: DetectOptions = {}): Promise<void> {
    // Building the grammar and generating one constrained answer proves the model, template and grammar work.
    const result = await this.detect({ id: "preflight", language: "python", code: "print('ok')" }, options);
    if (result.error?.startsWith("llamacpp:")) throw new Error(`llamacpp preflight failed: ${result.error}`);
  }

  async detect(input: DetectionInput, options: DetectOptions = {}): Promise<Prediction> {
    const started = performance.now();
    const prompt = this.settings.prompt;
    const meta = { id: input.id, model: this.id, promptId: prompt.id, promptHash: prompt.hash };
    const signal = withTimeout(options.signal, this.settings.timeoutMs);
    let result: GenerateResult;
    try {
      const messages = prompt.render(input, { stripComments: this.settings.stripComments });
      const lineCount = input.code.split("\n").length;
      const constraint = prompt.constraint;
      const grammar =
        constraint.kind === "json"
          ? await this.engine.jsonGrammar(boundedAnswerSchema(input.code, constraint.schema))
          : await this.engine.choicesGrammar(constraint.choices);
      const maxTokens = constraint.kind === "json" ? maxJsonAnswerChars(lineCount) : prompt.maxAnswerChars + 8;
      result = await this.engine.generate({ messages, grammar, maxTokens, signal });
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      return languageModelPrediction({ ...meta, latencyMs: performance.now() - started }, { ok: false, error: errorText(err, signal) });
    }
    const parsed = prompt.parse(result.text);
    const answer =
      !parsed.ok && result.stopReason === "maxTokens" ? { ok: false as const, error: `length: answer cut at ${result.tokensOut} tokens; ${parsed.error}` } : parsed;
    return languageModelPrediction(
      { ...meta, latencyMs: result.totalMs, ttftMs: result.ttftMs, tokensIn: result.tokensIn, tokensOut: result.tokensOut },
      answer,
    );
  }

  async complete(request: ChatRequest): Promise<ChatResult> {
    const grammar = request.jsonSchema
      ? await this.engine.jsonGrammar(request.jsonSchema)
      : request.choices?.length
        ? await this.engine.choicesGrammar(request.choices)
        : undefined;
    const maxTokens = Math.min(request.maxTokens ?? 1024, Math.max(1, this.engine.contextSize - this.engine.countTokens(request.messages.map((m) => m.content).join("\n"))));
    const result = await this.engine.generate({ messages: request.messages, grammar, maxTokens, temperature: request.temperature, signal: request.signal, onText: request.onText });
    return { text: result.text, tokensIn: result.tokensIn, tokensOut: result.tokensOut, finishReason: result.stopReason === "maxTokens" ? "length" : "stop" };
  }

  versions(): Record<string, string> {
    return { "node-llama-cpp": nodeLlamaCppVersion() };
  }

  async close(): Promise<void> {
    await this.engine.close();
  }
}

function withTimeout(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal | undefined {
  if (!timeoutMs) return signal;
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

function errorText(err: unknown, signal: AbortSignal | undefined): string {
  if (err instanceof ContextOverflowError) return `context: ${err.message}`;
  if (signal?.aborted) return `timeout: no answer in time`;
  return `llamacpp: ${err instanceof Error ? err.message : String(err)}`;
}
