// The concepts that tell a vulnerable snippet from its minimally fixed twin, read the same in Python and JavaScript.
import { describe, expect, it } from "vitest";
import { viewFeatures, type UnitView } from "../../src/lang/index.js";
import { useViews } from "../helpers/viewOf.js";

const { view } = useViews();

const concepts = (v: UnitView) => v.sinks.map((s) => s.concept);

describe("twin-distinguishing concepts", () => {
  it("records the shape of a query's text and whether values were bound apart, through variables", () => {
    const pyBad = view('def f(db, name):\n    sql = f"SELECT * FROM t WHERE n = {name}"\n    db.execute(sql)', "python");
    const pyGood = view('def f(db, name):\n    sql = "SELECT * FROM t WHERE n = ?"\n    db.execute(sql, (name,))', "python");
    const jsBad = view("function f(db, name) {\n  const sql = `SELECT * FROM t WHERE n = ${name}`;\n  return db.query(sql);\n}", "javascript");
    const jsGood = view('function f(db, name) {\n  const sql = "SELECT * FROM t WHERE n = ?";\n  return db.query(sql, [name]);\n}', "javascript");
    for (const bad of [pyBad, jsBad]) expect(bad.sinks[0]).toMatchObject({ concept: "sql", shape: "interpolated", bound: false });
    for (const good of [pyGood, jsGood]) expect(good.sinks[0]).toMatchObject({ concept: "sql", shape: "literal", bound: true });
    expect(viewFeatures(pyBad)).toContain("shape:sql:built-unbound");
    expect(viewFeatures(jsGood)).toContain("shape:sql:bound");
  });

  it("flags a check that is skipped when the value is missing (fails open)", () => {
    const py = view('def f(token, expected):\n    if token and token != expected:\n        raise Forbidden()\n    return 1', "python");
    const pyClosed = view('def f(token, expected):\n    if not token or token != expected:\n        raise Forbidden()\n    return 1', "python");
    const js = view("function f(token, expected) {\n  if (token && token !== expected) throw new Error('no');\n  return 1;\n}", "javascript");
    expect(concepts(py)).toContain("fail-open-check");
    expect(concepts(js)).toContain("fail-open-check");
    expect(concepts(pyClosed)).not.toContain("fail-open-check");
  });

  it("reads a query scoped to the signed-in user as an ownership guard", () => {
    const py = view("def f(doc_id):\n    return Doc.query.filter_by(id=doc_id, owner_id=current_user.id).first_or_404()", "python");
    const pyOpen = view("def f(doc_id):\n    return Doc.query.filter_by(id=doc_id).first_or_404()", "python");
    const js = view("async function f(req, res) {\n  const doc = await Doc.findOne({ where: { id: req.params.id, userId: req.user.id } });\n  res.json(doc);\n}", "javascript");
    const sql = view('def f(db, tid, uid):\n    return db.execute("SELECT * FROM m WHERE id = :tid AND user_id = :uid", {"tid": tid, "uid": uid})', "python");
    expect(py.guards).toContain("ownership");
    expect(js.guards).toContain("ownership");
    expect(sql.guards).toContain("ownership");
    expect(pyOpen.guards).not.toContain("ownership");
  });

  it("sees untrusted mappings spread into records, and sensitive fields logged", () => {
    const py = view('@app.post("/u")\ndef f():\n    data = request.get_json()\n    user = User(**data)\n    log.info("login %s %s", user.name, password)', "python");
    const js = view("app.post('/u', async (req, res) => {\n  const user = await User.create({ ...req.body });\n  console.log('login', user.password);\n});", "javascript");
    for (const v of [py, js]) expect(concepts(v)).toEqual(expect.arrayContaining(["mass-assignment", "sensitive-data"]));
  });

  it("reads bounded slices and limits declared on parameters as size limits", () => {
    const py = view("def f(q: str):\n    key = q[:200]\n    return cache.lpush(key)", "python");
    const pyParam = view("async def f(size: int = Query(1024, ge=1, le=4096)):\n    return bytearray(size)", "python");
    const js = view("function f(q) {\n  const key = q.slice(0, 200);\n  return cache.lpush(key);\n}", "javascript");
    for (const v of [py, pyParam, js]) expect(v.guards).toContain("size-limit");
    expect(pyParam.sinks.find((s) => s.concept === "alloc")?.cleanedBy).toContain("size-limit");
  });

  it("reads guard lists in settings and key-like names holding random literals", () => {
    const py = view('@router.post("/flush", dependencies=[Depends(require_auth)])\ndef flush():\n    cache.clear()\nFIELD_KEY = b"pQ2n7XyV0cK9sLr4Tg1bWmE8hZ5uJd3Fa6Yo2Ni0Rk4="', "python");
    const js = view("fastify.post('/flush', { preHandler: [requireAuth] }, async () => cache.clear());\nconst FIELD_KEY = 'pQ2n7XyV0cK9sLr4Tg1bWmE8hZ5uJd3Fa6Yo2Ni0Rk4=';", "javascript");
    for (const v of [py, js]) {
      expect(v.guards).toContain("authn");
      expect(concepts(v)).toContain("secret-literal");
    }
  });
});
