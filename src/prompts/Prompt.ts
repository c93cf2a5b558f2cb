// What a versioned prompt template is: how it renders an input to chat messages and reads the answer back.
import type { Language } from "../data/record.js";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface PromptInput {
  language: Language | string;
  code: string;
}

/** What a model said about one snippet, read from its answer. */
export interface PromptAnswer {
  vulnerable: boolean;
  /** Canonical `CWE-<n>` (also outside the catalog), or `null`. */
  cwe: string | null;
  /** 1-based lines the model blamed; empty when it gave none. */
  lines: number[];
  reason?: string;
}

/** A parsed answer, or an error `"<kind>: <message>"` with kind `parse`, `refusal` or `empty`. */
export type ParseResult = { ok: true; answer: PromptAnswer } | { ok: false; error: string };

export interface RenderOptions {
  /** Remove comments (keeping line numbers) before the code reaches the model. Defaults to `false`. */
  stripComments?: boolean;
}

/** How a backend may constrain decoding: a JSON schema, or a closed list of answer strings. */
export type AnswerConstraint = { kind: "json"; schema: JsonSchema } | { kind: "choices"; choices: readonly string[] };

export type JsonSchema = { readonly [key: string]: unknown };

/** The fields of a dataset record an expected answer is built from. */
export interface AnswerRecord {
  cwe: string | null;
  lines?: number[];
}

export interface Prompt {
  /** Stable id with its version, e.g. `chat-json-v1`. */
  readonly id: string;
  readonly version: number;
  readonly description: string;
  /** The template text (system and user parts); `hash` is its SHA-256. */
  readonly template: string;
  readonly hash: string;
  readonly constraint: AnswerConstraint;
  /** Longest answer, in characters, the constraint allows (bounds generation). */
  readonly maxAnswerChars: number;
  render(input: PromptInput, options?: RenderOptions): ChatMessage[];
  parse(text: string): ParseResult;
  /** Write an answer the way this prompt asks the model to (inverse of `parse`). */
  formatAnswer(answer: PromptAnswer): string;
  /** The exact answer text expected for a record; fine-tuning export uses it so training and test share one template. */
  answerFor(record: AnswerRecord): string;
}
