// (a) The study's instruction format: Instruction / Input / Output, answered with a CWE id or `none`.
// v1 lists the study's 20 CWEs and answers with the ids it was published with; v2 lists every target CWE.
import { STUDY_CWES, TARGET_CWES, cweName } from "../cwe/catalog.js";
import { ANSWER_CWES, ANSWER_CWES_V1 } from "./answerSchema.js";
import { definePrompt, UNTRUSTED_CODE_NOTICE } from "./definePrompt.js";
import { parseCweText } from "./parseAnswer.js";
import type { Prompt } from "./Prompt.js";

function studyInstruction(version: number, listed: readonly string[], answerCwes: readonly string[], description: string): Prompt {
  const cweList = listed.map((id) => `${id} (${cweName(id)})`).join(", ");
  return definePrompt({
    name: "study-instruction",
    version,
    description,
    system: `You are a security code reviewer. ${UNTRUSTED_CODE_NOTICE}`,
    user:
      "### Instruction:\n" +
      `Identify the weakness in the {{language}} code below. Answer with exactly one CWE id (for example CWE-89) if the code is vulnerable, or with none if it is not. Candidate weaknesses: ${cweList}.\n\n` +
      "### Input:\n{{code}}\n\n### Output:",
    constraint: { kind: "choices", choices: [...answerCwes, "none"] },
    maxAnswerChars: Math.max(...answerCwes.map((c) => c.length)),
    parse: parseCweText,
    formatAnswer: (answer) => (answer.vulnerable && answer.cwe ? answer.cwe : "none"),
  });
}

export const studyInstructionPrompt = studyInstruction(
  1,
  STUDY_CWES,
  ANSWER_CWES_V1,
  "Instruction/Input/Output format of the seed study; the answer is one CWE id or `none`.",
);

export const studyInstructionV2Prompt = studyInstruction(
  2,
  TARGET_CWES,
  ANSWER_CWES,
  "study-instruction-v1 listing every target CWE (the study's 20 and the breadth targets); the answer is one CWE id or `none`.",
);
