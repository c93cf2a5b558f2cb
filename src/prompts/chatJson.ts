// (b) A chat prompt answered with JSON `{vulnerable, cwe, lines, reason}`.
// v1 lists the study's 20 CWEs and answers with the ids it was published with; v2 lists every target CWE.
import { STUDY_CWES, TARGET_CWES, cweName } from "../cwe/catalog.js";
import { ANSWER_CWES, ANSWER_CWES_V1, answerJsonSchema, MAX_ANSWER_LINES, MAX_REASON_CHARS, maxJsonAnswerChars } from "./answerSchema.js";
import { definePrompt, UNTRUSTED_CODE_NOTICE } from "./definePrompt.js";
import { parseJsonAnswer } from "./parseAnswer.js";
import type { Prompt } from "./Prompt.js";

function chatJson(version: number, listed: readonly string[], answerCwes: readonly string[], description: string): Prompt {
  const cweList = listed.map((id) => `- ${id}: ${cweName(id)}`).join("\n");
  return definePrompt({
    name: "chat-json",
    version,
    description,
    system:
      "You are a security code reviewer who finds CWE weaknesses in source code. " +
      UNTRUSTED_CODE_NOTICE +
      "\n\nAnswer with one JSON object and nothing else:\n" +
      `{"vulnerable": true|false, "cwe": "CWE-<n>" or "none", "lines": [line numbers, at most ${MAX_ANSWER_LINES}], "reason": "<at most ${MAX_REASON_CHARS} characters>"}\n` +
      "Line numbers are the ones printed before each line of the code. The weaknesses to look for:\n" +
      cweList,
    user: "Is this {{language}} code vulnerable?\n\n{{code}}",
    numberLines: true,
    constraint: { kind: "json", schema: answerJsonSchema({ cwes: answerCwes }) },
    maxAnswerChars: maxJsonAnswerChars(undefined, answerCwes),
    parse: parseJsonAnswer,
    formatAnswer: (answer) =>
      JSON.stringify({
        vulnerable: answer.vulnerable,
        cwe: (answer.vulnerable && answer.cwe) || "none",
        lines: answer.vulnerable ? answer.lines.slice(0, MAX_ANSWER_LINES) : [],
        reason: (answer.reason ?? "").slice(0, MAX_REASON_CHARS),
      }),
  });
}

export const chatJsonPrompt = chatJson(
  1,
  STUDY_CWES,
  ANSWER_CWES_V1,
  "Chat prompt answered with a JSON object {vulnerable, cwe, lines, reason}; JSON-schema constrained where the backend can.",
);

export const chatJsonV2Prompt = chatJson(
  2,
  TARGET_CWES,
  ANSWER_CWES,
  "chat-json-v1 listing every target CWE (the study's 20 and the breadth targets); answers may name any catalog id that applies to Python/JavaScript.",
);
