import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readBaseline, writeBaseline } from "../../src/scan/baseline.js";
import type { ScanResult } from "../../src/scan/Finding.js";
import { scanExitCode } from "../../src/scan/exitCode.js";
import { scanPaths } from "../../src/scan/scanPaths.js";
import { fakeDetector } from "./fakeDetector.js";
import { EXPECTED, fixtureCopy } from "./fixtureRepo.js";

const key = (f: { file: string; startLine: number; endLine: number; cwe: string }) => `${f.file}:${f.startLine}-${f.endLine}:${f.cwe}`;
const planted = EXPECTED.findings.map((p) => `${p.file}:${p.line}-${p.line}:${p.cwe}`).sort();
const active = (r: ScanResult) => r.findings.filter((f) => !f.suppression).map(key).sort();

let repo: ReturnType<typeof fixtureCopy>;
beforeAll(() => {
  repo = fixtureCopy();
});
afterAll(() => repo.remove());

describe("scanPaths on the fixture repository", () => {
  it("finds the planted weaknesses, keeps the suppressed one apart and lists what it did not scan", async () => {
    const r = await scanPaths([repo.dir], { root: repo.dir, detector: fakeDetector({ sync: true }) });
    expect(active(r)).toEqual(planted);
    expect(r.findings.filter((f) => f.suppression).map((f) => [key(f), f.suppression!.reason])).toEqual(
      EXPECTED.suppressed.map((s) => [`${s.file}:${s.line}-${s.line}:${s.cwe}`, s.reason]),
    );
    expect(r.skipped.map((s) => ({ path: s.path, reason: s.reason, incomplete: s.incomplete })).sort((a, b) => (a.path < b.path ? -1 : 1))).toEqual(EXPECTED.skipped);
    // The .gitignored file, node_modules and docs/ (.cwescopeignore) hold weaknesses too, but are not scanned.
    expect(r.findings.some((f) => /local_settings|node_modules|docs\//.test(f.file))).toBe(false);
    expect(r.summary).toMatchObject({ files: 7, findings: planted.length, suppressed: 1, incomplete: true, failedUnits: 0 });
    expect(r.summary.stages).toHaveLength(1);
    expect(r.summary.stages[0]).toMatchObject({ model: "fake", units: r.summary.units, failed: 0 });
    expect(scanExitCode(r)).toBe(2);
    expect(scanExitCode(r, { allowIncomplete: true })).toBe(1);
    expect(scanExitCode(r, { allowIncomplete: true, failOn: "critical" })).toBe(1);
  });

  it("gives the same findings through the asynchronous detect() path", async () => {
    const sync = await scanPaths([repo.dir], { root: repo.dir, detector: fakeDetector({ sync: true }) });
    const detector = fakeDetector();
    const r = await scanPaths([repo.dir], { root: repo.dir, detector, concurrency: 3 });
    expect(r.findings.map(key)).toEqual(sync.findings.map(key));
    expect(r.findings.map((f) => f.fingerprint)).toEqual(sync.findings.map((f) => f.fingerprint));
    expect(detector.calls.length).toBe(r.summary.units);
    expect(detector.calls.every((c) => c.unit && c.code === c.unit.code)).toBe(true);
    expect(detector.closed).toBe(false);
  });

  it("cascade: only units above the triage threshold reach the confirming model", async () => {
    const confirm = fakeDetector({ id: "confirmer", failOn: ["show_user"] });
    const r = await scanPaths([repo.dir], { root: repo.dir, detector: fakeDetector({ sync: true }), confirmDetector: confirm, triageThreshold: 0.5 });
    const flagged = planted.length + EXPECTED.suppressed.length;
    expect(confirm.calls.length).toBe(flagged);
    expect(r.summary.stages.map((s) => [s.model, s.units])).toEqual([["fake", r.summary.units], ["confirmer", flagged]]);
    expect(r.summary.stages[1].failed).toBe(1);
    expect(active(r)).toEqual(planted);
    // The failed confirmation keeps the triage verdict and says so.
    expect(r.findings.find((f) => f.unit.name === "show_user")?.model).toBe("fake");
    expect(r.notes.some((n) => n.note === "confirm-error" && n.detail.includes("show_user"))).toBe(true);
    expect(r.summary.incomplete).toBe(true);

    const none = fakeDetector({ id: "confirmer" });
    const strict = await scanPaths([repo.dir], { root: repo.dir, detector: fakeDetector({ sync: true }), confirmDetector: none, triageThreshold: 0.95 });
    expect(none.calls.length).toBe(0);
    expect(strict.findings).toEqual([]);
  });

  it("a unit the triage model fails on makes the scan incomplete and is named", async () => {
    const r = await scanPaths([repo.dir], { root: repo.dir, detector: fakeDetector({ sync: true, failOn: ["ping"] }), include: ["app/**"] });
    expect(r.summary.failedUnits).toBe(1);
    expect(r.summary.incomplete).toBe(true);
    expect(r.notes).toContainEqual(expect.objectContaining({ path: "app/views.py", note: "model-error" }));
    expect(active(r)).not.toContain("app/views.py:35-35:CWE-78");
  });
});

describe("scanPaths on small trees", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

  it("keeps fingerprints across edits above the finding, and changes them when the flagged line changes", async () => {
    dir = mkdtempSync(join(tmpdir(), "cwescope-fp-"));
    const body = 'def run(cmd):\n    os.system("sh -c " + cmd)\n';
    write("a.py", "import os\n\n\n" + body);
    const before = (await scanPaths([dir], { root: dir, detector: fakeDetector({ sync: true }) })).findings[0];
    write("a.py", "import os\nimport sys\n\n\ndef other():\n    return sys.argv\n\n\n" + body);
    const after = (await scanPaths([dir], { root: dir, detector: fakeDetector({ sync: true }) })).findings[0];
    expect(after.startLine).toBe(before.startLine + 5);
    expect(after.fingerprint).toBe(before.fingerprint);
    write("a.py", "import os\n\n\n" + body.replace("sh -c", "bash -c"));
    const edited = (await scanPaths([dir], { root: dir, detector: fakeDetector({ sync: true }) })).findings[0];
    expect(edited.fingerprint).not.toBe(before.fingerprint);
  });

  it("baseline: reports only findings that are new", async () => {
    dir = mkdtempSync(join(tmpdir(), "cwescope-baseline-"));
    write("a.py", 'import os\n\n\ndef run(cmd):\n    os.system("sh -c " + cmd)\n');
    const first = await scanPaths([dir], { root: dir, detector: fakeDetector({ sync: true }) });
    const file = join(dir, "baseline.json");
    expect(await writeBaseline(file, first.findings)).toBe(1);
    write("b.js", "const run = (req) => eval(req.body);\n");
    const second = await scanPaths([dir], { root: dir, detector: fakeDetector({ sync: true }), baseline: await readBaseline(file) });
    expect(second.findings.map(key)).toEqual(["b.js:1-1:CWE-94"]);
    expect(second.summary).toMatchObject({ findings: 1, baselined: 1 });
    write("bad.json", "{\n  nope");
    await expect(readBaseline(join(dir, "bad.json"))).rejects.toThrow(/bad\.json: baseline is not valid JSON/);
    write("wrong.json", '{"tool": "cwescope", "version": 1, "findings": [{"cwe": "CWE-89"}]}');
    await expect(readBaseline(join(dir, "wrong.json"))).rejects.toThrow(/wrong\.json: not a cwescope baseline: findings\.0\.fingerprint/);
  });

  it("scans files with syntax errors from the partial tree and notes them; skips files over the size limit", async () => {
    dir = mkdtempSync(join(tmpdir(), "cwescope-parse-"));
    write("broken.py", 'import os\n\ndef run(cmd:\n    os.system("sh -c " + cmd)\n');
    write("big.js", "// padding\n".repeat(200));
    const r = await scanPaths([dir], { root: dir, detector: fakeDetector({ sync: true }), maxFileBytes: 1000 });
    expect(r.notes).toContainEqual(expect.objectContaining({ path: "broken.py", note: "parse-error" }));
    expect(r.findings.map((f) => f.cwe)).toEqual(["CWE-78"]);
    expect(r.skipped).toEqual([expect.objectContaining({ path: "big.js", reason: "too-large", incomplete: true })]);
  });
});
