import { describe, expect, it } from "vitest";
import {
  CWE_ENTRIES, STUDY_CWES, TARGET_CWES, cweEntry, cweName, familyOf, isKnownCwe, isTargetCwe, parseCweId, sameFamily, sarifCweTag, severityOf,
  targetEntries, top25, appliesTo,
} from "../../src/cwe/index.js";

const BREADTH = [
  95, 1336, 601, 611, 776, 943, 90, 643, 117, 113, 1333, 1321, 915, 327, 328, 916, 338, 295, 319, 614, 1004, 209, 532, 347, 942,
  489, 377, 732, 326,
].map((n) => `CWE-${n}`);

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

  it("keeps the study's 20 CWEs first, then the 29 breadth targets of DESIGN.md", () => {
    expect(STUDY_CWES).toHaveLength(20);
    expect(TARGET_CWES.slice(0, 20)).toEqual(STUDY_CWES);
    expect([...TARGET_CWES.slice(20)].sort()).toEqual([...BREADTH].sort());
    expect(new Set(TARGET_CWES).size).toBe(49);
    expect(targetEntries().map((entry) => entry.id)).toEqual(TARGET_CWES);
  });

  it("gives every target a name, a severity, languages and known parents", () => {
    for (const id of TARGET_CWES) {
      const entry = cweEntry(id)!;
      expect(isTargetCwe(id)).toBe(true);
      expect(entry.applicability).toBe("target");
      expect(cweName(id)).not.toBe("Unknown CWE");
      expect(severityOf(id)).toBeGreaterThan(0);
      expect(severityOf(id)).toBeLessThanOrEqual(10);
      expect(entry.languages).toEqual(["python", "javascript"]);
      for (const parent of entry.parents) expect(isKnownCwe(parent), `${id} → ${parent}`).toBe(true);
    }
    expect(CWE_ENTRIES.filter((entry) => entry.applicability === "target")).toHaveLength(49);
    expect(new Set(CWE_ENTRIES.map((entry) => entry.id)).size).toBe(CWE_ENTRIES.length);
  });

  it("uses MITRE's names for the breadth targets", () => {
    expect(cweName("CWE-113")).toBe("Improper Neutralization of CRLF Sequences in HTTP Headers ('HTTP Request/Response Splitting')");
    expect(cweName("CWE-1004")).toBe("Sensitive Cookie Without 'HttpOnly' Flag");
    expect(cweName("CWE-338")).toBe("Use of Cryptographically Weak Pseudo-Random Number Generator (PRNG)");
  });

  it("marks memory-safety entries as not applicable to Python and JavaScript", () => {
    expect(appliesTo("CWE-787", "python")).toBe(false);
    expect(appliesTo("CWE-787", "javascript")).toBe(false);
    expect(appliesTo("CWE-89", "python")).toBe(true);
    expect(appliesTo("CWE-1321", "typescript")).toBe(true);
    expect(appliesTo("CWE-787", "c")).toBe(true);
    expect(appliesTo("CWE-89", "c")).toBe(false);
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
    ["CWE-90", "CWE-943"],
    ["CWE-643", "CWE-943"],
    ["CWE-89", "CWE-943"],
    ["CWE-1321", "CWE-915"],
    ["CWE-916", "CWE-328"],
    ["CWE-916", "CWE-326"],
    ["CWE-614", "CWE-319"],
    ["CWE-1004", "CWE-732"],
    ["CWE-209", "CWE-200"],
    ["CWE-532", "CWE-200"],
    ["CWE-295", "CWE-287"],
  ])("%s and %s are one family", (a, b) => {
    expect(sameFamily(a, b)).toBe(true);
    expect(sameFamily(b, a)).toBe(true);
  });

  it("does not merge unrelated injections through abstract pillars", () => {
    expect(sameFamily("CWE-79", "CWE-89")).toBe(false);
    expect(sameFamily("CWE-78", "CWE-94")).toBe(false);
    expect(sameFamily("CWE-862", "CWE-863")).toBe(false);
    expect(sameFamily("CWE-89", "CWE-90")).toBe(false);
    expect(sameFamily("CWE-209", "CWE-532")).toBe(false);
    expect(sameFamily("CWE-327", "CWE-328")).toBe(false);
    expect(sameFamily("CWE-601", "CWE-611")).toBe(false);
  });

  it("names the family head among the targets", () => {
    expect(familyOf("CWE-78")).toBe("CWE-77");
    expect(familyOf("CWE-639")).toBe("CWE-284");
    expect(familyOf("CWE-79")).toBe("CWE-79");
    expect(familyOf("CWE-90")).toBe("CWE-943");
    expect(familyOf("CWE-1321")).toBe("CWE-915");
  });
});

describe("formatting", () => {
  it("formats SARIF tags with three digits", () => {
    expect(sarifCweTag("CWE-89")).toBe("external/cwe/cwe-089");
    expect(sarifCweTag("CWE-1336")).toBe("external/cwe/cwe-1336");
    expect(sarifCweTag("CWE-22")).toBe("external/cwe/cwe-022");
  });
});
