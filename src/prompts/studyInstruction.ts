// (a) The study's instruction format: Instruction / Input / Output, answered with a CWE id or `none`.
import { STUDY_CWES, cweName } from "../cwe/catalog.js";
import { ANSWER_CWES_V1 } from "./answerSchema.js";
import { definePrompt, UNTRUSTED_CODE_NOTICE } from "./definePrompt.js";
import { parseCweText } from "./parseAnswer.js";

const cweList = STUDY_CWES.map((id) => `${id} (${cweName(id)})`).join(", ");

export const studyInstructionPrompt = definePrompt({
  name: "study-instruction",
  version: 1,
  description: "Instruction/Input/Output format of the seed study; the answer is one CWE id or `none`.",
  system: `You are a security code reviewer. ${UNTRUSTED_CODE_NOTICE}`,
  user:
    "### Instruction:\n" +
    `Identify the weakness in the {{language}} code below. Answer with exactly one CWE id (for example CWE-89) if the code is vulnerable, or with none if it is not. Candidate weaknesses: ${cweList}.\n\n` +
    "### Input:\n{{code}}\n\n### Output:",
  constraint: { kind: "choices", choices: [...ANSWER_CWES_V1, "none"] },
  maxAnswerChars: Math.max(...ANSWER_CWES_V1.map((c) => c.length)),
  parse: parseCweText,
  formatAnswer: (answer) => (answer.vulnerable && answer.cwe ? answer.cwe : "none"),
});
