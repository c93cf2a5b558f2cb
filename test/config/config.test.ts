// The project configuration: three file homes, errors naming file and line, precedence flags > env > file > defaults.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/loadConfigFile.js";
import { describeOrigin, resolveSettings } from "../../src/config/resolveSettings.js";
import { settingsText } from "../../src/config/showSettings.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
function project(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), "cwescope-config-"));
  mkdirSync(join(dir, ".git"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
const errorOf = (p: Promise<unknown>) => p.then(() => "", (e: Error) => e.message);

describe("configuration files", () => {
  it("reads .cwescope.yml from a folder above, with paths relative to it", async () => {
    project({ ".cwescope.yml": "paths: [src]\nfail-on: high\ncwes:\n  ignore: [798, cwe-89]\n", "src/a/x.py": "" });
    const file = await loadConfig({ cwd: join(dir, "src", "a") });
    expect(file?.values).toMatchObject({ "fail-on": "high", cwes: { ignore: ["CWE-798", "CWE-89"] } });
    const s = resolveSettings({ file, env: {} });
    expect(s.values.paths).toEqual([join(dir, "src")]);
    expect(describeOrigin(s.origins["fail-on"]![0])).toBe(`${file!.label}:2`);
  });

  it("reads [tool.cwescope] in pyproject.toml and skips one without it", async () => {
    project({ "pyproject.toml": '[project]\nname = "x"\n\n[tool.cwescope]\nseverity = "medium"\n\n[[tool.cwescope.overrides]]\npaths = ["legacy/"]\ntests = "ignore"\n' });
    const file = await loadConfig({ cwd: dir });
    expect(file?.values).toEqual({ severity: "medium", overrides: [{ paths: ["legacy/"], tests: "ignore" }] });
    expect(file?.lineOf(["overrides", 0, "tests"])).toBe(9);
    project({ "pyproject.toml": '[project]\nname = "x"\n', "package.json": '{"name": "x", "cwescope": {"model": "embedded:models/m"}}' });
    expect((await loadConfig({ cwd: dir }))?.label).toBe('package.json "cwescope"');
  });

  it("ignores a package.json without a cwescope key", async () => {
    project({ "package.json": '{"name": "x", "bin": {"cwescope": "bin.js"}}' });
    expect(await loadConfig({ cwd: dir })).toBeUndefined();
  });

  it("names file, line and key for every problem, unknown keys included", async () => {
    project({ ".cwescope.yml": "exclude: [legacy]\nfail_on: high\ncwes:\n  ignore: [CWE-798, 99999]\noverrides:\n  - paths: [app/]\n    severity: urgent\n" });
    const message = await errorOf(loadConfig({ cwd: dir }));
    expect(message.split("\n").sort()).toEqual([
      expect.stringMatching(/^\.cwescope\.yml:2: fail_on: unknown key \(known keys: paths, .*fail-on/),
      expect.stringMatching(/^\.cwescope\.yml:4: cwes\.ignore\[1\]: "99999" is not a CWE cwescope knows/),
      expect.stringMatching(/^\.cwescope\.yml:7: overrides\[0\]\.severity: .*"high"/),
    ]);
    project({ "pyproject.toml": '[tool.cwescope]\nfail-on = "high"\n\n[[tool.cwescope.overrides]]\npaths = ["a"]\n\n[[tool.cwescope.overrides]]\npaths = ["tests/"]\ntests = "skip"\n' });
    expect(await errorOf(loadConfig({ cwd: dir }))).toMatch(/^pyproject\.toml:9: overrides\[1\]\.tests: .*"ignore"/);
    project({ "package.json": '{\n  "name": "x",\n  "cwescope": {\n    "threshold": 2\n  }\n}\n' });
    expect(await errorOf(loadConfig({ cwd: dir }))).toBe("package.json:4: threshold: expected a number from 0 to 1");
  });

  it("reports a syntax error at its line", async () => {
    project({ ".cwescope.yml": "exclude:\n  - a\n  b: [\n" });
    expect(await errorOf(loadConfig({ cwd: dir }))).toMatch(/^\.cwescope\.yml:3: not valid YAML/);
    project({ "pyproject.toml": '[tool.cwescope]\nmodel = "embedded"\nseverity = \n' });
    expect(await errorOf(loadConfig({ cwd: dir }))).toMatch(/^pyproject\.toml:3: not valid TOML/);
  });

  it("stops looking at the top of the git work tree", async () => {
    project({ ".cwescope.yml": "severity: high\n", "inner/.git/HEAD": "" });
    expect(await loadConfig({ cwd: join(dir, "inner") })).toBeUndefined();
  });
});

describe("precedence: flags > environment > file > defaults", () => {
  it("takes each setting from the highest layer that sets it, and says which", async () => {
    project({ ".cwescope.yml": "model: embedded\nfail-on: high\nseverity: medium\nexclude: [legacy]\n" });
    const file = await loadConfig({ cwd: dir });
    const s = resolveSettings({
      file,
      env: { CWESCOPE_FAIL_ON: "critical", CWESCOPE_SEVERITY: "high" },
      flags: { severity: "low", exclude: ["tests"], concurrency: "8" },
      given: (attr) => attr !== "concurrency",
    });
    expect(s.values).toMatchObject({ model: "embedded", "fail-on": "critical", severity: "low", exclude: ["legacy", "tests"], concurrency: 4 });
    const from = (k: keyof typeof s.origins) => s.origins[k]!.map(describeOrigin).join(" + ");
    expect([from("model"), from("fail-on"), from("severity"), from("exclude"), from("concurrency")]).toEqual([
      ".cwescope.yml:1",
      "env CWESCOPE_FAIL_ON",
      "flag --severity",
      ".cwescope.yml:4 + flag --exclude",
      "default",
    ]);
    expect(settingsText(s, dir)).toMatch(/^fail-on +critical +env CWESCOPE_FAIL_ON$/m);
  });

  it("checks environment and flag values against the same schema", () => {
    expect(() => resolveSettings({ env: { CWESCOPE_THRESHOLD: "abc" } })).toThrow('CWESCOPE_THRESHOLD: expected a number from 0 to 1 (got "abc")');
    expect(() => resolveSettings({ flags: { maxFileBytes: "0" }, given: () => true })).toThrow("--max-file-bytes: expected a whole number >= 1");
  });
});
