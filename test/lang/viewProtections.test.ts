// A guard counts where it protects: on the value that reaches a sink, or in the sink's own function.
import { describe, expect, it } from "vitest";
import type { SinkConcept, UnitView } from "../../src/lang/index.js";
import { useViews } from "../helpers/viewOf.js";

const { view, features } = useViews();

const sink = (v: UnitView, concept: SinkConcept) => v.sinks.find((s) => s.concept === concept)!;
const concepts = (v: UnitView) => v.sinks.map((s) => s.concept);
/** Renames whole identifiers, never a member name after a dot (the snippets have no strings that contain them). */
const rename = (code: string, names: Record<string, string>) => code.replace(/(?<![.\w$])[A-Za-z_$][\w$]*/g, (w) => names[w] ?? w);

describe("guards of one function do not guard its sibling", () => {
  it("reads a route's decorator guards only for that route (Python)", () => {
    const code = (deps: string) =>
      `@router.get("/a", dependencies=[Depends(require_token)])\nasync def a():\n    return 1\n\n@router.post("/b"${deps})\nasync def b():\n    await cache.delete("k")\n`;
    const open = view(code(""), "python");
    const closed = view(code(", dependencies=[Depends(require_token)]"), "python");
    expect(open.guards).toContain("authn");
    expect(sink(open, "state-change")).toMatchObject({ guards: [], unguarded: true });
    expect(sink(closed, "state-change")).toMatchObject({ guards: ["authn"], unguarded: false });
  });

  it("reads route middleware only for its route (JavaScript)", () => {
    const code = (mw: string) => `router.get("/a", requireLogin, (req, res) => res.send("ok"));\nrouter.post("/b", ${mw}async (req, res) => {\n  await Post.destroy({ where: { id: req.params.id } });\n});`;
    expect(sink(view(code(""), "javascript"), "state-change").unguarded).toBe(true);
    expect(sink(view(code("requireLogin, "), "javascript"), "state-change").unguarded).toBe(false);
  });

  it("counts a check after a lookup in the same function", () => {
    const v = view("@app.get('/p/<int:pid>')\ndef show(pid):\n    post = Post.query.get_or_404(request.args['id'])\n    if post.owner_id != current_user.id:\n        abort(403)\n    return post.title", "python");
    expect(sink(v, "object-lookup")).toMatchObject({ tainted: true, unguarded: false });
    expect(sink(v, "object-lookup").guards).toContain("ownership");
  });
});

describe("a check guards the value it tests", () => {
  it("cleans the input a checked value was computed from (Python urlsplit, JavaScript URL)", () => {
    const py = view('def f():\n    url = request.args["url"]\n    parts = urlsplit(url)\n    if parts.hostname not in HOSTS:\n        abort(400)\n    return requests.get(url).text', "python");
    const js = view('app.get("/p", async (req, res) => {\n  const target = req.query.url;\n  const u = new URL(target);\n  if (!HOSTS.has(u.hostname)) return res.sendStatus(400);\n  res.send(await (await fetch(target)).text());\n});', "javascript");
    for (const v of [py, js]) expect(sink(v, "http-request")).toMatchObject({ tainted: true, unguarded: false });
    expect(sink(py, "http-request").cleanedBy).toEqual(expect.arrayContaining(["allow-list", "url-check"]));
  });

  it("does not clean a whole mapping because one of its fields was checked", () => {
    const v = view('def f():\n    body = request.get_json()\n    name = body.get("name")\n    if not name:\n        abort(400)\n    db.execute("UPDATE u SET " + body["col"] + " = 1")', "python");
    expect(sink(v, "sql")).toMatchObject({ tainted: true, cleanedBy: [], unguarded: true });
  });

  it("cleans a value inside the branch its check allows, not after it", () => {
    for (const [code, lang] of [
      ['def f():\n    host = request.args["h"]\n    if host in ALLOWED:\n        requests.get("https://" + host)\n    requests.post("https://" + host)', "python"],
      ['app.get("/x", (req, res) => {\n  const host = req.query.h;\n  if (ALLOWED.includes(host)) {\n    axios.get("https://" + host);\n  }\n  axios.post("https://" + host);\n});', "javascript"],
    ] as const) {
      const [inside, after] = view(code, lang).sinks.filter((s) => s.concept === "http-request");
      expect(inside).toMatchObject({ cleanedBy: ["allow-list"], unguarded: false });
      expect(after).toMatchObject({ cleanedBy: [], unguarded: true });
    }
  });

  it("does not clean the branch of a negated check", () => {
    const v = view('def f():\n    p = request.args["p"]\n    if not p.startswith("/srv"):\n        log(p)\n    return open(p).read()', "python");
    expect(sink(v, "file-path")).toMatchObject({ tainted: true, unguarded: true });
  });
});

