// (b) A chat prompt answered with JSON `{vulnerable, cwe, lines, reason}`.
import { STUDY_CWES, cweName } from "../cwe/catalog.js";
import { ANSWER_CWES_V1, answerJsonSchema, MAX_ANSWER_LINES, MAX_REASON_CHARS, maxJsonAnswerChars } from "./answerSchema.js";
import { definePrompt, UNTRUSTED_CODE_NOTICE } from "./definePrompt.js";
import { parseJsonAnswer } from "./parseAnswer.js";

const cweList = STUDY_CWES.map((id) => `- ${id}: ${cweName(id)}`).join("\n");

export const chatJsonPrompt = definePrompt({
  name: "chat-json",
  version: 1,
  description: "Chat prompt answered with a JSON object {vulnerable, cwe, lines, reason}; JSON-schema constrained where the backend can.",
  system:
    "You are a security code reviewer who finds CWE weaknesses in source code. " +
    UNTRUSTED_CODE_NOTICE +
    "\n\nAnswer with one JSON object and nothing else:\n" +
    `{"vulnerable": true|false, "cwe": "CWE-<n>" or "none", "lines": [line numbers, at most ${MAX_ANSWER_LINES}], "reason": "<at most ${MAX_REASON_CHARS} characters>"}\n` +
    "Line numbers are the ones printed before each line of the code. The weaknesses to look for:\n" +
    cweList,
  user: "Is this {{language}} code vulnerable?\n\n{{code}}",
  numberLines: true,
  constraint: { kind: "json", schema: answerJsonSchema({ cwes: ANSWER_CWES_V1 }) },
  maxAnswerChars: maxJsonAnswerChars(undefined, ANSWER_CWES_V1),
  parse: parseJsonAnswer,
  formatAnswer: (answer) =>
    JSON.stringify({
      vulnerable: answer.vulnerable,
      cwe: (answer.vulnerable && answer.cwe) || "none",
      lines: answer.vulnerable ? answer.lines.slice(0, MAX_ANSWER_LINES) : [],
      reason: (answer.reason ?? "").slice(0, MAX_REASON_CHARS),
    }),
});
