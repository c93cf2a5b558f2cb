import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { discoverFiles, type DiscoverOptions } from "../../src/scan/discoverFiles.js";

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "cwescope-discover-"));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function list(paths: string[], options: DiscoverOptions) {
  const files: string[] = [];
  const skipped: string[] = [];
  for await (const d of discoverFiles(paths, options)) {
    if (d.kind === "file") files.push(`${d.rel}:${d.language}`);
    else skipped.push(`${d.entry.path}:${d.entry.reason}`);
  }
  return { files, skipped };
}

describe("discoverFiles", () => {
  it("finds Python, JavaScript, TypeScript and JSX/TSX files and detects their language", async () => {
    const root = tree({ "a.py": "", "b.js": "", "c.mjs": "", "d.jsx": "", "e.ts": "", "f.tsx": "", "g.d.ts": "", "h.md": "", "i.json": "" });
    const { files } = await list([root], { root });
    expect(files).toEqual(["a.py:python", "b.js:javascript", "c.mjs:javascript", "d.jsx:javascript", "e.ts:typescript", "f.tsx:tsx"]);
  });

  it("honours .gitignore at every level, negation in a deeper file, and .cwescopeignore", async () => {
    const root = tree({
      ".gitignore": "secret*.py\ngen/\n",
      "secret_a.py": "",
      "keep.py": "",
      "gen/x.py": "",
      "pkg/.gitignore": "!secret_b.py\nlocal.js\n",
      "pkg/secret_b.py": "",
      "pkg/local.js": "",
      "pkg/ok.js": "",
      ".cwescopeignore": "pkg/ok.js\n",
    });
    const { files } = await list([root], { root });
    expect(files).toEqual(["keep.py:python", "pkg/secret_b.py:python"]);
    const all = await list([root], { root, gitignore: false });
    expect(all.files).toContain("gen/x.py:python");
    expect(all.files).not.toContain("pkg/ok.js:javascript");
  });

  it("reads .gitignore files above the scanned folder inside a git repository", async () => {
    const root = tree({ ".git/HEAD": "ref: refs/heads/main\n", ".gitignore": "src/generated/\n", "src/a.py": "", "src/generated/b.py": "" });
    const { files } = await list([join(root, "src")], { root });
    expect(files).toEqual(["src/a.py:python"]);
  });

  it("applies --include and --exclude globs", async () => {
    const root = tree({ "src/a.py": "", "src/a_test.py": "", "src/b.js": "", "tools/c.py": "" });
    expect((await list([root], { root, include: ["src/**/*.py"] })).files).toEqual(["src/a.py:python", "src/a_test.py:python"]);
    expect((await list([root], { root, exclude: ["**/*_test.py", "tools/**"] })).files).toEqual(["src/a.py:python", "src/b.js:javascript"]);
  });

  it("reads a bare --exclude name as a file or directory of that name anywhere, as Semgrep and Bandit do", async () => {
    const root = tree({ "src/a.py": "", "src/tests/t.py": "", "pkg/sub/tests/u.js": "", "tests/v.py": "", "src/conftest.py": "", "src/testsuite.py": "" });
    expect((await list([root], { root, exclude: ["tests", "conftest.py"] })).files).toEqual(["src/a.py:python", "src/testsuite.py:python"]);
  });

  it("lists vendored folders, virtualenvs and bundles instead of scanning them", async () => {
    const root = tree({
      "node_modules/x/index.js": "",
      "vendor/lib.py": "",
      "env/pyvenv.cfg": "home = /usr/bin\n",
      "env/lib/site.py": "",
      "static/app.min.js": "",
      "static/app.js": "",
      ".git/hooks/pre-commit.py": "",
    });
    const { files, skipped } = await list([root], { root });
    expect(files).toEqual(["static/app.js:javascript"]);
    expect(skipped.sort()).toEqual(["env/:vendored", "node_modules/:vendored", "static/app.min.js:vendored", "vendor/:vendored"]);
    const everything = await list([root], { root, vendored: true });
    expect(everything.files).toEqual(["env/lib/site.py:python", "node_modules/x/index.js:javascript", "static/app.js:javascript", "static/app.min.js:javascript", "vendor/lib.py:python"]);
    expect(everything.skipped).toEqual([]);
  });

  it("scans files named explicitly, does not follow symbolic links, and names a missing path", async () => {
    const root = tree({ "a/x.py": "", "b/y.ts": "" });
    symlinkSync(join(root, "b"), join(root, "a", "link"));
    expect((await list([join(root, "a")], { root })).files).toEqual(["a/x.py:python"]);
    expect((await list([join(root, "b", "y.ts")], { root })).files).toEqual(["b/y.ts:typescript"]);
    await expect(list([join(root, "nope")], { root })).rejects.toThrow(/nope: no such file/);
    await expect(list([join(root, "a")], { root, include: ["[unclosed"] })).resolves.toBeDefined();
  });
});

describe("defaultRoot", () => {
  it("is the current directory when it holds every path, else the deepest common folder", async () => {
    const { defaultRoot } = await import("../../src/scan/scanPaths.js");
    expect(defaultRoot(["src", "test/x.py"], "/work/repo")).toBe("/work/repo");
    expect(defaultRoot(["/usr/lib/python3.11"], "/work/repo")).toBe("/usr/lib/python3.11");
    expect(defaultRoot(["/usr/lib/a", "/usr/lib/b/c"], "/work/repo")).toBe("/usr/lib");
    expect(defaultRoot(["/a", "/b"], "/work/repo")).toBe("/");
  });
});
