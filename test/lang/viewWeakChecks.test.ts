// Checks that look like protection but let part of the input through, and whole records handed out: each read
// the same in Python and JavaScript.
import { describe, expect, it } from "vitest";
import type { UnitView } from "../../src/lang/index.js";
import { useViews } from "../helpers/viewOf.js";

const { view } = useViews();

const concepts = (v: UnitView) => v.sinks.map((s) => s.concept);

describe("partial pattern matches", () => {
  it("reads a pattern that can match part of the value as a partial check, an anchored one as a pattern check", () => {
    const pyPartial = view('import re\nEMAIL = re.compile(r"[a-z.]+@staff\\.example\\.com")\ndef f(email):\n    if not EMAIL.match(email):\n        raise ValueError("no")\n    return email', "python");
    const pyFull = view('import re\nEMAIL = re.compile(r"[a-z.]+@staff\\.example\\.com")\ndef f(email):\n    if not EMAIL.fullmatch(email):\n        raise ValueError("no")\n    return email', "python");
    const pyAnchored = view('import re\ndef f(name):\n    if not re.match(r"^[a-z]+$", name):\n        raise ValueError("no")\n    return name', "python");
    const pySearch = view('import re\ndef f(name):\n    if not re.search(r"[a-z]+$", name):\n        raise ValueError("no")\n    return name', "python");
    const jsPartial = view("function f(name) {\n  if (!/[a-z]+/.test(name)) throw new Error('no');\n  return name;\n}", "javascript");
    const jsAnchored = view("const NAME = /^[a-z]+$/i;\nfunction f(name) {\n  if (!NAME.test(name)) throw new Error('no');\n  return name;\n}", "javascript");
    const jsMatch = view("function f(name) {\n  if (!name.match(new RegExp('[a-z]+$'))) throw new Error('no');\n  return name;\n}", "javascript");
    for (const partial of [pyPartial, pySearch, jsPartial, jsMatch]) {
      expect(partial.guards).toContain("partial-pattern");
      expect(partial.guards).not.toContain("pattern-check");
      expect(partial.guards).not.toContain("allow-list");
    }
    for (const full of [pyFull, pyAnchored, jsAnchored]) {
      expect(full.guards).toContain("pattern-check");
      expect(full.guards).not.toContain("partial-pattern");
    }
  });

  it("reads rejecting a value when part of it matches as the deny-list it is", () => {
    const py = view('import re\ndef f(s):\n    if re.search(r"[^0-9a-f]", s):\n        raise ValueError("no")\n    return s', "python");
    const js = view("function f(s) {\n  if (/[^0-9a-f]/.test(s)) throw new Error('no');\n  return s;\n}", "javascript");
    for (const v of [py, js]) expect(v.guards).not.toContain("partial-pattern");
  });

  it("does not judge a pattern it cannot see", () => {
    const py = view("def f(pattern, name):\n    if not pattern.match(name):\n        raise ValueError('no')\n    return name", "python");
    const js = view("function f(pattern, name) {\n  if (!pattern.test(name)) throw new Error('no');\n  return name;\n}", "javascript");
    for (const v of [py, js]) expect(v.guards).not.toContain("partial-pattern");
  });

  it("leaves a shell command checked only in part unprotected", () => {
    const py = view('import re, os\ndef f(host):\n    if not re.match(r"[\\w.-]+", host):\n        raise ValueError("no")\n    os.system("ping " + host)', "python");
    const js = view("const { exec } = require('child_process');\nfunction f(host) {\n  if (!/[\\w.-]+/.test(host)) throw new Error('no');\n  exec('ping ' + host);\n}", "javascript");
    for (const v of [py, js]) expect(v.sinks.find((s) => s.concept === "shell")).toMatchObject({ unguarded: true });
  });
});

