// One OpenAI-compatible chat completion, streamed for time to first token, with timeouts, retries honouring
// `retry-after`, and structured-output fallbacks for servers that reject `response_format`.
import OpenAI, { APIUserAbortError } from "openai";
import type { ChatMessage, JsonSchema } from "../../prompts/Prompt.js";
import { ProtocolError, TimeoutError, TruncatedStreamError, httpStatus, isRetryable } from "./requestErrors.js";
import { readSse } from "./readSse.js";
import { DEFAULT_RETRY, retryDelayMs, sleep, type RetryPolicy } from "./retryDelay.js";

/**
 * How the answer's shape is requested: `json_schema` (OpenAI `response_format`), `guided_json` (vLLM's extra
 * body field), `none` (robust parsing only), or `auto` (`json_schema`, dropped for the rest of the run when
 * the server rejects it). Closed answers (`none`/`vulnerable`…) go as vLLM's `guided_choice` in `auto` and
 * `guided_json` modes.
 */
export type StructuredMode = "auto" | "json_schema" | "guided_json" | "none";

export interface ChatClientOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  /**
   * Limit for one chat call in milliseconds, retries and their waits included: a hung or failing endpoint
   * costs a sample at most this long. Defaults to `120000`.
   */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  structured?: StructuredMode;
  /** Custom fetch (tests, proxies). Defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface ChatCall {
  messages: readonly ChatMessage[];
  jsonSchema?: JsonSchema;
  choices?: readonly string[];
  maxTokens: number;
  temperature: number;
  signal?: AbortSignal;
  onText?: (text: string) => void;
}

export interface ChatAnswer {
  text: string;
  /** From the start of the successful attempt to its first content token. */
  ttftMs: number;
  /** From the first attempt to the end of the stream, retries included. */
  latencyMs: number;
  tokensIn?: number;
  tokensOut?: number;
  finishReason: string;
  attempts: number;
  fingerprint?: string;
}

/** Most answer characters `maxTokens` tokens can carry (a token is at most a few dozen characters). */
export function responseCharBound(maxTokens: number): number {
  return 4096 + 32 * maxTokens;
}

/** Most response bytes read for `maxTokens` tokens: one event per token, each with its JSON envelope. */
export function responseByteBound(maxTokens: number): number {
  return 64 * 1024 + 2048 * maxTokens;
}

export class ChatClient {
  readonly sdk: OpenAI;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private structured: StructuredMode;
  private streamOptions = true;

  constructor(readonly options: ChatClientOptions) {
    this.sdk = new OpenAI({ apiKey: options.apiKey ?? "none", baseURL: options.baseUrl, maxRetries: 0, timeout: 24 * 3600_000, fetch: options.fetch });
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.structured = options.structured ?? "auto";
  }

  /** The structured-output mode in force (`auto` becomes `none` after a server rejected `response_format`). */
  get structuredMode(): StructuredMode {
    return this.structured;
  }

