// How long to wait before retrying: the server's `retry-after-ms` / `retry-after`, else capped exponential backoff.
import { APIError } from "openai";

export interface RetryPolicy {
  /** Retries after the first attempt. Defaults to `3`. */
  maxRetries: number;
  /** First backoff in milliseconds, doubled each retry. Defaults to `500`. */
  baseDelayMs: number;
  /** Longest wait, also for a server's `retry-after`. Defaults to `30000`. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };

export function retryDelayMs(err: unknown, attempt: number, policy: RetryPolicy, now = Date.now()): number {
  const fromServer = err instanceof APIError && err.headers ? serverDelay(err.headers, now) : undefined;
  if (fromServer !== undefined) return Math.min(policy.maxDelayMs, Math.max(0, fromServer));
  const backoff = policy.baseDelayMs * 2 ** attempt;
  return Math.min(policy.maxDelayMs, backoff * (0.75 + Math.random() * 0.5));
}

function serverDelay(headers: Headers, now: number): number | undefined {
  const ms = Number(headers.get("retry-after-ms"));
  if (headers.get("retry-after-ms") !== null && Number.isFinite(ms)) return ms;
  const after = headers.get("retry-after");
  if (after === null) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : date - now;
}

/** Sleep that ends early, with the signal's reason, when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
