import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formats, isFormatName } from "../../src/report/formats/index.js";
import type { ScanResult } from "../../src/scan/Finding.js";
import { scanPaths } from "../../src/scan/scanPaths.js";
import { fakeDetector } from "../scan/fakeDetector.js";
import { EXPECTED, fixtureCopy } from "../scan/fixtureRepo.js";
import { sarifErrors } from "./sarifSchema.js";

let repo: ReturnType<typeof fixtureCopy>;
let result: ScanResult;

beforeAll(async () => {
  repo = fixtureCopy();
  result = await scanPaths([repo.dir], { root: repo.dir, detector: fakeDetector({ sync: true }), lineHashes: true });
});
afterAll(() => repo.remove());

const planted = EXPECTED.findings.map((p) => `${p.file}:${p.line}-${p.line}:${p.cwe}`).sort();

describe("formats registry", () => {
  it("has text, json and sarif", () => {
    expect(Object.keys(formats).sort()).toEqual(["json", "sarif", "text"]);
    expect(isFormatName("sarif")).toBe(true);
    expect(isFormatName("toString")).toBe(false);
  });
});

describe("json format", () => {
  it("round-trips the findings, skipped files and summary", () => {
    const doc = JSON.parse(formats.json.render(result));
    const active = doc.findings.filter((f: any) => !f.suppression).map((f: any) => `${f.file}:${f.startLine}-${f.endLine}:${f.cwe}`);
    expect(active.sort()).toEqual(planted);
    const suppressed = doc.findings.filter((f: any) => f.suppression);
    expect(suppressed.map((f: any) => [f.file, f.startLine, f.cwe, f.suppression.reason])).toEqual(
      EXPECTED.suppressed.map((s) => [s.file, s.line, s.cwe, s.reason]),
    );
    expect(doc.skipped.map((s: any) => s.path).sort()).toEqual(EXPECTED.skipped.map((s) => s.path).sort());
    expect(doc.summary).toMatchObject({ findings: planted.length, suppressed: 1, incomplete: true });
    expect(doc.tool.name).toBe("cwescope");
    for (const f of doc.findings) expect(f).toMatchObject({ cweName: expect.any(String), severity: expect.any(Number), fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });
});

describe("sarif format", () => {
  const sarif = () => JSON.parse(formats.sarif.render(result, { root: repo.dir }));

  it("validates against the SARIF 2.1.0 schema", () => {
    expect(sarifErrors(sarif())).toEqual([]);
  });

  it("rejects a broken log (the validator is live)", () => {
    const log = sarif();
    log.runs[0].results[0].level = "fatal";
    delete log.version;
    expect(sarifErrors(log).length).toBeGreaterThan(0);
  });

  it("meets GitHub code scanning's requirements", () => {
    const run = sarif().runs[0];
    // No homepage in package.json: no invented informationUri (issue #18 item 5).
    expect(run.tool.driver).toMatchObject({ name: "cwescope", version: expect.any(String) });
    expect(run.tool.driver.informationUri).toBeUndefined();
    const rules = run.tool.driver.rules;
    const sqli = rules.find((r: any) => r.id === "CWE-89");
    expect(sqli.properties.tags).toEqual(["security", "external/cwe/cwe-089"]);
    expect(sqli.properties["security-severity"]).toBe("9.8");
    for (const r of rules) {
      expect(r.shortDescription.text.length).toBeGreaterThan(0);
      expect(r.fullDescription.text.length).toBeGreaterThan(r.shortDescription.text.length);
      expect(r.help.text).toContain(r.id);
      expect(r.help.markdown).toContain("cwe.mitre.org");
      expect(typeof r.properties["security-severity"]).toBe("string");
    }
    for (const r of run.results) {
      expect(rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.partialFingerprints["cwescope/v1"]).toMatch(/^[0-9a-f]{32}$/);
      expect(r.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]+:\d+$/);
      expect(r.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe("%SRCROOT%");
    }
    expect(run.originalUriBaseIds["%SRCROOT%"].uri).toMatch(/^file:\/\/.*\/$/);
  });

  it("holds the same findings as json, with the suppression and the skipped files", () => {
    const run = sarif().runs[0];
    const key = (r: any) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}-${r.locations[0].physicalLocation.region.endLine}:${r.ruleId}`;
    expect(run.results.filter((r: any) => !r.suppressions).map(key).sort()).toEqual(planted);
    const suppressed = run.results.filter((r: any) => r.suppressions);
    expect(suppressed.map((r: any) => [key(r), r.suppressions[0].kind, r.suppressions[0].justification])).toEqual(
      EXPECTED.suppressed.map((s) => [`${s.file}:${s.line}-${s.line}:${s.cwe}`, "inSource", s.reason]),
    );
    const inv = run.invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    const notified = inv.toolExecutionNotifications.map((n: any) => n.locations[0].physicalLocation.artifactLocation.uri);
    for (const s of EXPECTED.skipped) expect(notified).toContain(s.path);
  });
});

describe("text format", () => {
  it("groups findings under their file and lists skipped files", () => {
    const out = formats.text.render(result);
    for (const p of [...EXPECTED.findings, ...EXPECTED.suppressed]) {
      const section = out.slice(out.indexOf(`${p.file}\n`));
      expect(section).toMatch(new RegExp(`^  ${p.line}\\s+\\w+\\s+${p.cwe}\\s`, "m"));
    }
    expect(out).toContain("suppressed: days is checked");
    for (const s of EXPECTED.skipped) expect(out).toContain(s.path);
    expect(out).toContain("INCOMPLETE");
    expect(out).not.toContain("\x1b[");
  });

  it("keeps untrusted text inert: a model's reason, a file name or a suppression reason cannot drive the terminal", () => {
    const f = result.findings[0];
    const hostile: ScanResult = {
      ...result,
      findings: [{ ...f, file: "app/\x1b[2Jevil\r.py", message: "SQL \x1b]8;;https://evil.example\x07click\x1b]8;;\x07 \x9b31m\u202egnp.exe", suppression: { line: 1, cwes: [], reason: "ok\x1b[8m" } }],
      notes: [{ path: "x.py", note: "model-error", detail: "reason: \x1b[41mred\x07" }],
    };
    const out = formats.text.render(hostile);
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(out).toContain("SQL \\u{1b}]8;;https://evil.example\\u{7}click");
    expect(out).toContain("app/\\u{1b}[2Jevil\\u{d}.py");
  });

  it("colours only when asked", () => {
    expect(formats.text.render(result, { color: true })).toContain("\x1b[");
  });
});
