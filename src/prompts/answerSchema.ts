// The JSON answer schema, built from booleans and enums only, so a grammar made from it always terminates.
import { CWE_ENTRIES } from "../cwe/catalog.js";
import type { JsonSchema } from "./Prompt.js";

/** CWE ids a constrained model may answer: every catalog entry that applies to Python/JavaScript. */
export const ANSWER_CWES: readonly string[] = CWE_ENTRIES.filter((e) => e.applicability !== "memory-safety").map((e) => e.id);

/**
 * The answer ids of the v1 prompts, frozen as the catalog had them when v1 was published: a v1 prompt keeps
 * constraining its answers exactly as before while the catalog grows.
 */
export const ANSWER_CWES_V1: readonly string[] = [
  79, 89, 352, 862, 22, 78, 94, 434, 502, 863, 20, 284, 200, 306, 918, 77, 639, 770, 287, 269, 798, 400, 74, 95, 1336,
  943, 285, 88, 23, 36, 73, 601, 611, 732, 915, 1333, 209, 532, 259, 321, 347, 1390, 1391, 345, 913, 668, 669, 707, 664,
].map((n) => `CWE-${n}`);

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
  /** The ids `cwe` may take (besides `none`). Defaults to ANSWER_CWES. */
  cwes?: readonly string[];
}

/** `{vulnerable, cwe, lines, reason}` with every property required and nothing else allowed (OpenAI strict mode). */
export function answerJsonSchema(options: AnswerSchemaOptions = {}): JsonSchema {
  const lineItem =
    options.maxLine !== undefined ? { enum: Array.from({ length: Math.max(1, options.maxLine) }, (_, i) => i + 1) } : { type: "integer", minimum: 1 };
  return {
    type: "object",
    properties: {
      vulnerable: { type: "boolean" },
      cwe: { type: "string", enum: [...(options.cwes ?? ANSWER_CWES), "none"] },
      lines: { type: "array", items: lineItem, maxItems: MAX_ANSWER_LINES },
      reason: { type: "string", maxLength: MAX_REASON_CHARS },
    },
    required: ["vulnerable", "cwe", "lines", "reason"],
    additionalProperties: false,
  };
}

/** Upper bound on the characters of an answer that follows the schema (keys, punctuation, whitespace included). */
export function maxJsonAnswerChars(maxLine = 99999, cwes: readonly string[] = ANSWER_CWES): number {
  const longestCwe = Math.max(...cwes.map((c) => c.length), 4) + 2;
  const lines = MAX_ANSWER_LINES * (String(maxLine).length + 12);
  return 200 + longestCwe + lines + MAX_REASON_CHARS * 4; // a character is at most 4 UTF-8 byte tokens
}

/** Line counts above this get plain integer line items (the token bound still holds). */
const MAX_ENUM_LINES = 2000;

/**
 * The answer schema for one snippet: line items limited to its line count, `cwe` limited to the ids of the
 * prompt's own schema (`base`, its `constraint.schema`). Every backend sends the same schema, so constrained
 * decoding is equally strict in-process and behind a server.
 */
export function boundedAnswerSchema(code: string, base?: JsonSchema): JsonSchema {
  const lines = code.split("\n").length;
  const cwes = base ? schemaCwes(base) : undefined;
  return answerJsonSchema({ ...(lines <= MAX_ENUM_LINES ? { maxLine: lines } : {}), ...(cwes ? { cwes } : {}) });
}

/** The CWE ids an answer schema allows (without `none`), or `undefined` when it names none. */
export function schemaCwes(schema: JsonSchema): string[] | undefined {
  const properties = schema.properties as { cwe?: { enum?: unknown[] } } | undefined;
  const values = properties?.cwe?.enum;
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === "string" && v !== "none") : undefined;
}
