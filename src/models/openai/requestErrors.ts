// Typed failures of one chat request, and how each one is spelled in a prediction's `error` field.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";

/** The server took longer than the per-request limit. */
export class TimeoutError extends Error {
  override name = "TimeoutError";
}

/** The stream ended before the server said it was done (no `finish_reason`). */
export class TruncatedStreamError extends Error {
  override name = "TruncatedStreamError";
}

/** The server answered something that is not an OpenAI chat completion. */
export class ProtocolError extends Error {
  override name = "ProtocolError";
}

export function httpStatus(err: unknown): number | undefined {
  return err instanceof APIError && !(err instanceof APIConnectionError) && !(err instanceof APIUserAbortError) ? err.status : undefined;
}

/** 408/409/429/5xx, dropped connections and cut streams are worth another try; 4xx are not. */
export function isRetryable(err: unknown): boolean {
  const status = httpStatus(err);
  if (status !== undefined) return status === 408 || status === 409 || status === 429 || status >= 500;
  return err instanceof APIConnectionError || err instanceof TruncatedStreamError || err instanceof TimeoutError || err instanceof ProtocolError;
}

/** `"<kind>: <message>"`: kinds `timeout`, `http_<status>`, `connection`, `truncated`, `protocol`, `openai`. */
export function describeError(err: unknown, secret?: string): string {
  const status = httpStatus(err);
  const message = err instanceof Error ? err.message : String(err);
  let text: string;
  if (err instanceof TimeoutError || err instanceof APIConnectionTimeoutError) text = `timeout: ${message}`;
  else if (status !== undefined) text = `http_${status}: ${message}`;
  else if (err instanceof APIConnectionError) text = `connection: ${causeOf(err) ?? message}`;
  else if (err instanceof TruncatedStreamError) text = `truncated: ${message}`;
  else if (err instanceof ProtocolError || err instanceof SyntaxError) text = `protocol: ${message}`;
  else text = `openai: ${message}`;
  text = text.replace(/\s+/g, " ").slice(0, 300);
  return secret ? text.split(secret).join("***") : text;
}

function causeOf(err: Error): string | undefined {
  let cause = (err as { cause?: unknown }).cause;
  while (cause && typeof cause === "object" && "cause" in cause && (cause as { cause?: unknown }).cause) cause = (cause as { cause: unknown }).cause;
  if (cause instanceof Error) return `${(cause as { code?: string }).code ?? cause.name}: ${cause.message}`;
  return undefined;
}
