// The one interface every backend implements: embedded, llama.cpp (GGUF) and OpenAI-compatible servers.
import type { Language, Prediction } from "../data/record.js";
import type { CodeUnit } from "../lang/CodeUnit.js";
import type { ChatMessage } from "../prompts/Prompt.js";

export type { Prediction };

export interface DetectionInput {
  /** Record or unit id; echoed in the prediction. */
  id: string;
  language: Language;
  code: string;
  /** A parsed unit, when the caller already has one (scan): lets the embedded model skip re-parsing. */
  unit?: CodeUnit;
}

export interface DetectOptions {
  signal?: AbortSignal;
}

export interface Detector {
  /** The model id as the user gave it (`embedded`, `llamacpp:/m.gguf`, `openai:llama-3.1-8b`). */
  readonly id: string;
  readonly backend: "embedded" | "llamacpp" | "openai";
  /** Prompt template id and hash, for language-model backends. */
  readonly promptId?: string;
  readonly promptHash?: string;
  /** A digest that changes whenever the model's answers could change (weights hash, server model + fingerprint). */
  digest(): Promise<string>;
  /** Fail loudly before a long run when the model cannot answer (missing file, unreachable server). */
  preflight(options?: DetectOptions): Promise<void>;
  /**
   * Score one input. Never throws for a per-sample failure: the prediction carries `error` and
   * `vulnerable: false`. Throws only for configuration errors and aborts.
   */
  detect(input: DetectionInput, options?: DetectOptions): Promise<Prediction>;
  /**
   * Run arbitrary chat messages through the model (backends that host a chat model, e.g. llamacpp).
   * `cwescope serve` uses it; backends without it are served by running `detect` on the fenced code.
   */
  complete?(request: ChatRequest): Promise<ChatResult>;
  /** Backend-specific version facts for manifests (e.g. `{ "node-llama-cpp": "3.21.1" }`). */
  versions(): Record<string, string>;
  close(): Promise<void>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** JSON schema the answer must follow (grammar-constrained where the backend can). */
  jsonSchema?: Record<string, unknown>;
  /** The answer must be exactly one of these strings (vLLM's `guided_choice`). */
  choices?: readonly string[];
  /** Most tokens to generate. Defaults to the backend's own bound. */
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
  /** Called with each piece of text as it is generated. */
  onText?: (text: string) => void;
}

export interface ChatResult {
  text: string;
  tokensIn: number;
  tokensOut: number;
  finishReason: "stop" | "length";
}

/** Options every backend accepts; backends document their own extra fields. */
export interface DetectorOptions {
  /** OpenAI-compatible base URL (`openai:` ids). */
  baseUrl?: string;
  /** Name of the environment variable holding the API key; the key itself never travels in options. */
  apiKeyEnv?: string;
  /** Prompt template id for language-model backends. */
  prompt?: string;
  /** Maximum concurrent requests/sequences. */
  concurrency?: number;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  /** CPU threads for in-process backends. Defaults to the machine's cores. */
  threads?: number;
  /** Embedded model: the calibrated score a unit needs to be flagged. Defaults to the model's own (chosen at training). */
  threshold?: number;
  /** Remove comments from code before it reaches a language model. */
  stripComments?: boolean;
  /** Extra backend options from an experiment spec. */
  [key: string]: unknown;
}
