// Turn a language model's parsed answer (or failure) into the Prediction record of DESIGN.md.
import type { ParseResult } from "../prompts/Prompt.js";
import type { Prediction } from "./Detector.js";

export interface AnswerMeta {
  id: string;
  model: string;
  latencyMs: number;
  ttftMs?: number;
  tokensIn?: number;
  tokensOut?: number;
  promptId: string;
  promptHash: string;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * Language models give no probability here, so `confidence` is 1 for a "vulnerable" answer and 0 otherwise.
 * A failed sample carries `error` and `vulnerable: false`.
 */
export function languageModelPrediction(meta: AnswerMeta, result: ParseResult): Prediction {
  const timing = {
    latency_ms: round(Math.max(0, meta.latencyMs)),
    ...(meta.ttftMs !== undefined ? { ttft_ms: round(Math.max(0, meta.ttftMs)) } : {}),
    ...(meta.tokensIn !== undefined ? { tokens_in: meta.tokensIn } : {}),
    ...(meta.tokensOut !== undefined ? { tokens_out: meta.tokensOut } : {}),
    model: meta.model,
    prompt_id: meta.promptId,
    prompt_hash: meta.promptHash,
  };
  if (!result.ok) return { id: meta.id, vulnerable: false, cwe: null, confidence: 0, lines: [], ...timing, error: result.error };
  const { vulnerable, cwe, lines, reason } = result.answer;
  return { id: meta.id, vulnerable, cwe, confidence: vulnerable ? 1 : 0, lines, ...timing, ...(reason ? { reason } : {}) };
}
