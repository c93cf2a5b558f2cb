import { describe, expect, it } from "vitest";
import { findSuppression, parseSuppressions } from "../../src/scan/suppressions.js";

describe("suppressions", () => {
  it("parses Python and JavaScript comments with CWEs and a reason", () => {
    const text = [
      "x = 1  # cwescope-ignore CWE-89 -- parameterised upstream",
      "// cwescope-ignore CWE-78, cwe-22",
      "/* cwescope-ignore -- generated file */",
      "s = 'no marker here'",
    ].join("\n");
    expect(parseSuppressions(text)).toEqual([
      { line: 1, cwes: ["CWE-89"], reason: "parameterised upstream" },
      { line: 2, cwes: ["CWE-78", "CWE-22"], reason: "" },
      { line: 3, cwes: [], reason: "generated file" },
    ]);
    expect(parseSuppressions("print('hello')\n")).toEqual([]);
  });

  it("covers a finding on the same line or the line below, for its CWE, a parent CWE, or any CWE", () => {
    const s = parseSuppressions("# cwescope-ignore CWE-77\nos.system(x)\n\n\nfoo()\n");
    expect(findSuppression(s, { cwe: "CWE-78", startLine: 2, endLine: 2 })).toBeDefined();
    expect(findSuppression(s, { cwe: "CWE-78", startLine: 1, endLine: 1 })).toBeDefined();
    expect(findSuppression(s, { cwe: "CWE-78", startLine: 3, endLine: 3 })).toBeUndefined();
    expect(findSuppression(s, { cwe: "CWE-89", startLine: 2, endLine: 2 })).toBeUndefined();
    const any = parseSuppressions("\n\n// cwescope-ignore\nfoo()\n");
    expect(findSuppression(any, { cwe: "CWE-89", startLine: 4, endLine: 6 })).toMatchObject({ line: 3, cwes: [] });
  });
});
