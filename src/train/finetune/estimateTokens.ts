// Token counts without a tokenizer: a conservative character heuristic, so a planned max_seq_len never cuts an answer.

/**
 * Characters per token assumed for ASCII text. Llama-3's tokenizer (tiktoken BPE, 128k vocabulary) reads the
 * shipped Python prompts at 3.46–4.97 characters per token (median ≈ 4.2, measured with the tokenizer in
 * `test/train/finetune/tokens.test.ts`); 3.2 stays below every record, so estimates err high.
 */
export const CHARS_PER_TOKEN = 3.2;

/**
 * Tokens the chat template adds per example: `<|begin_of_text|>`, three role headers and `<|eot_id|>`s, and the
 * date lines Llama-3.1's template writes into the system message (≈ 30 tokens; 40 leaves room).
 */
export const TEMPLATE_TOKENS = 40;

/** Estimated tokens of one text: ASCII at {@link CHARS_PER_TOKEN}, each non-ASCII character as a whole token. */
export function estimateTokens(text: string): number {
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) nonAscii++;
  return Math.ceil((text.length - nonAscii) / CHARS_PER_TOKEN) + nonAscii;
}

/** Estimated tokens of a whole chat example (every message plus the template's framing). */
export function estimateExampleTokens(messages: ReadonlyArray<{ content: string }>): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content), TEMPLATE_TOKENS);
}

/** How the estimate is made, in one sentence (written into manifests and recipes). */
export const TOKEN_ESTIMATE_METHOD =
  `heuristic, no tokenizer: ceil(ASCII chars / ${CHARS_PER_TOKEN}) + non-ASCII chars + ${TEMPLATE_TOKENS} template tokens per example; ` +
  "conservative for Llama-3 (overestimates); pass --max-seq-len to override";
