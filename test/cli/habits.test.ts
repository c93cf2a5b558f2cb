// CLI habits of a scanner people already use (issue #18 item 3): short flags, one-line usage errors, examples
// and exit codes in every --help, a useful --verbose.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.js";
import { runBin } from "../helpers/runBin.js";

const out = mkdtempSync(join(tmpdir(), "cwescope-habits-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const FIXTURE = "test/fixtures/scan-repo/app";

type Program = ReturnType<typeof buildProgram>;

/** Every command of the program with its path, subcommands included. */
function commands(): [string, Program][] {
  const found: [string, Program][] = [];
  const visit = (c: Program, path: string) => {
    for (const sub of c.commands) {
      const p = `${path} ${sub.name()}`.trim();
      found.push([p, sub]);
      visit(sub, p);
    }
  };
  visit(buildProgram({ exitCode: 0, stdout: process.stdout }), "");
  return found;
}

/** The whole --help text as commander writes it (the text added after the options included). */
function helpOf(command: Program): string {
  let text = "";
  command.configureOutput({ writeOut: (s) => (text += s) });
  command.outputHelp();
  return text;
}

describe("cli habits", () => {
  it("ends every command's --help with examples and the exit codes", async () => {
    const all = commands();
    expect(all.length).toBeGreaterThan(12);
    for (const [path, command] of all) {
      expect(helpOf(command), path).toMatch(/Examples:\n {2}\$ cwescope [^\n]+\n[\s\S]*Exit codes: 0 ok \/ no findings, 1 findings, 2 error or incomplete\.\n$/);
    }
    const bin = await runBin(["scan", "--help"]);
    expect(bin.stdout).toMatch(/\$ cwescope scan \. --sarif -o cwescope\.sarif --exclude tests/);
  });

  it("answers a usage error with one line and a pointer to --help, exit 2", async () => {
    for (const args of [["scan"], ["scan", FIXTURE, "--bogus"], ["eval", "--model"]]) {
      const r = await runBin(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^error: /), "(see --help)"]);
    }
  });

  it("takes -o, -f, --json and --sarif as Semgrep does, and refuses two formats at once", async () => {
    const json = await runBin(["scan", FIXTURE, "--json", "--no-progress"]);
    expect(JSON.parse(json.stdout).findings.length).toBeGreaterThan(0);
    const sarifFile = join(out, "r.sarif");
    const sarif = await runBin(["scan", FIXTURE, "--sarif", "-o", sarifFile, "--no-progress"]);
    expect([0, 1]).toContain(sarif.code);
    expect(JSON.parse(readFileSync(sarifFile, "utf8")).version).toBe("2.1.0");
    const short = await runBin(["scan", FIXTURE, "-f", "json", "--no-progress"]);
    expect(JSON.parse(short.stdout).findings).toEqual(JSON.parse(json.stdout).findings);
    const both = await runBin(["scan", FIXTURE, "--json", "--sarif"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/cannot be used with/);
  });

  it("--verbose on scan names every file with its units and time, and the slowest", async () => {
    const r = await runBin(["--verbose", "scan", FIXTURE, "--json", "--no-progress"]);
    for (const file of ["__init__.py", "sessions.py", "views.py"]) expect(r.stderr).toMatch(new RegExp(`scanned ${FIXTURE}/${file.replace(".", "\\.")}: \\d+ units in [\\d.]+ ms`));
    expect(r.stderr).toMatch(/^slowest: /m);
    expect(r.stderr).toMatch(/^parse \d+ ms over 1 thread; embedded: \d+ units/m);
  });
});
