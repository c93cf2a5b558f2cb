// The dataflow engine on Python: each weakness at its sink line, flows through locals, containers, helpers,
// fields and string building, and the checks, constants and sanitisers that remove exactly one finding.
import { describe, expect, it } from "vitest";
import { hitAt, open, pathOf } from "../helpers/flowHits.js";
import { useViews } from "../helpers/viewOf.js";

const { view } = useViews();
const py = (lines: string[]) => view(lines.join("\n") + "\n", "python");

const HEAD = ["import os", "import pickle", "import sqlite3", "from flask import Flask, abort, request, render_template_string", "from markupsafe import escape", "app = Flask(__name__)", ""];
/** Line numbers below count from 1 with HEAD's 7 lines first. */
const at = (n: number) => HEAD.length + n;

describe("Python: a finding per weakness", () => {
  const CODE = [
    ...HEAD,
    '@app.route("/report")', //                                               1
    "def report():", //                                                        2
    '    name = request.args["name"]', //                                     3
    "    sql = \"SELECT * FROM reports WHERE owner = '\" + name + \"'\"", //  4
    '    db = sqlite3.connect("app.db")', //                                   5
    "    db.execute(sql)", //                                                  6
    '    os.system(f"tar czf /tmp/{name}.tgz /srv/reports")', //                7
    "    state = pickle.loads(request.data)", //                               8
    '    return render_template_string("<h1>%s</h1>" % name)', //            9
  ];

  it("reports each of four weaknesses at its own sink line with its concept and CWE", () => {
    const code = py(CODE);
    expect(open(code)).toEqual([`${at(6)}:sql`, `${at(7)}:shell`, `${at(8)}:deserialize`, `${at(9)}:template-eval`].sort());
    expect(hitAt(code, at(6), "sql")).toMatchObject({ cwe: "CWE-89", column: 5, endLine: at(6) });
    expect(hitAt(code, at(7), "shell")?.cwe).toBe("CWE-78");
    expect(hitAt(code, at(8), "deserialize")?.cwe).toBe("CWE-502");
  });

  it("gives the path from the source through the string building to the sink, with real code", () => {
    const code = py(CODE);
    expect(pathOf(hitAt(code, at(6), "sql"))).toEqual([
      `${at(3)} request.args["name"]`,
      `${at(3)} name = request.args["name"] (assigned)`,
      `${at(4)} sql = "SELECT * FROM reports WHERE owner = '" + name + "'" (concatenated)`,
      `${at(6)} db.execute(sql)`,
    ]);
    expect(hitAt(code, at(6), "sql")?.path.map((p) => p.kind)).toEqual(["source", "step", "step", "sink"]);
  });
});

