// The prompt registry: versioned templates by id. An unknown id fails fast with the list of known ones.
import { UserError } from "../util/errors.js";
import { chatJsonPrompt } from "./chatJson.js";
import { dozonoBinaryPrompt } from "./dozonoBinary.js";
import type { Prompt } from "./Prompt.js";
import { studyInstructionPrompt } from "./studyInstruction.js";

export * from "./Prompt.js";
export { answerJsonSchema, boundedAnswerSchema, maxJsonAnswerChars, ANSWER_CWES, MAX_ANSWER_LINES, MAX_REASON_CHARS } from "./answerSchema.js";
export { fenceCode, extractFencedCode } from "./codeFence.js";
export { stripComments } from "./stripComments.js";
export { extractJsonObject, interpretJsonAnswer, parseBinaryText, parseCweText, parseJsonAnswer, emptyOrRefusal } from "./parseAnswer.js";

export const PROMPTS: readonly Prompt[] = [studyInstructionPrompt, chatJsonPrompt, dozonoBinaryPrompt];

/** Prompt used by language-model backends when none is named. */
export const DEFAULT_PROMPT_ID = chatJsonPrompt.id;

export function getPrompt(id: string = DEFAULT_PROMPT_ID): Prompt {
  const prompt = PROMPTS.find((p) => p.id === id);
  if (!prompt) throw new UserError(`unknown prompt "${id}"; known prompts: ${PROMPTS.map((p) => p.id).join(", ")}`);
  return prompt;
}

/** The prompt whose rendering produced these messages (matched on the system message), if any. */
export function identifyPrompt(messages: ReadonlyArray<{ role: string; content: string }>): Prompt | undefined {
  const system = messages.find((m) => m.role === "system")?.content;
  if (system === undefined) return undefined;
  return PROMPTS.find((p) => p.render({ language: "python", code: "" })[0].content === system);
}
export { chatJsonPrompt, dozonoBinaryPrompt, studyInstructionPrompt };
