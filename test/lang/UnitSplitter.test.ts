import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { languageOfPath, UnitSplitter } from "../../src/lang/index.js";

let splitter: UnitSplitter;
beforeAll(async () => {
  splitter = await UnitSplitter.create();
});
afterAll(() => splitter.delete());

const summary = (units: { kind: string; name: string; startLine: number; endLine: number }[]) =>
  units.map((u) => `${u.kind} ${u.name} ${u.startLine}-${u.endLine}`);

describe("UnitSplitter", () => {
  it("splits Python into module code, functions (with decorators) and methods", () => {
    const src = [
      "import os",
      "",
      "@app.route('/a')",
      "def handler():",
      "    def inner():",
      "        return 1",
      "    return inner()",
      "",
      "class Repo:",
      "    LIMIT = 5",
      "    def get(self, id):",
      "        return id",
      "",
      "x = lambda y: y",
    ].join("\n");
    const { units, hasError } = splitter.split(src, "python", "a.py");
    expect(hasError).toBe(false);
    expect(summary(units)).toEqual(["module <module> 1-14", "function handler 3-7", "method Repo.get 11-12"]);
    const mod = units[0];
    expect(mod.code.split("\n")[9]).toBe("    LIMIT = 5");
    expect(mod.code).not.toContain("def handler");
    expect(units[1].code.startsWith("@app.route('/a')")).toBe(true);
    expect(units.every((u) => u.file === "a.py" && u.syntax?.file === units[0].syntax?.file)).toBe(true);
    expect(units.map((u) => u.syntax?.node.type)).toEqual(["module", "function_definition", "function_definition"]);
  });

  it("names JavaScript arrows, function expressions, methods and route callbacks", () => {
    const src = [
      "const express = require('express');",
      "function plain(a) { return a; }",
      "const arrow = (x) => x * 2;",
      "exports.handler = async function (event) {",
      "  return event;",
      "};",
      "class Service { run() { return 1; } }",
      "app.get('/x', (req, res) => {",
      "  res.send('ok');",
      "});",
    ].join("\n");
    const { units } = splitter.split(src, "javascript");
    expect(summary(units)).toEqual([
      "module <module> 1-10",
      "function plain 2-2",
      "arrow arrow 3-3",
      "function-expression exports.handler 4-6",
      "method Service.run 7-7",
      "arrow app.get(…) callback 8-10",
    ]);
  });

  it("parses TypeScript and TSX, skipping signatures without bodies", () => {
    const ts = "export function f(a: number): number;\nexport function f(a: any) { return a; }\nconst g = (s: string): string => s;";
    const r1 = splitter.split(ts, "typescript");
    expect(summary(r1.units).filter((u) => !u.startsWith("module"))).toEqual(["function f 2-2", "arrow g 3-3"]);
    const tsx = "export const View = ({ html }: { html: string }) => <div dangerouslySetInnerHTML={{ __html: html }} />;";
    const r2 = splitter.split(tsx, "tsx");
    expect(r2.hasError).toBe(false);
    expect(summary(r2.units)).toEqual(["arrow View 1-1"]);
  });

  it("recovers units from code with syntax errors and marks them", () => {
    const src = "def ok():\n    return 1\n\ndef broken(:\n    return (\n";
    const { units, hasError } = splitter.split(src, "python");
    expect(hasError).toBe(true);
    const ok = units.find((u) => u.name === "ok");
    expect(ok).toMatchObject({ startLine: 1, endLine: 2, hasError: false });
    expect(units.some((u) => u.hasError)).toBe(true);
  });
});

describe("languageOfPath", () => {
  it("maps extensions to grammars", () => {
    expect(languageOfPath("a/b.py")).toBe("python");
    for (const p of ["x.js", "x.mjs", "x.cjs", "x.jsx"]) expect(languageOfPath(p)).toBe("javascript");
    for (const p of ["x.ts", "x.mts", "x.cts"]) expect(languageOfPath(p)).toBe("typescript");
    expect(languageOfPath("X.TSX")).toBe("tsx");
    expect(languageOfPath("types.d.ts")).toBeUndefined();
    expect(languageOfPath("README.md")).toBeUndefined();
  });
});
