// A loaded GGUF with a pool of context sequences: chat messages in, text out, with tokens and timings.
import type { ChatHistoryItem, ChatWrapper, LlamaChat, LlamaContext, LlamaGrammar, LlamaModel } from "node-llama-cpp";
import type { ChatMessage } from "../../prompts/Prompt.js";
import { choicesGbnf } from "./choicesGbnf.js";
import { stat } from "node:fs/promises";
import { UserError } from "../../util/errors.js";
import { defaultThreads, loadLlama, loadModel, type LlamaRuntimeOptions } from "./loadLlama.js";
import type { LoraAdapterSpec } from "./llamaCppSpec.js";

export interface LlamaCppEngineOptions extends LlamaRuntimeOptions {
  /** CPU threads. Defaults to the machine's cores, or `1` for models under 64 MB (test-sized). */
  threads?: number;
  /** Sequences evaluated together in one context (parallel samples). Halved until the context fits. Defaults to `4`. */
  sequences?: number;
  /** Context size per sequence, in tokens. Defaults to the model's trained size, at most `8192`. */
  contextSize?: number;
  /** Sampling temperature; `0` is greedy and reproducible. Defaults to `0`. */
  temperature?: number;
  /** LoRA adapters (GGUF, e.g. from `cwescope finetune convert`) applied to this engine's context only. */
  lora?: readonly LoraAdapterSpec[];
}

export interface GenerateRequest {
  messages: readonly ChatMessage[];
  grammar?: LlamaGrammar;
  maxTokens: number;
  temperature?: number;
  signal?: AbortSignal;
  /** Called with each decoded text chunk, as it is generated. */
  onText?: (text: string) => void;
}

export interface GenerateResult {
  text: string;
  tokensIn: number;
  tokensOut: number;
  /** From the call (queueing included) to the first generated token. */
  ttftMs: number;
  totalMs: number;
  stopReason: string;
}

/** Below this size thread synchronisation costs more than a second thread saves. */
const TINY_MODEL_BYTES = 64 * 1024 ** 2;

async function isTinyModel(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && info.size < TINY_MODEL_BYTES;
}

async function assertFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new UserError(`llamacpp: LoRA adapter file not found: ${path}`);
}

/** Tokens a chat template may add around the messages (role headers, preambles). */
const TEMPLATE_SLACK_TOKENS = 256;

/** The prompt does not fit the context: a per-sample failure, reported as `context: …`. */
export class ContextOverflowError extends Error {
  override name = "ContextOverflowError";
}

export class LlamaCppEngine {
  private readonly free: LlamaChat[] = [];
  private readonly waiting: Array<(chat: LlamaChat) => void> = [];
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();

  private constructor(
    readonly path: string,
    readonly lora: readonly LoraAdapterSpec[],
    readonly model: LlamaModel,
    readonly context: LlamaContext,
    readonly chatWrapper: ChatWrapper,
    chats: LlamaChat[],
    private readonly temperature: number,
  ) {
    this.free.push(...chats);
  }

  static async open(path: string, options: LlamaCppEngineOptions = {}): Promise<LlamaCppEngine> {
    const threads = options.threads ?? (await isTinyModel(path) ? 1 : defaultThreads());
    await loadLlama({ ...options, threads });
    const model = await loadModel(path, options);
    const lora = options.lora ?? [];
    for (const adapter of lora) await assertFile(adapter.path);
    const { LlamaChat, resolveChatWrapper } = await import("node-llama-cpp");
    const contextSize = options.contextSize ?? Math.min(model.trainContextSize, 8192);
    let sequences = Math.max(1, options.sequences ?? 4);
    let context: LlamaContext | undefined;
    for (;;) {
      try {
        context = await model.createContext({
          sequences,
          contextSize,
          threads,
          batchSize: Math.min(512 * sequences, contextSize * sequences),
          ...(lora.length ? { lora: { adapters: lora.map((a) => ({ filePath: a.path, scale: a.scale })) } } : {}),
        });
        break;
      } catch (err) {
        if (lora.length && /lora|adapter/i.test(String(err))) throw new UserError(`llamacpp: cannot apply LoRA adapter to ${path}: ${err instanceof Error ? err.message : String(err)}`);
        if (sequences === 1) throw err;
        sequences = Math.max(1, Math.floor(sequences / 2));
      }
    }
    // A fixed date keeps Llama 3.1's system preamble (and so its answers) the same from day to day.
    const chatWrapper = resolveChatWrapper(model, { customWrapperSettings: { "llama3.1": { todayDate: null } }, warningLogs: false });
    const chats = Array.from({ length: sequences }, () => new LlamaChat({ contextSequence: context.getSequence(), chatWrapper }));
    return new LlamaCppEngine(path, lora, model, context, chatWrapper, chats, options.temperature ?? 0);
  }

