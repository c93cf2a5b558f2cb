// Nothing unscanned passes as clean: every file left out is listed with its reason, unreadable folders and
// links leaving the tree make the scan incomplete, links inside it are followed once, git-tracked files are
// scanned, and a FIFO is never read.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scanPaths } from "../../src/scan/scanPaths.js";
import { BIN } from "../helpers/cli.js";
import { fakeDetector } from "./fakeDetector.js";

const VULN = 'import os\n\ndef run(cmd):\n    os.system("sh -c " + cmd)\n';
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) {
    chmodSync(d, 0o755);
    rmSync(d, { recursive: true, force: true });
  }
  dirs = [];
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "cwescope-unscanned-"));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const scan = (root: string) => scanPaths([root], { root, detector: fakeDetector({ sync: true }), jobs: 1 });
const skipped = (r: Awaited<ReturnType<typeof scan>>) => Object.fromEntries(r.skipped.map((s) => [s.path, [s.reason, s.incomplete]]));

describe("files not scanned are listed, never passed as clean", () => {
  it("follows symbolic links inside the tree once, lists those that leave it (incomplete) or dangle", async () => {
    const outside = tree({ "secret.py": VULN, "lib/x.py": VULN });
    const root = tree({ "real/app.py": VULN });
    symlinkSync(join(root, "real"), join(root, "linked"));
    symlinkSync(join(root, "real", "app.py"), join(root, "alias.py"));
    symlinkSync(join(outside, "secret.py"), join(root, "outside.py"));
    symlinkSync(join(outside, "lib"), join(root, "outlib"));
    symlinkSync(join(root, "gone.py"), join(root, "dangling.py"));
    symlinkSync(root, join(root, "real", "loop"));
    const r = await scan(root);
    // The file is scanned once, under the first path that reaches it; every other path to it is listed.
    expect(r.summary.files).toBe(1);
    expect(r.findings.map((f) => f.file)).toEqual(["alias.py"]);
    expect(skipped(r)).toEqual({
      "dangling.py": ["symlink", false],
      "linked/app.py": ["symlink", false],
      "linked/loop/": ["symlink", false],
      "outlib/": ["symlink", true],
      "outside.py": ["symlink", true],
      "real/": ["symlink", false],
    });
    expect(r.skipped.find((s) => s.path === "real/")!.detail).toMatch(/^the same folder as linked\//);
    expect(r.skipped.find((s) => s.path === "outside.py")!.detail).toMatch(/outside the scanned folder/);
    expect(r.summary.incomplete).toBe(true);
  });

  it("scans a git-tracked file that .gitignore matches; lists an untracked one and a nested .cwescopeignore's files", async () => {
    const root = tree({ ".gitignore": "generated_*.py\n", "generated_tracked.py": VULN, "generated_local.py": VULN, "pkg/.cwescopeignore": "*.py\n", "pkg/a.py": VULN, "pkg/b.js": "" });
    execFileSync("git", ["init", "-q", root]);
    execFileSync("git", ["-C", root, "add", "-f", "generated_tracked.py"]);
    const r = await scan(root);
    expect(r.findings.map((f) => f.file)).toEqual(["generated_tracked.py"]);
    expect(skipped(r)).toEqual({ "generated_local.py": ["ignored", false], "pkg/a.py": ["ignored", false] });
    expect(r.skipped.find((s) => s.path === "pkg/a.py")!.detail).toBe("matched by pkg/.cwescopeignore");
  });

  it("refuses a FIFO given as an argument and lists one inside the tree, without reading either", async () => {
    const root = tree({ "a.py": VULN });
    execFileSync("mkfifo", [join(root, "pipe.py")]);
    await expect(scanPaths([join(root, "pipe.py")], { root, detector: fakeDetector({ sync: true }) })).rejects.toThrow(/not a regular file/);
    const r = await scan(root);
    expect(skipped(r)).toEqual({ "pipe.py": ["special", false] });
    expect(r.summary.files).toBe(1);
  });

  it("an unreadable folder is listed and makes the scan incomplete (run as an unprivileged user)", () => {
    const root = tree({ "a.py": VULN, "locked/b.py": VULN });
    chmodSync(root, 0o755);
    chmodSync(join(root, "locked"), 0o000);
    dirs.unshift(join(root, "locked"));
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, [BIN, "scan", root, "--root", root, "--format", "json", "--jobs", "1"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, cwd: root, ...asUser });
    expect(r.status, r.stderr).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.skipped).toContainEqual(expect.objectContaining({ path: "locked/", reason: "unreadable", incomplete: true }));
    // a.py beside the locked folder is still scanned (its findings are the model's to decide).
    expect(json.summary.files).toBe(1);
  });
});

describe("binary files", () => {
  it("are labelled binary, not minified or scanned as garbage, with or without NUL bytes", async () => {
    const { readSource } = await import("../../src/scan/readSource.js");
    const { createRng } = await import("../../src/util/random.js");
    const rng = createRng(7);
    const random = (n: number, noNul: boolean) => Buffer.from(Array.from({ length: n }, () => (noNul ? 1 + Math.floor(rng() * 255) : Math.floor(rng() * 256))));
    const root = tree({});
    for (const [name, bytes] of [["a.js", random(20_000, true)], ["b.py", random(20_000, false)], ["c.ts", random(300, true)]] as const) {
      writeFileSync(join(root, name), bytes);
      expect(readSource(join(root, name)), name).toMatchObject({ ok: false, reason: "binary" });
    }
    // Latin-1 source with a few accented letters is text, read with a note.
    writeFileSync(join(root, "latin1.py"), Buffer.from("# caf\xe9 na\xefve\n" + "x = 1\n".repeat(200), "latin1"));
    expect(readSource(join(root, "latin1.py"))).toMatchObject({ ok: true, notUtf8: true });
  });
});

describe("text that holds U+FFFD", () => {
  it("is text when the replacement character is written in the file (a character table), binary when decoding fails", async () => {
    const { readSource } = await import("../../src/scan/readSource.js");
    const root = tree({});
    const table = `// generated\nmodule.exports = {\n${Array.from({ length: 200 }, (_, i) => `  "cp${i}": { "chars": "\u00c7\u00fc\ufffd\ufffd\ufffd\u00e9\ufffd\ufffd" },`).join("\n")}\n};\n`;
    writeFileSync(join(root, "table.js"), table);
    expect(readSource(join(root, "table.js"))).toMatchObject({ ok: true, notUtf8: false });
    const broken = Buffer.concat(Array.from({ length: 200 }, () => Buffer.from([0x61, 0x20, 0xc3, 0x28, 0x0a])));
    writeFileSync(join(root, "broken.js"), broken);
    expect(readSource(join(root, "broken.js"))).toMatchObject({ ok: false, reason: "binary" });
  });
});