describe("checks that grant on sign-in alone", () => {
  it("flags a permission joined to authentication with or, not with and", () => {
    const pyOr = view('def f(request):\n    if request.user.is_authenticated or request.user.has_perm("app.archive"):\n        archive()\n        return 1\n    return 0', "python");
    const pyAnd = view('def f(request):\n    if request.user.is_authenticated and request.user.has_perm("app.archive"):\n        archive()\n        return 1\n    return 0', "python");
    const jsOr = view("function f(req, res) {\n  if (req.isAuthenticated() || req.user.hasRole('admin')) return archive();\n  res.sendStatus(403);\n}", "javascript");
    const jsAnd = view("function f(req, res) {\n  if (req.isAuthenticated() && req.user.hasRole('admin')) return archive();\n  res.sendStatus(403);\n}", "javascript");
    expect(concepts(pyOr)).toContain("fail-open-check");
    expect(concepts(jsOr)).toContain("fail-open-check");
    expect(concepts(pyAnd)).not.toContain("fail-open-check");
    expect(concepts(jsAnd)).not.toContain("fail-open-check");
  });

  it("flags rejecting only when both checks fail, and a decision returned as either", () => {
    const py = view('def f(user):\n    if not user.is_authenticated and not user.has_perm("x"):\n        raise PermissionDenied()\n    return 1', "python");
    const pyClosed = view('def f(user):\n    if not user.is_authenticated or not user.has_perm("x"):\n        raise PermissionDenied()\n    return 1', "python");
    const js = view("function allowed(req) {\n  return req.isAuthenticated() || req.user.role === 'admin';\n}", "javascript");
    expect(concepts(py)).toContain("fail-open-check");
    expect(concepts(js)).toContain("fail-open-check");
    expect(concepts(pyClosed)).not.toContain("fail-open-check");
  });

  it("does not flag an admin-or-owner check, nor refusing a missing or guest member", () => {
    const py = view("def f(user, post):\n    if user.is_admin or post.owner_id == user.id:\n        return 1\n    return 0", "python");
    const js = view("function f(user, post) {\n  if (user.isAdmin || post.ownerId === user.id) return 1;\n  return 0;\n}", "javascript");
    const pyRefusal = view('def f(team):\n    actor = team.member(current_user.id)\n    if actor is None or actor.role == "guest":\n        abort(403)\n    return 1', "python");
    const jsRefusal = view("function f(req, res) {\n  if (!req.user || req.user.role === 'guest') return res.status(403).end();\n  res.end('ok');\n}", "javascript");
    for (const v of [py, js, pyRefusal, jsRefusal]) expect(concepts(v)).not.toContain("fail-open-check");
  });

  it("flags a check that answers yes when it fails with an error", () => {
    const py = view("def in_group(user, group):\n    try:\n        return directory.is_member(user, group)\n    except LookupError:\n        return True", "python");
    const pyClosed = view("def in_group(user, group):\n    try:\n        return directory.is_member(user, group)\n    except LookupError:\n        return False", "python");
    const js = view("async function inGroup(user, group) {\n  try {\n    return await directory.isMember(user, group);\n  } catch (err) {\n    return true;\n  }\n}", "javascript");
    expect(concepts(py)).toContain("fail-open-check");
    expect(concepts(js)).toContain("fail-open-check");
    expect(concepts(pyClosed)).not.toContain("fail-open-check");
  });
});

describe("whole records handed out", () => {
  it("flags the whole environment in a response, not one variable of it", () => {
    const py = view('@app.get("/debug")\ndef debug():\n    return jsonify({"env": dict(os.environ)})', "python");
    const pyOne = view('@app.get("/debug")\ndef debug():\n    return jsonify({"release": os.environ.get("RELEASE", "?")})', "python");
    const js = view("app.get('/debug', (req, res) => {\n  res.json({ env: { ...process.env } });\n});", "javascript");
    const jsOne = view("app.get('/debug', (req, res) => {\n  res.json({ release: process.env.RELEASE });\n});", "javascript");
    expect(concepts(py)).toContain("record-exposure");
    expect(concepts(js)).toContain("record-exposure");
    expect(concepts(pyOne)).not.toContain("record-exposure");
    expect(concepts(jsOne)).not.toContain("record-exposure");
  });

  it("flags an upstream body passed through, not the fields picked from it", () => {
    const py = view('@app.get("/billing")\ndef billing():\n    resp = requests.get(BILLING_URL, timeout=5)\n    return jsonify(resp.json())', "python");
    const pyPicked = view('@app.get("/billing")\ndef billing():\n    resp = requests.get(BILLING_URL, timeout=5)\n    data = resp.json()\n    return jsonify({k: data.get(k) for k in ("plan", "status")})', "python");
    const js = view("app.get('/billing', async (req, res) => {\n  const r = await fetch(BILLING_URL);\n  res.json(await r.json());\n});", "javascript");
    const jsPicked = view("app.get('/billing', async (req, res) => {\n  const r = await fetch(BILLING_URL);\n  const data = await r.json();\n  res.json({ plan: data.plan, status: data.status });\n});", "javascript");
    expect(concepts(py)).toContain("record-exposure");
    expect(concepts(js)).toContain("record-exposure");
    expect(concepts(pyPicked)).not.toContain("record-exposure");
    expect(concepts(jsPicked)).not.toContain("record-exposure");
  });

  it("reads a logger made by a factory as a logger, under any name", () => {
    const py = view('import logging\naudit = logging.getLogger("audit")\ndef f(username, password):\n    audit.warning("failed login user=%s password=%s", username, password)', "python");
    const pyClean = view('import logging\naudit = logging.getLogger("audit")\ndef f(username, password):\n    audit.warning("failed login user=%s", username)', "python");
    const js = view("const winston = require('winston');\nconst audit = winston.createLogger({ level: 'info' });\nfunction f(username, password) {\n  audit.warn(`failed login ${username} ${password}`);\n}", "javascript");
    for (const v of [py, pyClean, js]) expect(concepts(v)).toContain("log-output");
    expect(concepts(py)).toContain("sensitive-data");
    expect(concepts(js)).toContain("sensitive-data");
    expect(concepts(pyClean)).not.toContain("sensitive-data");
  });

  it("does not flag the environment handed to a child process", () => {
    const py = view("def run(cmd):\n    env = dict(os.environ, LANG='C')\n    subprocess.run(cmd, env=env)", "python");
    const js = view("function run(cmd) {\n  spawn(cmd, [], { env: { ...process.env, LANG: 'C' } });\n}", "javascript");
    for (const v of [py, js]) expect(concepts(v)).not.toContain("record-exposure");
  });
});
