// A finding per weakness: each candidate the model flags is a finding at its sink; the verdict is the strongest.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PredictionSchema, type Prediction } from "../../../src/data/record.js";
import { UnitSplitter } from "../../../src/lang/index.js";
import { createEmbeddedDetector, EMBEDDED_FORMAT_VERSION, type EmbeddedDetector, type EmbeddedModel } from "../../../src/models/embedded/index.js";

const PYTHON = [
  "import os, pickle, sqlite3",
  "from flask import Flask, request",
  "app = Flask(__name__)",
  "",
  '@app.route("/do")',
  "def do():",
  '    name = request.args.get("name")',
  '    conn = sqlite3.connect("app.db")',
  "    conn.execute(\"SELECT * FROM users WHERE name = '\" + name + \"'\")",
  '    os.system("ls " + request.args["dir"])',
  "    obj = pickle.loads(request.get_data())",
  '    return "<h1>Hello " + name + "</h1>"',
].join("\n");

/** The same function with each weakness fixed: bound SQL, an argument vector, no pickle, escaped output. */
const PYTHON_FIXED = [
  "import subprocess, sqlite3",
  "from flask import Flask, request",
  "from markupsafe import escape",
  "app = Flask(__name__)",
  "",
  '@app.route("/do")',
  "def do():",
  '    name = request.args.get("name")',
  '    conn = sqlite3.connect("app.db")',
  '    conn.execute("SELECT * FROM users WHERE name = ?", (name,))',
  '    subprocess.run(["ls", "--", request.args["dir"]])',
  '    return "<h1>Hello " + escape(name) + "</h1>"',
].join("\n");

const JAVASCRIPT = [
  "const express = require('express');",
  "const { exec } = require('child_process');",
  "const app = express();",
  "app.get('/do', (req, res) => {",
  "  const name = req.query.name;",
  "  db.query(\"SELECT * FROM users WHERE name = '\" + name + \"'\");",
  "  exec('ls ' + req.query.dir);",
  "  eval(req.body.code);",
  "  res.send('<h1>Hello ' + name + '</h1>');",
  "});",
].join("\n");

const JAVASCRIPT_FIXED = [
  "const express = require('express');",
  "const { execFile } = require('child_process');",
  "const app = express();",
  "app.get('/do', (req, res) => {",
  "  const name = req.query.name;",
  "  db.query('SELECT * FROM users WHERE name = ?', [name]);",
  "  execFile('ls', ['--', req.query.dir]);",
  "  res.send('<h1>Hello ' + escapeHtml(name) + '</h1>');",
  "});",
].join("\n");

/**
 * A hand-set model: a tainted flow that nothing cleans or guards scores high, anything else low; a deserialised
 * request body a little higher still. The CWE is the sink row's. Independent of the shipped weights.
 */
const RULE_MODEL: EmbeddedModel = {
  format: "cwescope-embedded",
  version: EMBEDDED_FORMAT_VERSION,
  features: "view",
  scorer: { weights: { exposed: 4, "sink:deserialize": 1 }, bias: -2 },
  calibration: { a: 1, b: 0 },
  threshold: 0.5,
  emptyPrior: 0.3,
  cwe: { source: "row", classes: [], weights: {}, bias: [] },
  manifest: {},
};

let rules: EmbeddedDetector;
let shipped: EmbeddedDetector;
let splitter: UnitSplitter;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), "cwescope-rules-"));
  await writeFile(join(dir, "model.json"), JSON.stringify(RULE_MODEL));
  rules = await createEmbeddedDetector(dir, {});
  shipped = await createEmbeddedDetector("", {});
  splitter = await UnitSplitter.create();
});
afterAll(() => splitter.delete());

const at = (p: Prediction) => (p.findings ?? []).map((f) => [f.startLine, f.cwe]);

describe("a finding per weakness", () => {
  it("reports each weakness of a Python function at its sink line with its CWE; the verdict is the strongest", async () => {
    const p = await rules.detect({ id: "py", language: "python", code: PYTHON });
    expect(PredictionSchema.safeParse(p).success).toBe(true);
    expect(at(p)).toEqual([[9, "CWE-89"], [10, "CWE-78"], [11, "CWE-502"], [12, "CWE-79"]]);
    const strongest = Math.max(...p.findings!.map((f) => f.confidence));
    expect(p).toMatchObject({ vulnerable: true, cwe: "CWE-502", confidence: strongest });
    expect(p.findings!.find((f) => f.cwe === "CWE-502")!.confidence).toBe(strongest);
    // `lines` are the findings' lines: each sink's, and the lines its value was built on.
    expect(p.lines).toEqual([9, 10, 11, 12]);
    const sql = p.findings![0];
    expect(sql).toMatchObject({ concept: "sql", startColumn: 5, endLine: 9 });
    expect(sql.endColumn).toBeGreaterThan(sql.startColumn);
    expect(sql.path.at(-1)).toMatchObject({ line: 9, kind: "sink" });
    // What reached the sink and how, for the finding's sentence of why.
    expect(sql.sources!.length).toBeGreaterThan(0);
    expect(sql.kinds!.length).toBeGreaterThan(0);
  });

  it("does the same for JavaScript, which the model never saw", async () => {
    const p = await rules.detect({ id: "js", language: "javascript", code: JAVASCRIPT });
    expect(at(p)).toEqual([[6, "CWE-89"], [7, "CWE-78"], [8, "CWE-95"], [9, "CWE-79"]]);
    expect(p.vulnerable).toBe(true);
    expect(p.lines).toEqual([6, 7, 8, 9]);
  });

  it("a clean twin yields no finding and a clean verdict", async () => {
    for (const [language, code] of [["python", PYTHON_FIXED], ["javascript", JAVASCRIPT_FIXED]] as const) {
      const p = await rules.detect({ id: language, language, code });
      expect(p).toMatchObject({ vulnerable: false, cwe: null, lines: [], findings: [] });
    }
  });

  it("a unit without any candidate is clean, with the training prior of such units as its doubt", async () => {
    const p = await rules.detect({ id: "n", language: "python", code: "def add(a, b):\n    return a + b\n" });
    expect(p).toMatchObject({ vulnerable: false, confidence: 0.7, findings: [] });
  });

  it("places a scanned unit's findings at file lines", () => {
    const file = ["# a header", "", "import os", "from flask import request", "", "def ping():", '    os.system("ping " + request.args["h"])', ""].join("\n");
    const unit = splitter.split(file, "python", "app.py").units.find((u) => u.name === "ping")!;
    const p = rules.scoreUnit(unit);
    expect(at(p)).toEqual([[7, "CWE-78"]]);
    expect(p.lines).toEqual([7]);
  });
});

describe("a finding per weakness, shipped model", () => {
  it("finds the injections of the planted Python and JavaScript functions at their lines, and nothing in their fixes", async () => {
    for (const [language, code, fixed] of [["python", PYTHON, PYTHON_FIXED], ["javascript", JAVASCRIPT, JAVASCRIPT_FIXED]] as const) {
      const p = await shipped.detect({ id: language, language, code });
      const found = at(p);
      const line = language === "python" ? 9 : 6;
      expect(found).toContainEqual([line, "CWE-89"]);
      expect(found).toContainEqual([line + 1, "CWE-78"]);
      expect(p.confidence).toBe(Math.max(...p.findings!.map((f) => f.confidence)));
      expect((await shipped.detect({ id: "f", language, code: fixed })).findings).toEqual([]);
    }
  });
});