describe("Python: flows the engine follows", () => {
  it("follows a value through a helper's return and into a helper's sink, showing the call", () => {
    const v = py([
      ...HEAD,
      "def build_query(term):", //                                                  1
      "    return \"SELECT id FROM items WHERE title LIKE '%\" + term + \"%'\"", //  2
      "def archive(label):", //                                                     3
      '    os.system("tar czf /tmp/" + label + ".tgz /srv/items")', //                4
      '@app.route("/items")', //                                                    5
      "def items():", //                                                            6
      '    term = request.args.get("q", "")', //                                     7
      "    query = build_query(term)", //                                            8
      '    sqlite3.connect("app.db").execute(query)', //                             9
      "    archive(term)", //                                                        10
      '    return "ok"', //                                                          11
    ]);
    expect(open(v)).toEqual([`${at(4)}:shell`, `${at(9)}:sql`]);
    expect(pathOf(hitAt(v, at(9), "sql"))).toContain(`${at(8)} build_query(term) (through build_query)`);
    const shell = hitAt(v, at(4), "shell");
    expect(pathOf(shell)[0]).toBe(`${at(7)} request.args.get("q", "")`);
    expect(pathOf(shell)).toContain(`${at(10)} archive(term) (through archive)`);
    expect(shell?.path.at(-1)).toMatchObject({ kind: "sink", line: at(4) });
  });

  it("reads a helper that returns a source, and one that returns a constant, for what they return", () => {
    const v = py([
      ...HEAD,
      "def wanted_host():", //                                      1
      '    return request.headers.get("X-Target", "")', //          2
      "def default_host():", //                                     3
      '    return "localhost"', //                                   4
      '@app.route("/ping")', //                                     5
      "def ping(host=None):", //                                    6
      "    target = wanted_host()", //                               7
      '    os.system("ping -c 1 " + target)', //                     8
      "    fallback = default_host()", //                            9
      '    os.system("ping -c 1 " + fallback)', //                   10
      '    return "sent"', //                                        11
    ]);
    expect(open(v)).toEqual([`${at(8)}:shell`]);
    expect(pathOf(hitAt(v, at(8), "shell"))).toContain(`${at(7)} wanted_host() (returned by wanted_host)`);
  });

  it("follows a field set from the request in one method and used in another", () => {
    const v = py([
      ...HEAD,
      "class Exporter:", //                                          1
      "    def __init__(self, req):", //                             2
      '        self.fmt = req.args.get("fmt", "csv")', //            3
      '        self.target = request.args["target"]', //             4
      "        self.mode = 'fast'", //                               5
      "    def export(self):", //                                    6
      '        os.system("export --to " + self.target)', //          7
      '        os.system("export --mode " + self.mode)', //          8
    ]);
    expect(open(v)).toEqual([`${at(7)}:shell`]);
    expect(pathOf(hitAt(v, at(7), "shell"))).toContain(`${at(4)} self.target = request.args["target"] (stored in self)`);
  });

  it("judges a container element by its literal index or key, and taints a container an element is added to", () => {
    const v = py([
      ...HEAD,
      '@app.route("/run")', //                                             1
      "def run():", //                                                     2
      '    argv = ["ls", request.args["dir"]]', //                           3
      "    os.system(argv[0])", //                                           4
      "    os.system(argv[1])", //                                           5
      '    opts = {"cmd": "uptime"}', //                                     6
      '    opts["extra"] = request.form["extra"]', //                        7
      '    os.system(opts["cmd"])', //                                       8
      '    os.system(opts.get("extra"))', //                                 9
      "    words = []", //                                                   10
      '    words.append(request.args["w"])', //                              11
      '    os.system(" ".join(words))', //                                   12
      '    return "done"', //                                                13
    ]);
    expect(open(v)).toEqual([`${at(5)}:shell`, `${at(9)}:shell`, `${at(12)}:shell`]);
  });

  it("merges both arms of an if/else, and lets a constant condition pick its arm", () => {
    const v = py([
      ...HEAD,
      '@app.route("/arms")', //                                  1
      "def arms():", //                                          2
      '    q = request.args["q"]', //                              3
      '    if request.args.get("verbose"):', //                    4
      "        cmd = 'ls -l'", //                                  5
      "    else:", //                                              6
      "        cmd = 'ls ' + q", //                                7
      "    os.system(cmd)", //                                     8
      "    if 7 * 42 - 86 > 200:", //                              9
      "        path = '/srv/static'", //                           10
      "    else:", //                                              11
      "        path = q", //                                       12
      "    os.system('du ' + path)", //                            13
      "    if 3 > 4:", //                                          14
      "        mode = q", //                                       15
      "    else:", //                                              16
      "        mode = 'plain'", //                                 17
      "    os.system('fmt ' + mode)", //                           18
      '    return "ok"', //                                        19
    ]);
    expect(open(v)).toEqual([`${at(8)}:shell`]);
  });
});

describe("Python: what removes a finding, and only that one", () => {
  const lines = (check: string[]) => [
    ...HEAD,
    '@app.route("/three")', //                           1
    "def three():", //                                   2
    '    user = request.args["user"]', //                  3
    '    page = request.args["page"]', //                  4
    '    host = request.args["host"]', //                  5
    ...check, //                                         6-7
    '    os.system("finger " + user)', //                  8
    '    os.system("ping " + host)', //                    9
    '    return render_template_string("<p>" + page + "</p>")', // 10
  ];
  it("reports all three when nothing checks them", () => {
    const before = py(lines(["    pass", "    pass"]));
    expect(open(before)).toEqual([`${at(8)}:shell`, `${at(9)}:shell`, `${at(10)}:template-eval`].sort());
  });

  it("a check that aborts on failure removes only the finding it dominates", () => {
    const v = py(lines(['    if not re.fullmatch(r"[a-z]{1,16}", user):', "        abort(400)"]));
    expect(open(v)).toEqual([`${at(9)}:shell`, `${at(10)}:template-eval`]);
  });

  it("a reassignment to a constant removes only the finding on that value", () => {
    const v = py(lines(['    host = "127.0.0.1"', "    pass"]));
    expect(open(v)).toEqual([`${at(10)}:template-eval`, `${at(8)}:shell`].sort());
  });

  it("a sanitiser cleans the value for the sinks it protects, and only those", () => {
    const v = py(lines(["    page = escape(page)", "    user = escape(user)"]));
    // HTML escaping protects the page; it does nothing for a shell command.
    expect(open(v)).toEqual([`${at(8)}:shell`, `${at(9)}:shell`]);
    expect(hitAt(v, at(8), "shell")).toMatchObject({ unguarded: true, cleanedBy: ["escape"] });
  });
});
