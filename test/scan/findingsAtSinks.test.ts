// Findings, not verdicts (issue #14 item 5): one finding per weakness at its sink, with its path, why and fix;
// severity by confidence and file context; SARIF codeFlows and snippets valid against the 2.1.0 schema.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PredictedFinding } from "../../src/data/record.js";
import type { CodeUnit } from "../../src/lang/CodeUnit.js";
import type { Detector, Prediction } from "../../src/models/Detector.js";
import { formats } from "../../src/report/formats/index.js";
import type { ScanResult } from "../../src/scan/Finding.js";
import { scanPaths } from "../../src/scan/scanPaths.js";
import { sarifErrors } from "../report/sarifSchema.js";

const VIEWS = `import os
import sqlite3
from flask import request


def search():
    q = request.args["q"]
    sql = "SELECT * FROM items WHERE name = '" + q + "'"
    cur = sqlite3.connect("shop.db").cursor()
    cur.execute(sql)
    os.system("grep " + q + " /var/log/shop.log")
    return "ok"
`;

/** A detector double that reports what a findings engine would: the two sinks of \`search\`, in file lines. */
function sinkDetector(model = "sinks"): Detector & { scoreUnit(unit: CodeUnit, id?: string): Prediction } {
  const findingsOf = (unit: CodeUnit): PredictedFinding[] => {
    const lines = unit.code.split("\n");
    const at = (needle: string) => unit.startLine + lines.findIndex((l) => l.includes(needle));
    if (!unit.code.includes("cur.execute")) return [];
    const src = at('request.args["q"]');
    const sql = at("cur.execute(sql)");
    const sh = at("os.system(");
    return [
      {
        cwe: "CWE-89", confidence: 0.9, startLine: sql, startColumn: 5, endLine: sql, endColumn: 21, concept: "sql", sources: ["request"], kinds: ["concat"],
        path: [
          { line: src, kind: "source", text: 'request.args["q"]' },
          { line: at("sql = "), kind: "step", text: `sql = "SELECT … '" + q + "'"`, note: "concatenated" },
          { line: sql, kind: "sink", text: "cur.execute(sql)\u001b]8;;http://x\u0007" },
        ],
        inferred: [],
      },
      {
        cwe: "CWE-78", confidence: 0.6, startLine: sh, startColumn: 5, endLine: sh, endColumn: 49, concept: "shell", sources: ["request"], kinds: ["concat"],
        path: [
          { line: src, kind: "source", text: 'request.args["q"]' },
          { line: sh, kind: "sink", text: 'os.system("grep " + q + " /var/log/shop.log")' },
        ],
        inferred: ["sink: os read as the os module"],
      },
    ];
  };
  const scoreUnit = (unit: CodeUnit, id = unit.name): Prediction => {
    const findings = findingsOf(unit);
    const top = findings[0];
    return { id, vulnerable: !!top, cwe: top?.cwe ?? null, confidence: top?.confidence ?? 0.9, lines: findings.map((f) => f.startLine), latency_ms: 0, model, findings };
  };
  return {
    id: model, backend: "embedded", scoreUnit,
    digest: async () => model, preflight: async () => {}, detect: async (input) => scoreUnit(input.unit!, input.id),
    versions: () => ({}), close: async () => {},
  };
}

let dir: string;
let result: ScanResult;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cwescope-sinks-"));
  mkdirSync(join(dir, "app"));
  mkdirSync(join(dir, "tests"));
  writeFileSync(join(dir, "app", "views.py"), VIEWS);
  writeFileSync(join(dir, "tests", "test_views.py"), VIEWS);
  result = await scanPaths([dir], { root: dir, detector: sinkDetector() });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const inApp = () => result.findings.filter((f) => f.file === "app/views.py");

