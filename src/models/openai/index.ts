// `openai:<model>` with `--base-url`: any OpenAI-compatible server. The key comes only from the environment.
import { getPrompt } from "../../prompts/index.js";
import { UserError } from "../../util/errors.js";
import type { Detector, DetectorOptions } from "../Detector.js";
import { ChatClient, type StructuredMode } from "./ChatClient.js";
import { OpenAIDetector } from "./OpenAIDetector.js";

export { ChatClient, type ChatClientOptions, type ChatCall, type ChatAnswer, type StructuredMode } from "./ChatClient.js";
export { OpenAIDetector } from "./OpenAIDetector.js";
export { TimeoutError, TruncatedStreamError, ProtocolError, describeError, isRetryable } from "./requestErrors.js";
export { retryDelayMs, type RetryPolicy } from "./retryDelay.js";

/** Options of the openai backend, on top of {@link DetectorOptions}. */
export interface OpenAIDetectorOptions extends DetectorOptions {
  /** Structured output: `auto`, `json_schema`, `guided_json` (vLLM) or `none`. Defaults to `"auto"`. */
  structured?: StructuredMode;
  /** Retries on 408/409/429/5xx, dropped connections and cut streams. Defaults to `3`. */
  maxRetries?: number;
  /** First retry backoff in milliseconds, doubled each retry (a server's `retry-after` wins). Defaults to `500`. */
  retryDelayMs?: number;
  /** Most tokens per answer. Defaults to `512` for JSON prompts, `64` otherwise. */
  maxTokens?: number;
  /** Sampling temperature. Defaults to `0`. */
  temperature?: number;
  /** Custom fetch, e.g. for a proxy. Defaults to the global fetch. */
  fetch?: typeof fetch;
}

const STRUCTURED: readonly StructuredMode[] = ["auto", "json_schema", "guided_json", "none"];

export async function createOpenAIDetector(spec: string, options: OpenAIDetectorOptions = {}): Promise<Detector> {
  if (!spec) throw new UserError("openai: give the served model name, e.g. openai:llama-3.1-8b --base-url http://127.0.0.1:8000/v1");
  if (!options.baseUrl) throw new UserError(`openai:${spec} needs --base-url (e.g. http://127.0.0.1:8000/v1)`);
  let baseUrl: URL;
  try {
    baseUrl = new URL(options.baseUrl);
  } catch {
    throw new UserError(`openai: --base-url is not a URL: ${options.baseUrl}`);
  }
  if (baseUrl.protocol !== "http:" && baseUrl.protocol !== "https:") throw new UserError(`openai: --base-url must be http(s), got ${baseUrl.protocol}`);
  if (baseUrl.username || baseUrl.password) throw new UserError("openai: put credentials in --api-key-env, not in --base-url");
  let apiKey: string | undefined;
  if (options.apiKeyEnv !== undefined) {
    apiKey = process.env[options.apiKeyEnv];
    if (!apiKey) throw new UserError(`openai: environment variable ${options.apiKeyEnv} (from --api-key-env) is not set`);
  }
  const structured = options.structured ?? "auto";
  if (!STRUCTURED.includes(structured)) throw new UserError(`openai: structured must be one of ${STRUCTURED.join(", ")}`);
  const prompt = getPrompt(options.prompt);
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UserError(`openai: concurrency must be a positive integer`);
  const client = new ChatClient({
    baseUrl: baseUrl.href.replace(/\/$/, ""),
    model: spec,
    apiKey,
    timeoutMs: options.timeoutMs,
    retry: {
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
      ...(options.retryDelayMs !== undefined ? { baseDelayMs: options.retryDelayMs } : {}),
    },
    structured,
    fetch: options.fetch,
  });
  return new OpenAIDetector(`openai:${spec}`, client, {
    prompt,
    stripComments: options.stripComments ?? false,
    concurrency,
    maxTokens: options.maxTokens ?? (prompt.constraint.kind === "json" ? 512 : 64),
    temperature: options.temperature ?? 0,
    secret: apiKey,
  });
}
