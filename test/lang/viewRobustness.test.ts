// The view does not change under edits that keep meaning: renamed handler parameters, dead branches, unused helpers.
import { describe, expect, it } from "vitest";
import type { SourceLanguage } from "../../src/lang/index.js";
import { useViews } from "../helpers/viewOf.js";

const { features } = useViews();

/** Renames whole identifiers, never a member name after a dot (the snippets have no strings that contain them). */
function rename(code: string, names: Record<string, string>): string {
  return code.replace(/(?<![.\w$])[A-Za-z_$][\w$]*/g, (w) => names[w] ?? w);
}

const NAMES = { req: "hotel", res: "oscar", next: "kilo", request: "hotel", reply: "oscar", ctx: "hotel", err: "delta", msg: "lima", id: "xray" };

const HANDLERS: [string, string, string][] = [
  ["Express route", "javascript", 'const db = require("./db");\napp.get("/u", (req, res) => {\n  const id = req.query.id;\n  db.query("SELECT * FROM u WHERE id = " + id).then((rows) => res.json(rows));\n});'],
  ["router with middleware", "javascript", 'router.post("/p", requireLogin, async function (req, res, next) {\n  res.send("<p>" + req.body.name + "</p>");\n});'],
  ["Fastify", "javascript", 'fastify.get("/f", async (request, reply) => {\n  return reply.redirect(request.query.to);\n});'],
  ["Koa", "javascript", 'const fs = require("fs");\nrouter.get("/k", async (ctx, next) => {\n  ctx.body = await fs.promises.readFile(ctx.request.query.file);\n});'],
  ["Next API route", "javascript", "export default function handler(req, res) {\n  res.redirect(req.query.next);\n}"],
  ["error handler", "javascript", "app.use((err, req, res, next) => {\n  res.send('<pre>' + err.stack + req.path + '</pre>');\n});"],
  ["socket message", "javascript", 'const cp = require("child_process");\nio.on("connection", (socket) => {\n  socket.on("run", (msg) => cp.exec(msg.cmd));\n});'],
  ["TypeScript handler", "typescript", 'app.get("/t", (req: Request, res: Response) => {\n  res.send(`<b>${req.params.name}</b>`);\n});'],
];

describe("renamed handler parameters", () => {
  for (const [name, language, code] of HANDLERS) {
    it(`reads the same ${name} whatever its parameters are called`, () => {
      const before = features(code, language as SourceLanguage);
      expect(before.some((f) => f.startsWith("flow:"))).toBe(true);
      expect(features(rename(code, NAMES), language as SourceLanguage)).toEqual(before);
    });
  }

  it("does not read a renamed parameter of a plain helper as a request", () => {
    const helper = "function pick(hotel) {\n  return hotel.query;\n}";
    expect(features(helper, "javascript")).not.toContain("src:request");
  });
});

describe("code that cannot run", () => {
  const py = 'import subprocess\nfrom flask import request\n\n@app.route("/r")\ndef run():\n    name = request.args["n"]\n    return subprocess.run(["ls", name]).stdout\n';
  const js = 'const cp = require("child_process");\napp.get("/r", (req, res) => {\n  res.send(cp.execFileSync("ls", [req.query.n]));\n});\n';

  it("ignores a never-taken branch", () => {
    const pyDead = py.replace('    name = request', '    if False:\n        print("debug: skipped")\n    name = request');
    const jsDead = js.replace("  res.send", '  if (false) {\n    console.debug("skipped");\n  }\n  res.send');
    expect(features(pyDead, "python")).toEqual(features(py, "python"));
    expect(features(jsDead, "javascript")).toEqual(features(js, "javascript"));
  });

  it("still reads the else branch of a never-taken condition", () => {
    const code = 'import os\ndef f(cmd):\n    if 0:\n        pass\n    else:\n        os.system(cmd)\n';
    expect(features(code, "python")).toContain("flow:shell");
  });

  it("ignores an unused helper that does nothing risky", () => {
    const pyHelper = `${py}\n\ndef _format_label(value):\n    """Format a label for display."""\n    return str(value).strip().title()\n`;
    const jsHelper = `${js}\nfunction formatLabel(value) {\n  return String(value).trim().toUpperCase();\n}\n`;
    expect(features(pyHelper, "python")).toEqual(features(py, "python"));
    expect(features(jsHelper, "javascript")).toEqual(features(js, "javascript"));
  });
});

