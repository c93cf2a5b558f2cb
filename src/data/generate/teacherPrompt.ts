// The prompt that asks a teacher model for minimal vulnerable/fixed pairs, and the JSON shape it must answer.
import { cweName } from "../../cwe/catalog.js";

export interface TeacherMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface TeacherPromptInput {
  cwe: string;
  language: string;
  /** How many pairs to ask for in this request. */
  count: number;
  /** Tags already common in the dataset for this CWE, so the teacher varies frameworks and input paths. */
  coveredTags: readonly string[];
}

/** JSON schema of the answer, for servers that constrain output (`response_format`, vLLM `guided_json`). */
export const TEACHER_ANSWER_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["pairs"],
  properties: {
    pairs: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["tags", "lines", "vulnerable", "fixed"],
        properties: {
          tags: { type: "array", items: { type: "string" } },
          lines: { type: "array", items: { type: "integer", minimum: 1 } },
          vulnerable: { type: "string" },
          fixed: { type: "string" },
        },
      },
    },
  },
} as const;

const SYSTEM = `You write evaluation data for a code weakness detector: realistic, minimal pairs of a vulnerable
function and its fixed twin. You answer with JSON only.`;

export function teacherMessages(input: TeacherPromptInput): TeacherMessage[] {
  const name = cweName(input.cwe);
  const user = `Write ${input.count} new ${input.language} examples of ${input.cwe} (${name}).

Each example is a pair:
- "vulnerable": 5 to 60 lines of ${input.language} at column 0 (one function or handler, imports optional) that has the weakness;
- "fixed": the same code with only what removes the weakness changed (usually 1 to 6 lines); names, style and length otherwise identical;
- "lines": the 1-based line numbers in "vulnerable" that carry the weakness (the sink, and the line where the tainted value is built if the mistake is there);
- "tags": the frameworks or libraries used and how the untrusted input arrives (e.g. "flask", "query-param").

Rules:
- The code must parse. Do not use words that give the label away in names, comments or strings: vulnerable, unsafe, insecure,
  fix, fixed, bad, good, exploit, attack, malicious, evil, taint, dangerous, cwe, and no invented names such as safe_path,
  is_safe, secure_x, sanitize_input or validated_x. Real library APIs (yaml.safe_load, secure_filename) are fine.
- Make every example different from the others and from common textbook snippets: vary the framework, the structure,
  the length and how the input arrives.${input.coveredTags.length ? `\n- Already well covered, prefer other settings: ${input.coveredTags.join(", ")}.` : ""}

Answer with one JSON object: {"pairs": [{"tags": [...], "lines": [...], "vulnerable": "...", "fixed": "..."}]}`;
  return [
    { role: "system", content: SYSTEM },
    { role: "user", content: user },
  ];
}
