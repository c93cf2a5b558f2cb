// One dataset record as a fine-tuning example, rendered by the same prompt code evaluation uses.
import type { DatasetRecord } from "../../data/record.js";
import type { ChatMessage, Prompt } from "../../prompts/index.js";

export const FINETUNE_FORMATS = ["chat", "alpaca"] as const;
export type FinetuneFormat = (typeof FINETUNE_FORMATS)[number];

/** OpenAI-style chat example (system / user / assistant): TRL's `messages`, Axolotl's `chat_template`, Unsloth. */
export interface ChatExample {
  id: string;
  messages: ChatMessage[];
}

/**
 * Instruction / Input / Output example. `instruction` is the prompt's system text and `input` its user text (code
 * fenced exactly as in evaluation), so cwescope's trainer can rebuild the evaluation messages from it unchanged.
 */
export interface AlpacaExample {
  id: string;
  instruction: string;
  input: string;
  output: string;
}

export type FinetuneExample = ChatExample | AlpacaExample;

export interface RenderExampleOptions {
  /** Remove comments before rendering, as `--strip-comments` does at evaluation. Defaults to `false`. */
  stripComments?: boolean;
}

/** The evaluation messages for a record plus the exact answer the prompt expects for it. */
export function exampleMessages(record: DatasetRecord, prompt: Prompt, options: RenderExampleOptions = {}): ChatMessage[] {
  const messages = prompt.render({ language: record.language, code: record.code }, { stripComments: options.stripComments ?? false });
  const system = messages.find((m) => m.role === "system");
  const user = messages.find((m) => m.role === "user");
  if (!system || !user || messages.length !== 2) throw new Error(`prompt ${prompt.id} must render one system and one user message`);
  return [system, user, { role: "assistant", content: prompt.answerFor({ cwe: record.cwe, lines: record.lines }) }];
}

export function toFinetuneExample(record: DatasetRecord, prompt: Prompt, format: FinetuneFormat, options: RenderExampleOptions = {}): FinetuneExample {
  const [system, user, assistant] = exampleMessages(record, prompt, options);
  if (format === "chat") return { id: record.id, messages: [system, user, assistant] };
  return { id: record.id, instruction: system.content, input: user.content, output: assistant.content };
}
