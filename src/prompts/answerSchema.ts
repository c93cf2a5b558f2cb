// The JSON answer schema, built from booleans and enums only, so a grammar made from it always terminates.
import { CWE_ENTRIES } from "../cwe/catalog.js";
import type { JsonSchema } from "./Prompt.js";

/** CWE ids a constrained model may answer: every catalog entry that applies to Python/JavaScript. */
export const ANSWER_CWES: readonly string[] = CWE_ENTRIES.filter((e) => e.applicability !== "memory-safety").map((e) => e.id);

/** Most lines an answer may list. */
export const MAX_ANSWER_LINES = 8;
/** Longest `reason`, in characters. */
export const MAX_REASON_CHARS = 160;

export interface AnswerSchemaOptions {
  /**
   * Lines of the snippet: when given, `lines` items become an enum `1..maxLine` (bounded digits for
   * grammar-constrained decoding); otherwise plain positive integers. Defaults to unbounded.
   */
  maxLine?: number;
}

/** `{vulnerable, cwe, lines, reason}` with every property required and nothing else allowed (OpenAI strict mode). */
export function answerJsonSchema(options: AnswerSchemaOptions = {}): JsonSchema {
  const lineItem =
    options.maxLine !== undefined ? { enum: Array.from({ length: Math.max(1, options.maxLine) }, (_, i) => i + 1) } : { type: "integer", minimum: 1 };
  return {
    type: "object",
    properties: {
      vulnerable: { type: "boolean" },
      cwe: { type: "string", enum: [...ANSWER_CWES, "none"] },
      lines: { type: "array", items: lineItem, maxItems: MAX_ANSWER_LINES },
      reason: { type: "string", maxLength: MAX_REASON_CHARS },
    },
    required: ["vulnerable", "cwe", "lines", "reason"],
    additionalProperties: false,
  };
}

/** Upper bound on the characters of an answer that follows the schema (keys, punctuation, whitespace included). */
export function maxJsonAnswerChars(maxLine = 99999): number {
  const longestCwe = Math.max(...ANSWER_CWES.map((c) => c.length), 4) + 2;
  const lines = MAX_ANSWER_LINES * (String(maxLine).length + 12);
  return 200 + longestCwe + lines + MAX_REASON_CHARS * 4; // a character is at most 4 UTF-8 byte tokens
}

/** Line counts above this get plain integer line items (the token bound still holds). */
const MAX_ENUM_LINES = 2000;

/**
 * The answer schema for one snippet: line items limited to its line count. Every backend sends the same
 * schema, so constrained decoding is equally strict in-process and behind a server.
 */
export function boundedAnswerSchema(code: string): JsonSchema {
  const lines = code.split("\n").length;
  return answerJsonSchema(lines <= MAX_ENUM_LINES ? { maxLine: lines } : {});
}