describe("locals are read by the value they hold, not by their name", () => {
  const owned = 'from flask import request\nfrom flask_login import current_user, login_required\n\n@app.get("/orders")\n@login_required\ndef orders():\n    uid = current_user.id\n    status = request.args.get("status", "open")\n    rows = Order.query.filter_by(user_id=uid, status=status).all()\n    return jsonify([r.to_dict() for r in rows])\n';

  it("tracks the signed-in principal through a local, whatever it is called", () => {
    const before = features(owned, "python");
    expect(before).toContain("guard:ownership");
    expect(features(rename(owned, { uid: "bravo", status: "kilo", rows: "lima" }), "python")).toEqual(before);
  });

  it("does not take a record looked up by id for the signed-in user because of its name", () => {
    const lookedUp = 'def purge(user_id):\n    user = User.query.get_or_404(user_id)\n    AuditEntry.query.filter_by(user_id=user.id).delete()\n';
    expect(features(lookedUp, "python")).not.toContain("guard:ownership");
    const injected = 'from fastapi import Depends\n\n@router.get("/orders")\ndef orders(me=Depends(current_user), db=Depends(get_db)):\n    return db.query(Order).filter(Order.owner_id == me.id).all()\n';
    expect(features(injected, "python")).toContain("guard:ownership");
  });

  it("reads a condition on a local through what the local holds", () => {
    const code = 'from flask import abort\nfrom flask_login import current_user\n\n@app.post("/plans")\ndef change():\n    role = current_user.role\n    if role != "admin":\n        abort(403)\n    db.session.execute(text("UPDATE plans SET active = 1"))\n';
    const before = features(code, "python");
    expect(before).toContain("guard:authz");
    expect(features(rename(code, { role: "tango" }), "python")).toEqual(before);
  });

  it("takes no setting from a function's local name", () => {
    const code = 'from flask import request\n\n@app.get("/feed")\ndef feed():\n    limit = request.args.get("limit", "20")\n    return jsonify(db.execute("SELECT * FROM posts LIMIT %s" % limit).fetchall())\n';
    const before = features(code, "python");
    expect(before).not.toContain("guard:size-limit");
    expect(features(rename(code, { limit: "xray" }), "python")).toEqual(before);
  });
});

describe("callback parameters are read by the role the calling API gives them", () => {
  const helper = 'function load(db, id, out) {\n  db.query("SELECT * FROM t WHERE id = " + id, (err, rows) => {\n    if (err) return console.error(err);\n    out.innerHTML = rows.map((r) => "<li>" + r.name).join("");\n  });\n  fs.readFile("/tmp/x", (err, data) => console.log(data));\n  fetch("/x").then((res) => res.json()).then((body) => eval(body.code));\n}';

  it("reads a helper and its callbacks the same whatever the parameters are called", () => {
    const before = features(helper, "javascript");
    expect(before.some((f) => f.startsWith("flow:sql"))).toBe(true);
    expect(features(rename(helper, { db: "alpha", res: "oscar", err: "delta", rows: "mike", r: "romeo", id: "xray", out: "golf", data: "papa", body: "india" }), "javascript")).toEqual(before);
  });

  it("does not read a database callback's error as untrusted input", () => {
    const code = 'db.query("SELECT 1", (e, rows) => {\n  if (e) console.log(e);\n});';
    expect(features(code, "javascript").filter((f) => f.startsWith("flow:log-output"))).toEqual([]);
  });
});

describe("a helper's parameters match no rule by their names", () => {
  const HELPERS: [string, string, Record<string, string>][] = [
    ["response helper", "function render(res, html) {\n  res.send(html);\n}\nmodule.exports = { render };", { res: "oscar" }],
    ["request helper", 'const cp = require("child_process");\nfunction run(req) {\n  cp.exec("ls " + req.query.dir);\n}\nrun(x);', { req: "hotel" }],
    ["redirect helper", "function bounce(response, to) {\n  response.redirect(to);\n}\nbounce(a, b);", { response: "oscar", to: "tango" }],
    ["helper inside a route", 'app.get("/n", (req, res) => {\n  function out(res, v) {\n    res.send(v);\n  }\n  out(res, req.query.v);\n});', { res: "oscar", v: "victor" }],
    ["helper called from a route", 'function show(res, name) {\n  res.send("<p>" + name + "</p>");\n}\napp.get("/s", (req, res) => show(res, req.query.name));', { name: "november" }],
  ];
  for (const [name, code, names] of HELPERS) {
    it(`reads the same ${name} whatever its parameters are called`, () => {
      expect(features(rename(code, names), "javascript")).toEqual(features(code, "javascript"));
    });
  }

  it("gives a helper's parameter named like a handler role no sink or source by that name", () => {
    expect(features("function render(res, html) {\n  res.send(html);\n}\nrender(a, b);", "javascript")).not.toContain("flow:html-output");
    expect(features("function pick(req) {\n  return req.query.id;\n}\npick(a);", "javascript")).not.toContain("src:request");
  });

  it("still binds a handler's parameters by position", () => {
    const route = 'app.get("/h", (req, res) => {\n  res.send("<p>" + req.query.name + "</p>");\n});';
    expect(features(route, "javascript")).toContain("flow:html-output");
    expect(features(rename(route, { req: "hotel", res: "oscar" }), "javascript")).toEqual(features(route, "javascript"));
  });
});
