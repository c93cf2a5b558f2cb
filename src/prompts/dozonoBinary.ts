// (c) The binary prompt of Dozono et al. (2024): answered `vulnerable` or `not vulnerable`, no CWE id.
import { definePrompt, UNTRUSTED_CODE_NOTICE } from "./definePrompt.js";
import { parseBinaryText } from "./parseAnswer.js";

export const dozonoBinaryPrompt = definePrompt({
  name: "dozono-binary",
  version: 1,
  description: "Binary vulnerable / not vulnerable question after Dozono et al. (2024); predictions carry no CWE id.",
  system: `You are a security expert. ${UNTRUSTED_CODE_NOTICE}`,
  user: 'Is the following {{language}} code vulnerable? Answer only "vulnerable" or "not vulnerable".\n\n{{code}}',
  constraint: { kind: "choices", choices: ["vulnerable", "not vulnerable"] },
  maxAnswerChars: "not vulnerable".length,
  parse: parseBinaryText,
  formatAnswer: (answer) => (answer.vulnerable ? "vulnerable" : "not vulnerable"),
});