describe("a call's own options guard its sink", () => {
  it("reads redirects switched off on the request itself", () => {
    const py = view('def f():\n    return requests.get(request.args["u"], allow_redirects=False).text', "python");
    const js = view('app.get("/x", async (req, res) => res.send((await axios.get(req.query.u, { maxRedirects: 0 })).data));', "javascript");
    for (const v of [py, js]) expect(sink(v, "http-request").guards).toContain("url-check");
  });

  it("reads a parameterised query as guarded, a built one as unguarded", () => {
    const bad = view('def f(db):\n    db.execute(f"SELECT * FROM t WHERE n = {request.args[\'n\']}")', "python");
    const good = view('def f(db):\n    db.execute("SELECT * FROM t WHERE n = ?", (request.args["n"],))', "python");
    expect(sink(bad, "sql").unguarded).toBe(true);
    expect(sink(good, "sql").unguarded).toBe(false);
  });
});

describe("what a rule table says about access", () => {
  it("reads objects and grants opened to everyone as permissive", () => {
    expect(concepts(view("def share(blob):\n    blob.make_public()\n    return blob.public_url", "python"))).toContain("permissive-config");
    expect(concepts(view("async function share(file) {\n  await file.makePublic();\n}", "javascript"))).toContain("permissive-config");
    expect(concepts(view('s3.put_object(Bucket=b, Key=k, Body=data, ACL="public-read")', "python"))).toContain("permissive-config");
    expect(concepts(view('await s3.send(new PutObjectCommand({ Bucket: b, Key: k, Body: data, ACL: "public-read" }));', "javascript"))).toContain("permissive-config");
    expect(concepts(view('s3.put_object(Bucket=b, Key=k, Body=data, ACL="private")', "python"))).not.toContain("permissive-config");
    expect(concepts(view('def up():\n    op.execute("GRANT SELECT ON payroll TO PUBLIC")', "python"))).toContain("permissive-config");
    expect(concepts(view('def up():\n    op.execute("GRANT SELECT ON payroll TO reporting")', "python"))).not.toContain("permissive-config");
  });

  it("reads a multiprocessing listener without an authkey as deserialisation", () => {
    const code = (args: string) => `from multiprocessing.connection import Listener\ndef serve(address):\n    with Listener(${args}) as l:\n        return l.accept().recv()`;
    expect(concepts(view(code("address"), "python"))).toContain("deserialize");
    expect(concepts(view(code('address, authkey=os.environ["K"].encode()'), "python"))).not.toContain("deserialize");
  });

  it("reads a staff flag as sign-in, a superuser or permission check as authorisation", () => {
    const staff = view("def f(request):\n    if not request.user.is_staff:\n        raise PermissionDenied\n    return 1", "python");
    const superuser = view("def f(request):\n    if not request.user.is_superuser:\n        raise PermissionDenied\n    return 1", "python");
    expect(staff.guards).toContain("authn");
    expect(staff.guards).not.toContain("authz");
    expect(superuser.guards).toContain("authz");
  });
});

describe("a function's locals match no rule by their names", () => {
  const code = 'async function ping(opts) {\n  const res = await npmFetch("/-/ping", opts);\n  const log = require("./logging");\n  log.info(await res.json());\n  return res;\n}\nmodule.exports = ping;';

  it("reads a fetched response called `res` as no response sink, as once renamed", () => {
    expect(concepts(view(code, "javascript"))).toEqual([]);
    expect(features(rename(code, { res: "oscar", log: "lima" }), "javascript")).toEqual(features(code, "javascript"));
  });

  it("still resolves a module required inside a function", () => {
    const v = view('function run(cmd) {\n  const cp = require("child_process");\n  const r = cp;\n  r.exec(cmd);\n}\nrun(x);', "javascript");
    expect(concepts(v)).toEqual(["shell"]);
  });
});
