// Rules that keep ordinary code from reading as a weakness: a command-line tool printing its own arguments is no
// log injection; a presence-guarded check fails open only when it checks a credential.
import { describe, expect, it } from "vitest";
import { useViews } from "../helpers/viewOf.js";

const { view } = useViews();
const logHits = (code: string, language: "python" | "javascript") => view(code, language).sinks.filter((h) => h.concept === "log-output");
const failOpen = (code: string, language: "python" | "javascript") => view(code, language).sinks.filter((h) => h.concept === "fail-open-check").length;

describe("log output from the program's own operator", () => {
  it("reads a CLI printing its arguments as untainted, a handler logging a request as tainted", () => {
    const cli = logHits(`import sys\n\ndef main():\n    name = sys.argv[1]\n    print("archiving " + name)\n`, "python");
    expect(cli.map((h) => h.tainted)).toEqual([false]);
    const web = logHits(`import logging\nfrom flask import request\nlog = logging.getLogger(__name__)\n\n@app.route("/login")\ndef login():\n    log.info("login for " + request.args["user"])\n    return "ok"\n`, "python");
    expect(web.map((h) => [h.tainted, h.sources])).toEqual([[true, ["request"]]]);
    const node = logHits(`const user = process.argv[2];\nconsole.log("user " + user);\n`, "javascript");
    expect(node.every((h) => !h.tainted)).toBe(true);
  });

  it("reads a helper logging its own parameter as untainted, and the call that passes it request data as tainted", () => {
    const helper = `import logging\nlog = logging.getLogger(__name__)\n\ndef audit(who):\n    log.info("access by " + who)\n`;
    expect(logHits(helper, "python").map((h) => h.tainted)).toEqual([false]);
    const called = logHits(`${helper}\n@app.route("/a")\ndef a():\n    audit(request.args["who"])\n    return "ok"\n`, "python");
    expect(called.some((h) => h.tainted && h.sources.includes("request") && h.line === 5)).toBe(true);
  });
});

describe("fail-open checks", () => {
  it("flag a presence-guarded check of a token or signature, not an argument check", () => {
    expect(failOpen(`def check(request):\n    token = request.headers.get("X-Token")\n    if token and token != EXPECTED:\n        raise PermissionError()\n`, "python")).toBe(1);
    expect(failOpen(`function verify(req, res, next) {\n  const sig = req.get("x-signature");\n  if (sig && !valid(sig)) return res.sendStatus(401);\n  next();\n}\n`, "javascript")).toBe(1);
    expect(failOpen(`def resize(width, height):\n    if width is not None and not isinstance(width, int):\n        raise TypeError("width")\n    return width, height\n`, "python")).toBe(0);
  });
});
