// Where teams run a scanner (issue #18 items 1–2): a project configuration, the pre-commit hook on a real git
// repository, --diff-base on a repository with two commits, and the GitHub Actions example. Needs `npm run build`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { cliProcess, ROOT } from "../helpers/cli.js";

const SQL = (name: string) =>
  `import sqlite3\nfrom flask import request\n\n\ndef ${name}():\n    q = request.args["q"]\n    conn = sqlite3.connect("db")\n    return conn.execute("SELECT * FROM t WHERE name = '" + q + "'").fetchall()\n`;
const SHELL = 'import os\nfrom flask import request\n\n\ndef ping():\n    host = request.args["host"]\n    os.system("ping -c 1 " + host)\n';
const CLEAN = "def add(a, b):\n    return a + b\n";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A git repository in a temporary folder with `files` written. */
function repo(files: Record<string, string>): (...args: string[]) => string {
  dir = mkdtempSync(join(tmpdir(), "cwescope-adopt-"));
  const git = (...args: string[]) => execFileSync("git", ["-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], { encoding: "utf8" });
  git("init", "-q", "-b", "main");
  write(files);
  return git;
}
function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}
const scanJson = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = cliProcess(["scan", ...args, "--json", "--no-progress"], { cwd: dir, env });
  return { ...r, findings: r.stdout ? (JSON.parse(r.stdout).findings as { file: string; startLine: number; cwe: string }[]) : [] };
};

describe("project configuration through the CLI", () => {
  it("scans the configured paths with the configured policy; a flag wins over the file", () => {
    repo({
      ".cwescope.yml": "paths: [app, tests]\ntests: ignore\nfail-on: critical\n",
      "app/views.py": SQL("search"),
      "tests/test_views.py": SQL("test_search"),
      "scripts/ping.py": SHELL,
    });
    const r = scanJson([]);
    expect(r.findings.map((f) => f.file)).toEqual(["app/views.py"]);
    expect(r.code).toBe(0); // a high finding does not reach fail-on: critical
    expect(r.stderr).toMatch(/configuration left out 1 findings .*1 in tests/);
    expect(scanJson([], { CWESCOPE_FAIL_ON: "high" }).code).toBe(1);
    expect(scanJson(["--fail-on", "any"], { CWESCOPE_FAIL_ON: "critical" }).code).toBe(1);
    expect(scanJson(["--no-config"]).code).toBe(2); // no paths given and none configured: a usage error
  });

  it("shows every setting with where it came from, and refuses a bad file with its line", () => {
    repo({ "pyproject.toml": '[project]\nname = "x"\n\n[tool.cwescope]\nseverity = "medium"\nexclude = ["legacy"]\n' });
    const show = cliProcess(["config", "--show"], { cwd: dir, env: { CWESCOPE_MODEL: "embedded" } });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^severity +medium +pyproject\.toml:5 \[tool\.cwescope\]$/m);
    expect(show.stdout).toMatch(/^model +embedded +env CWESCOPE_MODEL$/m);
    expect(show.stdout).toMatch(/^fail-on +any +default$/m);
    const flagged = cliProcess(["scan", "--show-config", "--exclude", "tests"], { cwd: dir });
    expect(flagged.stdout).toMatch(/^exclude +legacy, tests +pyproject\.toml:6 \[tool\.cwescope\] \+ flag --exclude$/m);
    write({ "pyproject.toml": '[tool.cwescope]\nseverity = "medium"\nfail-on = "severe"\n' });
    const bad = cliProcess(["scan", "."], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: pyproject\.toml:3: fail-on: /m);
  });
});

describe("cwescope scan --diff-base", () => {
  it("reports only findings on lines changed since the base commit", () => {
    const git = repo({ "app/old.py": SQL("old_search"), "app/ping.py": CLEAN });
    git("add", ".");
    git("commit", "-q", "-m", "first");
    write({ "app/ping.py": CLEAN + "\n\n" + SHELL.replace("import os\nfrom flask import request\n", "import os\nfrom flask import request  # noqa\n"), "app/new.py": SQL("new_search") });
    git("add", "app/ping.py", "app/new.py");
    git("commit", "-q", "-m", "second");
    const all = scanJson(["."]);
    expect(all.findings.map((f) => f.file).sort()).toEqual(["app/new.py", "app/old.py", "app/ping.py"]);
    const changed = scanJson([".", "--diff-base", "HEAD~1"]);
    expect(changed.findings.map((f) => `${f.file}:${f.cwe}`).sort()).toEqual(["app/new.py:CWE-89", "app/ping.py:CWE-78"]);
    expect(changed.stderr).toMatch(/--diff-base HEAD~1 \(merge base [0-9a-f]{12}\): 2 changed files/);
    expect(changed.code).toBe(1);
    expect(scanJson([".", "--diff-base", "HEAD"]).findings).toEqual([]);
    write({ "app/draft.py": SQL("draft") }); // not yet tracked: every line counts as changed
    expect(scanJson([".", "--diff-base", "HEAD"]).findings.map((f) => f.file)).toEqual(["app/draft.py"]);
    const bad = cliProcess(["scan", ".", "--diff-base", "no-such-branch"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"no-such-branch" is not a commit in this repository/);
  });
});

describe("pre-commit hook", () => {
  const hooks = parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as { id: string; entry: string; types_or: string[] }[];

  it("runs its entry on the staged files of a git repository, as pre-commit does", () => {
    const hook = hooks.find((h) => h.id === "cwescope")!;
    expect(hook.entry).toMatch(/^cwescope scan\b/);
    const git = repo({ "app/views.py": SQL("search"), "app/util.py": CLEAN, "app/ping.py": SHELL, "README.md": "# x\n" });
    git("add", "app/views.py", "app/util.py", "README.md");
    // pre-commit passes the staged files its types select; app/ping.py is not staged.
    const staged = git("diff", "--cached", "--name-only", "--diff-filter=ACMR").trim().split("\n").filter((f) => /\.(py|[cm]?jsx?|tsx?)$/.test(f));
    expect(staged).toEqual(["app/util.py", "app/views.py"]);
    const [, ...args] = hook.entry.split(" ");
    const run = cliProcess([...args, ...staged], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/app\/views\.py/);
    expect(run.stdout).not.toMatch(/ping\.py/);
    expect(cliProcess([...args, "app/util.py"], { cwd: dir }).code).toBe(0);
  });
});

describe("GitHub Actions example", () => {
  it("scans to SARIF and uploads that file to code scanning, with the permission it needs", () => {
    const workflow = parse(readFileSync(join(ROOT, "docs/github-actions/cwescope.yml"), "utf8"));
    expect(workflow.permissions["security-events"]).toBe("write");
    const steps = workflow.jobs.scan.steps as { uses?: string; run?: string; with?: Record<string, unknown>; if?: string }[];
    const scan = steps.find((s) => s.run?.includes("cwescope scan"))!;
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"))!;
    expect(scan.run).toMatch(/--sarif -o cwescope\.sarif --diff-base/);
    expect(upload.with?.sarif_file).toBe("cwescope.sarif");
    expect(upload.if).toMatch(/!cancelled\(\)/);
    expect(steps.find((s) => s.uses?.startsWith("actions/checkout"))?.with?.["fetch-depth"]).toBe(0);
  });
});
