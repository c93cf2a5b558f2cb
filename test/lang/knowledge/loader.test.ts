// The one loader: library family files merged into each language's table, every row in the shared vocabulary.
import { describe, expect, it } from "vitest";
import { GUARD_CONCEPTS, SINK_CONCEPTS, SOURCE_CONCEPTS } from "../../../src/lang/index.js";
import { assembleTable } from "../../../src/lang/knowledge/assembleTable.js";
import { JAVASCRIPT_FAMILIES, JAVASCRIPT_TABLE } from "../../../src/lang/knowledge/javascript/index.js";
import { PYTHON_FAMILIES, PYTHON_TABLE } from "../../../src/lang/knowledge/python/index.js";
import { PROTECTIONS } from "../../../src/lang/tables/protections.js";
import { SINK_CWE } from "../../../src/lang/tables/sinkCwes.js";
import { SETTINGS } from "../../../src/lang/tables/settings.js";

const CWE = /^CWE-\d+$/;

describe("assembleTable", () => {
  it("concatenates each family's rows after the base's, in the order listed", () => {
    const base = { requestParams: /^req$/, untaintedParams: /^res$/, handlers: ["app.*"] };
    const table = assembleTable(base, [
      { family: "a", sinks: [{ callee: "a.run", concept: "shell" }], handlers: ["a.route"] },
      { family: "b", sinks: [{ callee: "b.run", concept: "spawn" }] },
    ]);
    expect(table.sinks.map((s) => s.callee)).toEqual(["a.run", "b.run"]);
    expect(table.handlers).toEqual(["app.*", "a.route"]);
    expect(table.sources).toEqual([]);
    expect(table.requestParams).toBe(base.requestParams);
  });

  it("refuses a family listed twice", () => {
    const base = { requestParams: /^req$/, untaintedParams: /^res$/ };
    expect(() => assembleTable(base, [{ family: "x" }, { family: "x" }])).toThrow(/"x" is listed twice/);
  });
});

describe("the shipped knowledge", () => {
  for (const [language, families, table] of [["python", PYTHON_FAMILIES, PYTHON_TABLE], ["javascript", JAVASCRIPT_FAMILIES, JAVASCRIPT_TABLE]] as const) {
    it(`${language}: every row names a known concept and a well-formed CWE`, () => {
      expect(new Set(families.map((f) => f.family)).size).toBe(families.length);
      for (const s of table.sources) expect(SOURCE_CONCEPTS).toContain(s.concept);
      for (const s of table.sinks) {
        expect(SINK_CONCEPTS).toContain(s.concept);
        for (const cwe of [s.cwe, ...(s.refine ?? []).map((r) => r.cwe)]) if (cwe) expect(cwe).toMatch(CWE);
      }
      for (const g of table.guards) expect(GUARD_CONCEPTS).toContain(g.concept);
      for (const p of table.sinkProperties) expect(SINK_CONCEPTS).toContain(p.concept);
    });
  }

  it("gives every sink concept a default CWE, and names only guards that exist in its protections", () => {
    for (const c of SINK_CONCEPTS) expect(SINK_CWE[c]).toMatch(CWE);
    for (const p of Object.values(PROTECTIONS)) for (const g of p!.guards) expect(GUARD_CONCEPTS).toContain(g);
    for (const s of SETTINGS) if (s.cwe) expect(s.cwe).toMatch(CWE);
  });
});