  get sequences(): number {
    return this.context.totalSequences;
  }

  get contextSize(): number {
    return this.context.contextSize;
  }

  countTokens(text: string): number {
    return this.model.tokenize(text, true).length;
  }

  /** A grammar for a JSON schema (booleans, enums, bounded arrays and strings), cached by schema. */
  jsonGrammar(schema: object): Promise<LlamaGrammar> {
    return this.cachedGrammar(`json:${JSON.stringify(schema)}`, () => this.model.llama.createGrammarForJsonSchema(schema as never));
  }

  /** A grammar that admits exactly one of the given strings. */
  choicesGrammar(choices: readonly string[]): Promise<LlamaGrammar> {
    return this.cachedGrammar(`choices:${JSON.stringify(choices)}`, () => this.model.llama.createGrammar({ grammar: choicesGbnf(choices) }));
  }

  private cachedGrammar(key: string, make: () => Promise<LlamaGrammar>): Promise<LlamaGrammar> {
    let grammar = this.grammars.get(key);
    if (!grammar) {
      grammar = make();
      this.grammars.set(key, grammar);
      grammar.catch(() => this.grammars.delete(key));
    }
    return grammar;
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const started = performance.now();
    const text = request.messages.map((m) => m.content).join("\n");
    // Every token covers at least one byte, so short prompts need no tokenizing to know they fit.
    const fits = Buffer.byteLength(text) + TEMPLATE_SLACK_TOKENS + request.maxTokens <= this.contextSize;
    const promptTokens = fits ? 0 : this.countTokens(text) + TEMPLATE_SLACK_TOKENS;
    if (!fits && promptTokens + request.maxTokens > this.contextSize)
      throw new ContextOverflowError(`prompt of ${promptTokens} tokens plus ${request.maxTokens} answer tokens exceeds the context size ${this.contextSize}`);
    const chat = await this.acquire(request.signal);
    try {
      let firstTokenAt: number | undefined;
      const meter = chat.sequence.tokenMeter;
      const outBefore = meter.usedOutputTokens;
      const history: ChatHistoryItem[] = request.messages.map((m) =>
        m.role === "assistant" ? { type: "model", response: [m.content] } : m.role === "system" ? { type: "system", text: m.content } : { type: "user", text: m.content },
      );
      history.push({ type: "model", response: [] });
      const response = await chat.generateResponse(history, {
        grammar: request.grammar,
        maxTokens: request.maxTokens,
        temperature: request.temperature ?? this.temperature,
        signal: request.signal,
        onToken: () => {
          firstTokenAt ??= performance.now();
        },
        onTextChunk: request.onText,
      });
      const totalMs = performance.now() - started;
      // Sampled tokens (some never reach onToken, e.g. a held-back stop-trigger prefix); the prompt is what
      // the sequence holds besides them, reused prefix included.
      const tokensOut = meter.usedOutputTokens - outBefore;
      const tokensIn = Math.max(0, chat.sequence.contextTokens.length - tokensOut);
      return { text: response.response, tokensIn, tokensOut, ttftMs: (firstTokenAt ?? performance.now()) - started, totalMs, stopReason: response.metadata.stopReason };
    } finally {
      this.release(chat);
    }
  }

  private acquire(signal?: AbortSignal): Promise<LlamaChat> {
    signal?.throwIfAborted();
    const chat = this.free.pop();
    if (chat) return Promise.resolve(chat);
    return new Promise((resolve, reject) => {
      const take = (c: LlamaChat) => {
        signal?.removeEventListener("abort", onAbort);
        resolve(c);
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(take), 1);
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(take);
    });
  }

  private release(chat: LlamaChat): void {
    const next = this.waiting.shift();
    if (next) next(chat);
    else this.free.push(chat);
  }

  async close(): Promise<void> {
    await this.context.dispose();
  }
}