describe("findings at their sinks", () => {
  it("reports each weakness of one function at its own sink line, with columns, CWE, path, why and fix", () => {
    const found = inApp();
    expect(found.map((f) => [f.startLine, f.cwe, f.startColumn])).toEqual([[10, "CWE-89", 5], [11, "CWE-78", 5]]);
    const sql = found[0];
    expect(sql.message).toMatch(/^Request data reaches an SQL query built by concatenation at `cur\.execute\(sql\)/);
    expect(sql.fix).toMatch(/parameter/i);
    expect(sql.snippet).toBe("    cur.execute(sql)");
    expect(sql.path.map((s) => [s.line, s.kind])).toEqual([[7, "source"], [8, "step"], [10, "sink"]]);
    // Text from scanned code is inert: the OSC escape in the path text lost its control characters.
    expect(JSON.stringify(sql.path)).not.toMatch(/\\u001b|\\u0007/);
    expect(found[1].inferred).toEqual(["sink: os read as the os module"]);
    expect(new Set(found.map((f) => f.fingerprint)).size).toBe(2);
  });

  it("lowers severity for lower confidence and for test files", () => {
    const [sql, shell] = inApp();
    const inTests = result.findings.find((f) => f.file === "tests/test_views.py" && f.cwe === "CWE-89")!;
    expect(sql.context).toBe("code");
    expect(inTests.context).toBe("test");
    expect(sql.severity).toBeCloseTo(9.8 * 0.95, 1);
    expect(shell.severity).toBeLessThan(sql.severity);
    expect(inTests.severity).toBeLessThan(sql.severity / 1.9);
    expect([sql.level, shell.level, inTests.level]).toEqual(["critical", "high", "medium"]);
  });

  it("prints the code line, the path and the fix in text output", () => {
    const out = formats.text.render(result, {});
    expect(out).toContain("  10        critical CWE-89   Request data reaches an SQL query");
    expect(out).toContain("10 | cur.execute(sql)");
    expect(out).toMatch(/path: request\.args\["q"\] :7 → sql = "SELECT … '" \+ q \+ "'" :8 \(concatenated\) → cur\.execute\(sql\)\s*(\]8;;http:\/\/x )?:10/);
    expect(out).toContain("fix: Pass untrusted values as query parameters");
    expect(out).toContain("inferred: sink: os read as the os module");
    expect(out.includes("\u001b")).toBe(false);
  });

  it("carries the path in JSON and codeFlows with snippets in SARIF, valid against the 2.1.0 schema", () => {
    const json = JSON.parse(formats.json.render(result, {}));
    expect(json.findings[0].path).toHaveLength(3);
    const log = JSON.parse(formats.sarif.render(result, { root: dir }));
    expect(sarifErrors(log)).toEqual([]);
    const first = log.runs[0].results.find((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.ruleId === "CWE-89" && r.locations[0].physicalLocation.artifactLocation.uri === "app/views.py");
    expect(first.locations[0].physicalLocation.region).toMatchObject({ startLine: 10, startColumn: 5, endColumn: 21, snippet: { text: "    cur.execute(sql)" } });
    const steps = first.codeFlows[0].threadFlows[0].locations;
    expect(steps.map((l: { location: { physicalLocation: { region: { startLine: number } } } }) => l.location.physicalLocation.region.startLine)).toEqual([7, 8, 10]);
    expect(steps[0].kinds).toEqual(["source"]);
  });

  it("keeps the triage's findings at their sinks when a confirming model agrees, under the confirmer's name", async () => {
    const confirmer: Detector = {
      id: "judge", backend: "openai", digest: async () => "j", preflight: async () => {}, versions: () => ({}), close: async () => {},
      detect: async (input) => ({ id: input.id, vulnerable: true, cwe: "CWE-89", confidence: 0.8, lines: [], latency_ms: 1, model: "judge" }),
    };
    const r = await scanPaths([join(dir, "app")], { root: dir, detector: sinkDetector(), confirmDetector: confirmer, triageThreshold: 0.5 });
    expect(r.findings.map((f) => [f.startLine, f.cwe, f.model])).toEqual([[10, "CWE-89", "judge"], [11, "CWE-78", "judge"]]);
  });
});
