// `var exec = require("child_process").exec`: a name bound to a module's member reads as that member.
import { describe, expect, it } from "vitest";
import { useViews } from "../helpers/viewOf.js";

const { view } = useViews();

describe("require(…).member bindings", () => {
  it("reads exec bound from require(\"child_process\").exec as child_process.exec, at module level and in a function", () => {
    const top = view(`var exec = require("child_process").exec;\napp.post("/touch", function (req, res) {\n  exec("touch " + req.body.name);\n  res.end();\n});\n`, "javascript");
    expect(top.sinks.filter((h) => h.tainted).map((h) => [h.concept, h.line])).toEqual([["shell", 3]]);
    const inner = view(`function archive(req, res) {\n  const run = require("child_process").execSync;\n  run("tar czf /tmp/a.tgz " + req.query.dir);\n}\n`, "javascript");
    expect(inner.sinks.map((h) => [h.concept, h.line])).toEqual([["shell", 3]]);
  });

  it("still reads a whole module bound by require as that module", () => {
    const v = view(`var cp = require("child_process");\napp.get("/ls", (req, res) => {\n  cp.execFile("ls", [req.query.dir], (e, out) => res.send(out));\n});\n`, "javascript");
    expect(v.sinks.filter((h) => h.concept === "shell")).toEqual([]);
    expect(v.sinks.some((h) => h.concept === "spawn")).toBe(true);
  });
});
