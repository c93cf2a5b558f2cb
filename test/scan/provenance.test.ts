// SARIF provenance (issue #18 item 5): the commit scanned, a remote without credentials, no invented homepage.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formats } from "../../src/report/formats/index.js";
import { gitProvenance, publicRemote } from "../../src/scan/provenance.js";
import { scanPaths } from "../../src/scan/scanPaths.js";
import { sarifErrors } from "../report/sarifSchema.js";
import { fakeDetector } from "./fakeDetector.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, encoding: "utf8" }).trim();

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), "cwescope-prov-"));
  dirs.push(dir);
  writeFileSync(join(dir, "app.py"), 'import os\n\ndef run(cmd):\n    os.system(cmd)\n');
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", ".");
  git(dir, "commit", "-qm", "first");
  return dir;
}

describe("scan provenance", () => {
  it("removes credentials from remotes and reads scp-like remotes", () => {
    expect(publicRemote("https://ci:s3cret@git.example.com/org/app.git")).toBe("https://git.example.com/org/app.git");
    expect(publicRemote("git@github.com:org/app.git")).toBe("ssh://github.com/org/app.git");
    expect(publicRemote("not a url")).toBeUndefined();
  });

  it("fills SARIF versionControlProvenance inside git, valid against the schema, and no informationUri without a homepage", async () => {
    const dir = repo();
    git(dir, "remote", "add", "origin", "https://ci:s3cret@git.example.com/org/app.git");
    const r = await scanPaths([dir], { root: dir, detector: fakeDetector({ sync: true }) });
    const log = JSON.parse(formats.sarif.render(r, { root: dir }));
    expect(sarifErrors(log)).toEqual([]);
    const run = log.runs[0];
    expect(run.versionControlProvenance).toEqual([
      { repositoryUri: "https://git.example.com/org/app.git", revisionId: git(dir, "rev-parse", "HEAD"), branch: "main", mappedTo: { uriBaseId: "%SRCROOT%" } },
    ]);
    expect(JSON.stringify(log)).not.toContain("s3cret");
    expect(run.tool.driver.informationUri).toBeUndefined();
  });

  it("names the work tree when there is no remote, and nothing outside git", () => {
    const dir = repo();
    expect(gitProvenance(dir)?.repositoryUri).toMatch(/^file:\/\/.*cwescope-prov-/);
    const plain = mkdtempSync(join(tmpdir(), "cwescope-noprov-"));
    dirs.push(plain);
    expect(gitProvenance(plain)).toBeUndefined();
  });
});
