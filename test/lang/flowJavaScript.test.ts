// The dataflow engine on JavaScript and TypeScript: each weakness at its sink line, flows through locals,
// containers, helpers, `this` fields and template literals, and what removes exactly one finding.
import { describe, expect, it } from "vitest";
import type { SourceLanguage } from "../../src/lang/index.js";
import { hitAt, open, pathOf } from "../helpers/flowHits.js";
import { useViews } from "../helpers/viewOf.js";

const { view } = useViews();
const js = (lines: string[], language: SourceLanguage = "javascript") => view(lines.join("\n") + "\n", language);

const HEAD = ['const express = require("express");', 'const { exec } = require("child_process");', 'const fs = require("fs");', 'const mysql = require("mysql");', "const app = express();", "const db = mysql.createConnection({});", ""];
const at = (n: number) => HEAD.length + n;

describe("JavaScript: a finding per weakness", () => {
  const CODE = [
    ...HEAD,
    'app.get("/invoice", (req, res) => {', //                               1
    "  const id = req.query.id;", //                                        2
    '  const sql = "SELECT * FROM invoices WHERE id = " + id;', //          3
    "  db.query(sql, (err, rows) => {});", //                               4
    "  exec(`pdftk /srv/invoices/${id}.pdf cat output /tmp/out.pdf`);", // 5
    '  fs.readFile("/srv/invoices/" + req.params.file, () => {});', //      6
    '  res.send("<h2>Invoice " + id + "</h2>");', //                         7
    "});", //                                                               8
  ];

  it("reports each of four weaknesses at its own sink line with its concept and CWE", () => {
    const v = js(CODE);
    expect(open(v)).toEqual([`${at(4)}:sql`, `${at(5)}:shell`, `${at(6)}:file-path`, `${at(7)}:html-output`].sort());
    expect(hitAt(v, at(4), "sql")).toMatchObject({ cwe: "CWE-89", column: 3 });
    expect(hitAt(v, at(7), "html-output")?.cwe).toBe("CWE-79");
  });

  it("gives the path from the source through the concatenation to the sink", () => {
    expect(pathOf(hitAt(js(CODE), at(4), "sql"))).toEqual([
      `${at(2)} req.query.id`,
      `${at(2)} id = req.query.id (assigned)`,
      `${at(3)} sql = "SELECT * FROM invoices WHERE id = " + id (concatenated)`,
      `${at(4)} db.query(sql, (err, rows) => {})`,
    ]);
  });
});