  async chat(call: ChatCall): Promise<ChatAnswer> {
    const started = performance.now();
    const deadline = started + this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await this.attempt(call, deadline - performance.now());
        return { ...answer, latencyMs: performance.now() - started, attempts: attempt + 1 };
      } catch (err) {
        if (call.signal?.aborted) throw call.signal.reason;
        if (this.downgrade(err)) continue;
        if (!isRetryable(err) || attempt >= this.retry.maxRetries) throw err;
        // Retries are paid from the same budget: a wait that would outlast it ends the call now.
        const wait = retryDelayMs(err, attempt, this.retry);
        if (performance.now() + wait >= deadline) throw err;
        await sleep(wait, call.signal);
      }
    }
  }

  /** After a 400/422 caused by an optional extra, drop it for the rest of the run and try again. */
  private downgrade(err: unknown): boolean {
    const status = httpStatus(err);
    if (status !== 400 && status !== 422) return false;
    const message = err instanceof Error ? err.message : "";
    if (this.streamOptions && /stream_options|include_usage/i.test(message)) {
      this.streamOptions = false;
      return true;
    }
    if (this.structured !== "auto") return false;
    this.structured = "none";
    return true;
  }

  private body(call: ChatCall): Record<string, unknown> {
    const body: Record<string, unknown> = {
      model: this.options.model,
      messages: call.messages,
      max_tokens: call.maxTokens,
      temperature: call.temperature,
      stream: true,
    };
    if (this.streamOptions) body.stream_options = { include_usage: true };
    if (call.jsonSchema && (this.structured === "auto" || this.structured === "json_schema"))
      body.response_format = { type: "json_schema", json_schema: { name: "cwescope_answer", strict: true, schema: call.jsonSchema } };
    if (this.structured === "guided_json" && call.jsonSchema) body.guided_json = call.jsonSchema;
    if ((this.structured === "auto" || this.structured === "guided_json") && !call.jsonSchema && call.choices) body.guided_choice = call.choices;
    return body;
  }

  private async attempt(call: ChatCall, budgetMs: number): Promise<Omit<ChatAnswer, "latencyMs" | "attempts">> {
    // One controller per attempt: what is left of the call's time budget and the caller's signal both abort it.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new TimeoutError(`no complete answer within ${this.timeoutMs} ms`)), Math.max(0, budgetMs));
    const forward = () => abort.abort(call.signal!.reason);
    call.signal?.addEventListener("abort", forward, { once: true });
    const started = performance.now();
    let ttft: number | undefined;
    let text = "";
    let finishReason: string | undefined;
    let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
    let fingerprint: string | undefined;
    let events = 0;
    let done: boolean;
    try {
      // The SDK builds the request and turns HTTP errors into typed errors; the stream is read here.
      const response = await this.sdk.chat.completions.create(this.body(call) as never, { signal: abort.signal }).asResponse();
      // A response is read only up to a bound its max_tokens implies: a runaway stream cannot fill memory.
      const maxChars = responseCharBound(call.maxTokens);
      done = await readSse(response.body, (chunk) => {
        events++;
        if (chunk.error) throw new ProtocolError(`server error in stream: ${JSON.stringify(chunk.error).slice(0, 200)}`);
        const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
        const piece: unknown = choice?.delta?.content ?? choice?.message?.content;
        if (typeof piece === "string" && piece.length) {
          ttft ??= performance.now() - started;
          text += piece;
          if (text.length > maxChars) throw new ProtocolError(`answer longer than max_tokens ${call.maxTokens} allows (${maxChars} characters)`);
          call.onText?.(piece);
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (chunk.usage) usage = chunk.usage;
        if (typeof chunk.system_fingerprint === "string") fingerprint = chunk.system_fingerprint;
      }, { maxBytes: responseByteBound(call.maxTokens) });
    } catch (err) {
      if (abort.signal.aborted) throw abort.signal.reason;
      if (err instanceof APIUserAbortError && call.signal?.aborted) throw call.signal.reason;
      // undici reports a body cut mid-read as `TypeError: terminated`.
      if (err instanceof TypeError && /terminated|socket|closed/i.test(err.message))
        throw new TruncatedStreamError(`connection closed mid-stream after ${text.length} characters`);
      throw err;
    } finally {
      clearTimeout(timer);
      call.signal?.removeEventListener("abort", forward);
    }
    if (events === 0) throw new ProtocolError("the server sent no chat completion events");
    if (finishReason === undefined) throw new TruncatedStreamError(`stream ended without finish_reason after ${text.length} characters${done ? "" : " (no [DONE])"}`);
    return {
      text,
      ttftMs: ttft ?? performance.now() - started,
      finishReason,
      ...(usage?.prompt_tokens !== undefined ? { tokensIn: usage.prompt_tokens } : {}),
      ...(usage?.completion_tokens !== undefined ? { tokensOut: usage.completion_tokens } : {}),
      ...(fingerprint ? { fingerprint } : {}),
    };
  }

  /** Model ids the server lists at `/v1/models`. */
  async listModels(signal?: AbortSignal): Promise<string[]> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const page = await this.sdk.models.list({ signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    return page.data.map((m) => m.id);
  }
}
