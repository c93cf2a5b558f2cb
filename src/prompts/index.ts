// The prompt registry: versioned templates by id. An unknown id fails fast with the list of known ones.
import { UserError } from "../util/errors.js";
import { chatJsonPrompt, chatJsonV2Prompt } from "./chatJson.js";
import { dozonoBinaryPrompt } from "./dozonoBinary.js";
import type { Prompt } from "./Prompt.js";
import { studyInstructionPrompt, studyInstructionV2Prompt } from "./studyInstruction.js";

export * from "./Prompt.js";
export { answerJsonSchema, boundedAnswerSchema, maxJsonAnswerChars, schemaCwes, ANSWER_CWES, ANSWER_CWES_V1, MAX_ANSWER_LINES, MAX_REASON_CHARS } from "./answerSchema.js";
export { fenceCode, extractFencedCode } from "./codeFence.js";
export { stripComments } from "./stripComments.js";
export { extractJsonObject, interpretJsonAnswer, parseBinaryText, parseCweText, parseJsonAnswer, emptyOrRefusal } from "./parseAnswer.js";

export const PROMPTS: readonly Prompt[] = [studyInstructionPrompt, chatJsonPrompt, dozonoBinaryPrompt, studyInstructionV2Prompt, chatJsonV2Prompt];

/**
 * Prompt used by language-model backends when none is named: chat-json-v2, which asks for every CWE cwescope
 * detects. The v1 prompts stay for reproducing the study (experiments and fine-tuning exports name them).
 */
export const DEFAULT_PROMPT_ID = chatJsonV2Prompt.id;

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
export { chatJsonPrompt, chatJsonV2Prompt, dozonoBinaryPrompt, studyInstructionPrompt, studyInstructionV2Prompt };
