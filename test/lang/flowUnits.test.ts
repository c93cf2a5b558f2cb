// A scanned file is read unit by unit: calls to the file's helpers and fields set by other methods are read
// through summaries computed once per file; nesting deeper than the view walks is refused with a clear error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractView, extractViewOfNode, MAX_NESTING, NestingTooDeepError, UnitSplitter, type SourceLanguage, type UnitView } from "../../src/lang/index.js";
import { open, pathOf } from "../helpers/flowHits.js";

let splitter: UnitSplitter;
beforeAll(async () => {
  splitter = await UnitSplitter.create();
});
afterAll(() => splitter.delete());

/** The view of each unit of a file, by unit name. */
function unitViews(code: string, language: SourceLanguage, file: string): Map<string, UnitView> {
  const { units } = splitter.split(code, language, file);
  return new Map(units.map((u) => [u.name, extractView(u)]));
}

describe("summaries across the units of a file", () => {
  const py = [
    "import os", //                                               1
    "from flask import Flask, request", //                        2
    "app = Flask(__name__)", //                                   3
    "def convert(src, size):", //                                 4
    '    os.system("convert " + src + " -resize " + size)', //    5
    "class Job:", //                                              6
    "    def __init__(self):", //                                 7
    '        self.target = request.form["target"]', //            8
    "    def run(self):", //                                      9
    '        os.system("deploy " + self.target)', //              10
    '@app.route("/thumb")', //                                    11
    "def thumb():", //                                            12
    '    convert(request.args["img"], "64x64")', //               13
    '    return "queued"', //                                     14
  ].join("\n");

  it("finds the helper's sink from the handler that passes it the request, with the call on the path", () => {
    const views = unitViews(py, "python", "app.py");
    const thumb = [...views.entries()].find(([name]) => name.includes("thumb"))![1];
    expect(open(thumb)).toEqual(["5:shell"]);
    expect(pathOf(thumb.sinks.find((s) => s.line === 5 && s.sources.includes("request")))).toEqual([
      '13 request.args["img"]',
      '13 convert(request.args["img"], "64x64") (through convert)',
      '5 os.system("convert " + src + " -resize " + size)',
    ]);
  });

  it("reads a field another method set from the request", () => {
    const views = unitViews(py, "python", "app.py");
    const run = [...views.entries()].find(([name]) => name.includes("run"))![1];
    expect(open(run)).toEqual(["10:shell"]);
  });

  it("reads a JavaScript class's this-field across methods", () => {
    const js = [
      'const { exec } = require("child_process");',
      "class Backup {",
      "  constructor() {",
      "    this.dir = process.env.BACKUP_DIR;",
      '    this.mode = "full";',
      "  }",
      "  start() {",
      '    exec("tar czf /tmp/b.tgz " + this.dir);',
      '    exec("echo " + this.mode);',
      "  }",
      "}",
    ].join("\n");
    const views = unitViews(js, "javascript", "backup.js");
    const start = [...views.entries()].find(([name]) => name.includes("start"))![1];
    expect(open(start)).toEqual(["8:shell"]);
  });
});

describe("nesting deeper than the view walks", () => {
  const deep = 2200;
  const cases: [string, SourceLanguage, string][] = [
    ["Python brackets", "python", "def f(x):\n    return " + "[".repeat(deep) + "x" + "]".repeat(deep) + "\n"],
    ["Python parentheses", "python", "def f(x):\n    return " + "(".repeat(deep) + "x" + ")".repeat(deep) + "\n"],
    ["JavaScript nested functions", "javascript", "function f(x) {".repeat(deep) + "exec(x);" + "}".repeat(deep) + "\n"],
    ["TypeScript nested arrows", "typescript", "export const f = " + "(x: string) => ".repeat(deep) + "x;\n"],
  ];
  for (const [name, language, code] of cases) {
    it(`refuses ${name} ${deep} levels deep with an error naming the file and line, and does not crash`, () => {
      const tree = splitter.parse(code, language);
      try {
        expect(() => extractViewOfNode(tree.rootNode, language)).toThrow(NestingTooDeepError);
      } finally {
        tree.delete();
      }
      const { units } = splitter.split(code, language, "deep.src");
      const errors = units.map((u) => {
        try {
          extractView(u);
          return undefined;
        } catch (err) {
          return err as Error;
        }
      });
      expect(errors.some((e) => e instanceof NestingTooDeepError && /^deep\.src:1: code nested \d+ levels deep/.test(e.message))).toBe(true);
      expect(errors.every((e) => e === undefined || e instanceof NestingTooDeepError)).toBe(true);
    });
  }

  it("reads code just under the limit", () => {
    const levels = Math.floor(MAX_NESTING / 2) - 10;
    const code = "import os\ndef f(x):\n    os.system(" + "str(".repeat(levels) + "x" + ")".repeat(levels) + ")\n";
    const tree = splitter.parse(code, "python");
    try {
      expect(extractViewOfNode(tree.rootNode, "python").sinks.some((s) => s.concept === "shell" && s.tainted)).toBe(true);
    } finally {
      tree.delete();
    }
  });
});
