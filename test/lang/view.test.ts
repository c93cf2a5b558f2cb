import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractView, extractViewOfNode, UnitSplitter, viewFeatures, type SourceLanguage, type UnitView } from "../../src/lang/index.js";

let splitter: UnitSplitter;
beforeAll(async () => {
  splitter = await UnitSplitter.create();
});
afterAll(() => splitter.delete());

function view(code: string, language: SourceLanguage): UnitView {
  const tree = splitter.parse(code, language);
  try {
    return extractViewOfNode(tree.rootNode, language);
  } finally {
    tree.delete();
  }
}

const flows = (v: UnitView) => v.sinks.filter((s) => s.tainted && !s.cleanedBy.length).map((s) => s.concept);

describe("language-neutral view", () => {
  it("reads the same SQL injection in Python and JavaScript as the same features", () => {
    const py = view(
      ['@app.route("/u")', "def find():", '    name = request.args.get("name")', "    q = \"SELECT * FROM u WHERE n = '\" + name + \"'\"", "    cursor.execute(q)"].join("\n"),
      "python",
    );
    const js = view(
      ['app.get("/u", (req, res) => {', "  const name = req.query.name;", "  const q = \"SELECT * FROM u WHERE n = '\" + name + \"'\";", "  db.query(q);", "});"].join("\n"),
      "javascript",
    );
    expect(py.sinks[0]).toMatchObject({ concept: "sql", tainted: true, sources: ["request"], line: 5, lines: [4, 5] });
    expect(js.sinks[0]).toMatchObject({ concept: "sql", tainted: true, sources: ["request"], line: 4, lines: [3, 4] });
    expect(viewFeatures(py).sort()).toEqual(viewFeatures(js).sort());
    expect(viewFeatures(py)).toContain("flow:sql:concat");
  });

  it("sees parameterised queries as guarded, not as flows", () => {
    const py = view('def f(uid):\n    cursor.execute("SELECT * FROM t WHERE id = %s", (uid,))', "python");
    const js = view('function f(uid) { return db.query("SELECT * FROM t WHERE id = ?", [uid]); }', "javascript");
    for (const v of [py, js]) {
      expect(flows(v)).toEqual([]);
      expect(v.guards).toContain("parameterised");
    }
  });

  it("does not take a callback after the query text for bound values", () => {
    const built = view('function f(req, res) {\n  const q = "SELECT * FROM t WHERE c = \'" + req.query.c + "\'";\n  db.query(q, (err, rows) => res.json(rows));\n}', "javascript");
    expect(built.sinks.find((s) => s.concept === "sql")).toMatchObject({ tainted: true, bound: false, shape: "concat" });
    expect(built.guards).not.toContain("parameterised");
    const bound = view('function f(req, res) {\n  db.query("SELECT * FROM t WHERE c = ?", [req.query.c], function (err, rows) { res.json(rows); });\n}', "javascript");
    expect(bound.sinks.find((s) => s.concept === "sql")).toMatchObject({ bound: true });
    expect(bound.guards).toContain("parameterised");
  });

  it("reads a value the same however its call is laid out, and a quoted name is no principal", () => {
    const body = (get: string) =>
      ['@app.route("/books")', "def search():", `    author = ${get}`, "    rows = conn.execute(f\"SELECT * FROM books WHERE author = '{author}'\").fetchall()", "    return jsonify(rows)"].join("\n");
    const oneLine = view(body('request.args.get("author", "")'), "python");
    const split = view(body('request.args.get(\n        "author",\n        ""\n    )'), "python");
    expect(viewFeatures(split).sort()).toEqual(viewFeatures(oneLine).sort());
    expect(oneLine.guards).not.toContain("ownership");
    const owned = view('def mine():\n    return Book.query.filter_by(\n        author_id=current_user.id,\n    ).all()', "python");
    expect(owned.guards).toContain("ownership");
  });

  it("resolves import aliases and keyword switches (shell=True vs argv)", () => {
    const shell = view('import subprocess as sp\ndef f(host):\n    sp.run(f"ping {host}", shell=True)', "python");
    expect(shell.sinks.map((s) => s.concept)).toEqual(["shell"]);
    expect(shell.sinks[0].kinds).toContain("interpolation");
    const argv = view('import subprocess\ndef f(host):\n    subprocess.run(["ping", "--", host])', "python");
    expect(argv.sinks.map((s) => s.concept)).toEqual(["spawn"]);
    expect(argv.guards).toContain("option-terminator");
    const js = view('const { exec } = require("child_process");\nfunction f(host) { exec(`ping ${host}`); }', "javascript");
    expect(js.sinks.map((s) => s.concept)).toEqual(["shell"]);
  });

  it("stops taint at escapers and records the guard", () => {
    const py = view('from html import escape\ndef f():\n    n = request.args["n"]\n    return Markup("<b>" + escape(n) + "</b>")', "python");
    const html = py.sinks.find((s) => s.concept === "html-output")!;
    expect(html.cleanedBy).toEqual(["escape"]);
    const js = view("app.get('/f', (req, res) => { res.send('<b>' + escapeHtml(req.query.n) + '</b>'); });", "javascript");
    expect(js.sinks[0]).toMatchObject({ concept: "html-output", cleanedBy: ["escape"] });
  });

  it("counts a rejecting check on the tainted value as a guard of its flow", () => {
    const code = [
      "def download(name):",
      "    path = os.path.realpath(os.path.join(ROOT, name))",
      "    if not path.startswith(ROOT):",
      "        abort(404)",
      "    return send_file(path)",
    ].join("\n");
    const v = view(code, "python");
    expect(v.rejects).toBe(1);
    expect(v.sinks.find((s) => s.concept === "file-path")?.cleanedBy).toContain("path-containment");
  });

  it("finds credentials in literals and weakening settings, in either language", () => {
    const py = view('API_KEY = "sk_live_a81bd93kq"\napp.config["SECRET_KEY"] = "f3c9e1a7b2"\nWTF_CSRF_ENABLED = False', "python");
    expect(py.sinks.map((s) => s.concept).sort()).toEqual(["csrf-disabled", "secret-literal", "secret-literal"]);
    const js = view('const apiKey = "sk_live_a81bd93kq";\napp.use(cors({ origin: "*" }));', "javascript");
    expect(js.sinks.map((s) => s.concept).sort()).toEqual(["permissive-config", "secret-literal"]);
    const env = view('API_KEY = os.environ["API_KEY"]', "python");
    expect(env.sinks).toEqual([]);
    expect(env.guards).toContain("secret-from-env");
  });

  it("reads route decorators and middleware as handler guards", () => {
    const py = view('@app.route("/admin")\n@login_required\ndef admin():\n    db.session.commit()', "python");
    const js = view('router.post("/admin", requireAuth, (req, res) => { user.save(); });', "javascript");
    for (const v of [py, js]) {
      expect(v.handler).toBe(true);
      expect(v.guards).toContain("authn");
      expect(v.sinks.map((s) => s.concept)).toEqual(["state-change"]);
    }
    const exempt = view('@csrf_exempt\ndef hook(request):\n    pass', "python");
    expect(exempt.sinks.map((s) => s.concept)).toEqual(["csrf-disabled"]);
  });

  it("gives a unit the imports of its file and the decorators of its def", () => {
    const src = 'import pickle\nfrom flask import request\n\n@app.post("/load")\ndef load():\n    return pickle.loads(request.data)\n';
    const { units } = splitter.split(src, "python");
    const fn = units.find((u) => u.name === "load")!;
    const v = extractView(fn);
    expect(v.handler).toBe(true);
    expect(v.sinks.find((s) => s.concept === "deserialize")).toMatchObject({ tainted: true, sources: ["request"], line: 6 });
  });

  it("uses only shared concept ids as features, never identifiers from the code", () => {
    const v = view("def zebra_handler(giraffe):\n    os.system('echo ' + giraffe)", "python");
    const features = viewFeatures(v);
    expect(features.join(" ")).not.toMatch(/zebra|giraffe|os\.system|echo/);
    expect(features).toContain("flow:shell<-param");
  });
});
