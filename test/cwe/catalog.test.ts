import { describe, expect, it } from "vitest";
import {
  TARGET_CWES, cweName, familyOf, isKnownCwe, parseCweId, sameFamily, sarifCweTag, severityOf, top25, appliesTo,
} from "../../src/cwe/index.js";

describe("parseCweId", () => {
  it.each([
    ["cwe-89", "CWE-89"],
    ["CWE-089", "CWE-89"],
    ["89", "CWE-89"],
    ["CWE-89: SQL Injection", "CWE-89"],
    ["  cwe_79 ", "CWE-79"],
    ["The answer is CWE-502.", "CWE-502"],
    [22, "CWE-22"],
  ])("%s → %s", (input, expected) => expect(parseCweId(input)).toBe(expected));

  it.each(["none", "", "CWE-", "not vulnerable", "CWE-0"])("%s has no id", (input) => expect(parseCweId(input)).toBeNull());

  it("keeps ids outside the catalog as valid ids", () => {
    expect(parseCweId("CWE-99999")).toBe("CWE-99999");
    expect(isKnownCwe("CWE-99999")).toBe(false);
    expect(cweName("CWE-99999")).toBe("Unknown CWE");
  });
});

describe("catalog", () => {
  it("has both Top 25 lists in rank order with 25 entries", () => {
    for (const year of [2024, 2025] as const) {
      const list = top25(year);
      expect(list).toHaveLength(25);
      expect(list[0].id).toBe("CWE-79");
    }
    expect(top25(2025).map((e) => e.id).slice(0, 4)).toEqual(["CWE-79", "CWE-89", "CWE-352", "CWE-862"]);
  });

  it("knows the 20 target CWEs, each with a name and severity", () => {
    expect(TARGET_CWES).toHaveLength(20);
    for (const id of TARGET_CWES) {
      expect(isKnownCwe(id)).toBe(true);
      expect(cweName(id)).not.toBe("Unknown CWE");
      expect(severityOf(id)).toBeGreaterThan(0);
    }
  });

  it("marks memory-safety entries as not applicable to Python and JavaScript", () => {
    expect(appliesTo("CWE-787", "python")).toBe(false);
    expect(appliesTo("CWE-787", "javascript")).toBe(false);
    expect(appliesTo("CWE-89", "python")).toBe(true);
  });
});

describe("families", () => {
  it.each([
    ["CWE-78", "CWE-77"],
    ["CWE-95", "CWE-94"],
    ["CWE-1336", "CWE-94"],
    ["CWE-862", "CWE-284"],
    ["CWE-863", "CWE-284"],
    ["CWE-639", "CWE-284"],
    ["CWE-639", "CWE-863"],
  ])("%s and %s are one family", (a, b) => {
    expect(sameFamily(a, b)).toBe(true);
    expect(sameFamily(b, a)).toBe(true);
  });

  it("does not merge unrelated injections through abstract pillars", () => {
    expect(sameFamily("CWE-79", "CWE-89")).toBe(false);
    expect(sameFamily("CWE-78", "CWE-94")).toBe(false);
    expect(sameFamily("CWE-862", "CWE-863")).toBe(false);
  });

  it("names the family head among the targets", () => {
    expect(familyOf("CWE-78")).toBe("CWE-77");
    expect(familyOf("CWE-639")).toBe("CWE-284");
    expect(familyOf("CWE-79")).toBe("CWE-79");
  });
});

describe("formatting", () => {
  it("formats SARIF tags with three digits", () => {
    expect(sarifCweTag("CWE-89")).toBe("external/cwe/cwe-089");
    expect(sarifCweTag("CWE-1336")).toBe("external/cwe/cwe-1336");
    expect(sarifCweTag("CWE-22")).toBe("external/cwe/cwe-022");
  });
});