describe("JavaScript: flows the engine follows", () => {
  it("follows a value through helpers: one that builds text, one that runs it", () => {
    const v = js([
      ...HEAD,
      "function backupCommand(dir) {", //                    1
      "  return `tar czf /tmp/backup.tgz ${dir}`;", //       2
      "}", //                                                3
      "function runQuietly(cmd) {", //                       4
      "  exec(cmd, { timeout: 1000 });", //                  5
      "}", //                                                6
      'app.post("/backup", async (req, res) => {', //        7
      "  const { dir } = req.body;", //                      8
      "  const cmd = backupCommand(dir);", //                9
      "  runQuietly(cmd);", //                               10
      '  res.json({ ok: true });', //                        11
      "});", //                                              12
    ]);
    expect(open(v)).toEqual([`${at(5)}:shell`]);
    const path = pathOf(hitAt(v, at(5), "shell"));
    expect(path).toContain(`${at(9)} backupCommand(dir) (through backupCommand)`);
    expect(path).toContain(`${at(10)} runQuietly(cmd) (through runQuietly)`);
  });

  it("follows a field set in one method of a class and used in another (TypeScript)", () => {
    const v = js(
      [
        "// A command-line tool: the image to convert comes from its arguments.",
        'import { execSync } from "child_process";',
        "export class Thumbnailer {",
        "  private source: string;",
        '  private size = "128x128";',
        "  constructor() {",
        "    this.source = process.argv[2] as string;",
        "  }",
        "  render(): Buffer {",
        "    execSync(`convert -resize ${this.size} img.png out.png`);",
        "    return execSync(`convert ${this.source} -resize 128x128 out.png`);",
        "  }",
        "}",
      ],
      "typescript",
    );
    expect(open(v)).toEqual(["11:shell"]);
    expect(pathOf(hitAt(v, 11, "shell"))).toContain("7 this.source = process.argv[2] as string (stored in this)");
  });

  it("judges array and object elements by their literal index or key", () => {
    const v = js([
      ...HEAD,
      'app.get("/tool", (req, res) => {', //                      1
      '  const argv = ["uptime", req.query.flag];', //            2
      "  exec(argv[0]);", //                                      3
      "  exec(argv[1]);", //                                      4
      '  const opts = { cmd: "whoami" };', //                     5
      "  opts.extra = req.query.extra;", //                       6
      "  exec(opts.cmd);", //                                     7
      "  exec(opts.extra);", //                                   8
      "  const parts = [];", //                                   9
      "  parts.push(req.query.more);", //                         10
      '  exec(parts.join(" "));', //                              11
      '  res.end("ok");', //                                      12
      "});", //                                                   13
    ]);
    expect(open(v)).toEqual([`${at(4)}:shell`, `${at(8)}:shell`, `${at(11)}:shell`]);
  });

  it("merges both arms of an if/else and folds a constant condition (Koa)", () => {
    const v = js([
      'const Router = require("@koa/router");',
      'const { exec } = require("child_process");',
      "const router = new Router();",
      'router.get("/ls", async (ctx) => {', //                     4
      "  const dir = ctx.query.dir;", //                           5
      "  let cmd;", //                                             6
      "  if (ctx.query.long) {", //                                7
      '    cmd = "ls -l " + dir;', //                                8
      "  } else {", //                                             9
      '    cmd = "ls";', //                                          10
      "  }", //                                                    11
      "  exec(cmd);", //                                           12
      "  let target = dir;", //                                    13
      "  if (7 * 42 - 86 > 200) {", //                             14
      '    target = "/srv";', //                                     15
      "  }", //                                                    16
      '  exec("du " + target);', //                                17
      '  ctx.body = "ok";', //                                     18
      "});",
    ]);
    expect(open(v)).toEqual(["12:shell"]);
  });
});

describe("JavaScript: what removes a finding, and only that one", () => {
  const lines = (check: string[]) => [
    ...HEAD,
    'app.get("/three", (req, res) => {', //             1
    "  let user = req.query.user;", //                   2
    "  const page = req.query.page;", //                 3
    "  const host = req.query.host;", //                 4
    ...check, //                                       5-6
    '  exec("finger " + user);', //                      7
    '  exec("ping -c 1 " + host);', //                   8
    '  res.send("<p>" + page + "</p>");', //             9
    "});",
  ];

  it("reports all three when nothing checks them", () => {
    expect(open(js(lines(["", ""])))).toEqual([`${at(7)}:shell`, `${at(8)}:shell`, `${at(9)}:html-output`].sort());
  });

  it("a check that returns on failure removes only the finding it dominates", () => {
    const v = js(lines(["  if (!/^[a-z]{1,16}$/.test(user)) {", '    return res.status(400).send("bad user"); }']));
    expect(open(v)).toEqual([`${at(8)}:shell`, `${at(9)}:html-output`]);
  });

  it("a reassignment to a constant removes only the finding on that value", () => {
    const v = js(lines(['  user = "nobody";', ""]));
    expect(open(v)).toEqual([`${at(8)}:shell`, `${at(9)}:html-output`]);
  });

  it("a sanitiser cleans the value for the sinks it protects, and only those", () => {
    const v = js(lines(['  const escapeHtml = require("escape-html");', "  user = escapeHtml(user); res.locals.page = escapeHtml(page);"]));
    expect(open(v)).toEqual([`${at(7)}:shell`, `${at(8)}:shell`, `${at(9)}:html-output`]);
    expect(hitAt(v, at(7), "shell")).toMatchObject({ unguarded: true, cleanedBy: ["escape"] });
  });
});
