import { describe, expect, it } from "vitest";
import { getPrompt } from "../../src/prompts/index.js";

const json = getPrompt("chat-json-v1");
const study = getPrompt("study-instruction-v1");
const binary = getPrompt("dozono-binary-v1");

describe("robust answer parsing", () => {
  it("reads JSON inside prose and code fences", () => {
    const fenced = 'Sure! Here is my analysis:\n```json\n{"vulnerable": true, "cwe": "cwe-89", "lines": [3, "5-6"], "reason": "concat"}\n```\nHope it helps.';
    expect(json.parse(fenced)).toEqual({ ok: true, answer: { vulnerable: true, cwe: "CWE-89", lines: [3, 5, 6], reason: "concat" } });
    expect(json.parse('The answer is {"vulnerable": "yes", "cwe": "CWE-089: SQL Injection", "lines": [],}')).toMatchObject({ ok: true, answer: { vulnerable: true, cwe: "CWE-89" } });
  });

  it("spells CWE ids canonically, keeps ids outside the catalog", () => {
    for (const text of ["cwe-89", "CWE-089", "CWE-89: SQL Injection", "CWE_89", "**CWE-89**"]) expect(study.parse(text)).toMatchObject({ ok: true, answer: { cwe: "CWE-89" } });
    expect(study.parse("CWE-12345")).toMatchObject({ ok: true, answer: { vulnerable: true, cwe: "CWE-12345" } });
    expect(json.parse('{"vulnerable": true, "cwe": "CWE-1004"}')).toMatchObject({ ok: true, answer: { cwe: "CWE-1004" } });
  });

  it("reads none and not-vulnerable answers", () => {
    expect(study.parse("none")).toMatchObject({ ok: true, answer: { vulnerable: false, cwe: null } });
    expect(study.parse("None.")).toMatchObject({ ok: true, answer: { vulnerable: false } });
    expect(json.parse('{"vulnerable": false, "cwe": "none", "lines": [4], "reason": ""}')).toEqual({ ok: true, answer: { vulnerable: false, cwe: null, lines: [], reason: "" } });
    expect(binary.parse("Not vulnerable.")).toMatchObject({ ok: true, answer: { vulnerable: false } });
    expect(binary.parse("vulnerable")).toMatchObject({ ok: true, answer: { vulnerable: true, cwe: null } });
    expect(binary.parse("**Vulnerable** (CWE-78)")).toMatchObject({ ok: true, answer: { vulnerable: true, cwe: "CWE-78" } });
  });

  it("counts refusals, empty answers and nonsense as errors with a kind, never throwing", () => {
    for (const p of [json, study, binary]) {
      expect(p.parse("")).toEqual({ ok: false, error: "empty: the model returned no answer" });
      expect(p.parse("   \n")).toMatchObject({ ok: false, error: expect.stringMatching(/^empty:/) });
      expect(p.parse("I'm sorry, but I can't help with that.")).toMatchObject({ ok: false, error: expect.stringMatching(/^refusal:/) });
      expect(p.parse("¯\\_(ツ)_/¯ {{{")).toMatchObject({ ok: false, error: expect.stringMatching(/^parse:/) });
    }
    expect(json.parse('{"foo": 1}')).toMatchObject({ ok: false, error: expect.stringMatching(/^parse:/) });
  });
});

type Expected = { vulnerable: boolean; cwe?: string | null } | "unparsable";
/** Answers that a loose reading flipped or guessed; each row: prompt, answer, what it says (or that it says nothing clear). */
const TABLE: Array<[typeof json, string, Expected]> = [
  [study, "No doubt: CWE-78, the command is built from user input.", { vulnerable: true, cwe: "CWE-78" }],
  [study, "safe? No. It is vulnerable (CWE-22).", { vulnerable: true, cwe: "CWE-22" }],
  [binary, "safe? No. It is vulnerable (CWE-22).", { vulnerable: true, cwe: "CWE-22" }],
  [binary, '{"vulnerable": false}', { vulnerable: false, cwe: null }],
  [binary, '```json\n{"vulnerable": true, "cwe": "CWE-89"}\n```', { vulnerable: true }],
  [study, "CWE-78 is not present; the code is safe.", { vulnerable: false, cwe: null }],
  [study, "There is no CWE-89 here: the query is parameterised.", { vulnerable: false, cwe: null }],
  [study, "Not CWE-79 but CWE-89: the query is concatenated.", { vulnerable: true, cwe: "CWE-89" }],
  [study, "The code is not vulnerable, although CWE-89 would apply if the id came from the user.", "unparsable"],
  [study, "Maybe.", "unparsable"],
  [study, "3 lines look odd", "unparsable"],
  [binary, "It could be either.", "unparsable"],
  [binary, "Not vulnerable, but arguably vulnerable to CWE-400.", "unparsable"],
  [json, '{"vulnerable": true, "cwe": "CWE-89", "lines": [3', "unparsable"],
  [json, 'Here it is: {"vulnerable": false, "cwe": "none", "rea', "unparsable"],
  [study, '{"vulnerable": true, "cwe": "CWE-', "unparsable"],
  [binary, '{"vulnerable": fal', "unparsable"],
  [json, '{"vulnerable": "maybe", "cwe": "CWE-89"}', "unparsable"],
  [json, '{"vulnerable": false, "cwe": "CWE-89"}', { vulnerable: false, cwe: null }],
  [json, '{"cwe": "SQL injection, probably"}', "unparsable"],
  [json, "The code is vulnerable to CWE-89.", { vulnerable: true, cwe: "CWE-89" }],
  [json, "No vulnerabilities found.", { vulnerable: false, cwe: null }],
  [binary, "Yes, it is unsafe.", { vulnerable: true, cwe: null }],
  [binary, "No.", { vulnerable: false, cwe: null }],
  [study, "89", { vulnerable: true, cwe: "CWE-89" }],
];

describe("the answer parser never flips a verdict and never guesses", () => {
  it.each(TABLE.map(([p, text, want]) => [p.id, text, want] as const))("%s: %j", (id, text, want) => {
    const got = getPrompt(id).parse(text);
    if (want === "unparsable") expect(got).toMatchObject({ ok: false, error: expect.stringMatching(/^parse: unparsable answer/) });
    else expect(got).toMatchObject({ ok: true, answer: want });
  });
});
