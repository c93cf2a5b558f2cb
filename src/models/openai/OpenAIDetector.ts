// The openai backend: any OpenAI-compatible server (vLLM, Ollama, llama-server, TGI, `cwescope serve`).
import pLimit, { type LimitFunction } from "p-limit";
import { boundedAnswerSchema, type Prompt } from "../../prompts/index.js";
import { sha256 } from "../../util/hash.js";
import { UserError } from "../../util/errors.js";
import type { ChatRequest, ChatResult, DetectOptions, DetectionInput, Detector, Prediction } from "../Detector.js";
import { languageModelPrediction } from "../languageModelPrediction.js";
import type { ChatClient } from "./ChatClient.js";
import { describeError } from "./requestErrors.js";

export interface OpenAIDetectorSettings {
  prompt: Prompt;
  stripComments: boolean;
  concurrency: number;
  maxTokens: number;
  temperature: number;
  /** The API key, only to scrub it from error messages; never stored elsewhere. */
  secret?: string;
}

export class OpenAIDetector implements Detector {
  readonly backend = "openai" as const;
  readonly promptId: string;
  readonly promptHash: string;
  private readonly limit: LimitFunction;
  private fingerprint: string | undefined;

  constructor(
    readonly id: string,
    readonly client: ChatClient,
    private readonly settings: OpenAIDetectorSettings,
  ) {
    this.promptId = settings.prompt.id;
    this.promptHash = settings.prompt.hash;
    this.limit = pLimit(settings.concurrency);
  }

  /** Server, model, prompt and decoding settings; no key, no network. */
  async digest(): Promise<string> {
    const url = new URL(this.client.options.baseUrl);
    const { prompt, stripComments, maxTokens, temperature } = this.settings;
    return sha256(JSON.stringify({ backend: this.backend, server: `${url.origin}${url.pathname}`, model: this.client.options.model, prompt: prompt.hash, stripComments, maxTokens, temperature, structured: this.client.options.structured ?? "auto" }));
  }

  /** `/v1/models` must answer and list the model (when it lists any), then one tiny completion must succeed. */
  async preflight(options: DetectOptions = {}): Promise<void> {
    const where = this.client.options.baseUrl;
    let models: string[];
    try {
      models = await this.client.listModels(options.signal);
    } catch (err) {
      throw new UserError(`openai preflight: ${where}/models failed: ${describeError(err, this.settings.secret)}`);
    }
    const model = this.client.options.model;
    if (models.length && !models.includes(model))
      throw new UserError(`openai preflight: ${where} does not serve "${model}"; it lists: ${models.slice(0, 20).join(", ")}`);
    try {
      const answer = await this.client.chat({ messages: [{ role: "user", content: "Reply with: ok" }], maxTokens: 2, temperature: 0, signal: options.signal });
      this.fingerprint = answer.fingerprint;
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw new UserError(`openai preflight: a one-token completion from "${model}" at ${where} failed: ${describeError(err, this.settings.secret)}`);
    }
  }

  detect(input: DetectionInput, options: DetectOptions = {}): Promise<Prediction> {
    return this.limit(() => this.detectNow(input, options));
  }

  private async detectNow(input: DetectionInput, options: DetectOptions): Promise<Prediction> {
    const { prompt } = this.settings;
    const meta = { id: input.id, model: this.id, promptId: prompt.id, promptHash: prompt.hash };
    const started = performance.now();
    try {
      const constraint = prompt.constraint;
      const answer = await this.client.chat({
        messages: prompt.render(input, { stripComments: this.settings.stripComments }),
        jsonSchema: constraint.kind === "json" ? boundedAnswerSchema(input.code, constraint.schema) : undefined,
        choices: constraint.kind === "choices" ? constraint.choices : undefined,
        maxTokens: this.settings.maxTokens,
        temperature: this.settings.temperature,
        signal: options.signal,
      });
      const parsed = prompt.parse(answer.text);
      const result = !parsed.ok && answer.finishReason === "length" ? { ok: false as const, error: `length: answer cut at max_tokens; ${parsed.error}` } : parsed;
      const prediction = languageModelPrediction({ ...meta, latencyMs: answer.latencyMs, ttftMs: answer.ttftMs, tokensIn: answer.tokensIn, tokensOut: answer.tokensOut }, result);
      return answer.attempts > 1 ? { ...prediction, attempts: answer.attempts } : prediction;
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      return languageModelPrediction({ ...meta, latencyMs: performance.now() - started }, { ok: false, error: describeError(err, this.settings.secret) });
    }
  }

  /** Proxy chat messages to the server (lets `cwescope serve` front another server). */
  async complete(request: ChatRequest): Promise<ChatResult> {
    const answer = await this.client.chat({
      messages: request.messages,
      jsonSchema: request.jsonSchema,
      choices: request.choices,
      maxTokens: request.maxTokens ?? this.settings.maxTokens,
      temperature: request.temperature ?? this.settings.temperature,
      signal: request.signal,
      onText: request.onText,
    });
    return { text: answer.text, tokensIn: answer.tokensIn ?? 0, tokensOut: answer.tokensOut ?? 0, finishReason: answer.finishReason === "length" ? "length" : "stop" };
  }

  versions(): Record<string, string> {
    return { openai: "6", server_model: this.client.options.model, ...(this.fingerprint ? { server_fingerprint: this.fingerprint } : {}) };
  }

  async close(): Promise<void> {
    this.limit.clearQueue();
  }
}
