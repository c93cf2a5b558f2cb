// `data lint` on authoring YAML, and the small checks it is built from.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { changedLines } from "../../src/data/generate/changedLines.js";
import { SyntaxChecker } from "../../src/data/generate/SyntaxChecker.js";
import { surfaceCues } from "../../src/data/surfaceCues.js";
import type { DatasetRecord } from "../../src/data/record.js";
import { cli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "cwescope-lint-"));

describe("data lint", () => {
  it("prints every rule broken with the file and the YAML line of the snippet, and exits 1", async () => {
    const file = join(dir, "CWE-78.yaml");
    writeFileSync(
      file,
      `cwe: CWE-78
language: javascript
pairs:
  - tags: [express]
    lines: [4]
    vulnerable: |
      app.get('/ping', (req, res) => {
        const host = req.query.host;
        // attacker controls host
        exec('ping -c 1 ' + host, (err, out) => res.send(out));
      });
    fixed: |
      app.get('/ping', (req, res) => {
        const host = req.query.host;
        // attacker controls host
        execFile('ping', ['-c', '1', '--', host], (err, out) => res.send(out);
      });
negatives:
  - tags: [express]
    code: |
      const isSafeHost = (h) => /^[a-z.]+$/.test(h);
      module.exports = isSafeHost;
`,
    );
    const r = await cli(["--quiet", "data", "lint", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}:6: pair 1.vulnerable: line 3:6: label-leaking word "attacker"`);
    expect(r.stdout).toContain(`${file}:12: pair 1.fixed: does not parse: line 4`);
    expect(r.stdout).toMatch(new RegExp(`${file}:20: negative 1: 2 lines \\(want 5-60\\)`));
    expect(r.stdout).toContain(`${file}:20: negative 1: line 1:7: label-leaking word "safe" in isSafeHost`);
  });

  it("passes the shipped authoring files of one CWE", async () => {
    expect((await cli(["--quiet", "data", "lint", "data/src/python/CWE-502.yaml", "data/src/javascript/CWE-502.yaml"])).code).toBe(0);
  });
});

describe("SyntaxChecker", () => {
  it("reports where JavaScript and Python fail, accepts JSX, and checks many Python snippets in one go", async () => {
    const syntax = await SyntaxChecker.create();
    try {
      const results = await syntax.check([
        { code: "const a = <div className='x'>{name}</div>;\n", language: "javascript" },
        { code: "function f( {\n  return 1;\n}\n", language: "javascript" },
        { code: "def f(x):\n    return x\n", language: "python" },
        { code: "def f(x):\nreturn x\n", language: "python" },
      ]);
      expect(results[0]).toBeNull();
      expect(results[1]).toMatch(/^line 1: /);
      expect(results[2]).toBeNull();
      expect(results[3]).toMatch(/^line 2: expected an indented block/);
    } finally {
      syntax.delete();
    }
  });
});

describe("changedLines and surfaceCues", () => {
  it("counts the lines a fix rewrites or adds, not the ones it keeps", () => {
    const v = "a\nb\nc\nd\n";
    expect(changedLines(v, v)).toBe(0);
    expect(changedLines(v, "a\nB\nc\nd\n")).toBe(1);
    expect(changedLines(v, "a\nb\nx\ny\nc\nd\n")).toBe(2);
  });

  it("measures how often the fix is the longer twin", () => {
    const pair = (n: number, v: string, f: string): DatasetRecord[] => [
      { id: `${n}v`, language: "python", code: v, cwe: "CWE-89", pair: `p${n}`, lines: [1] },
      { id: `${n}f`, language: "python", code: f, cwe: null, pair: `p${n}` },
    ];
    const [c] = surfaceCues([...pair(1, "x = 1\n", "x = 11\n"), ...pair(2, "y = 22\n", "y = 2\n"), ...pair(3, "z\n", "zz\nzz\n")]);
    expect(c).toMatchObject({ language: "python", pairs: 3, fixMoreLinesShare: 1 / 3 });
    expect(c.fixLongerShare).toBeCloseTo(2 / 3);
    expect(c.lengthRuleAccuracy).toBeCloseTo(2 / 3);
  });
});
