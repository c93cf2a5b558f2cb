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
