import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { README_CWES_END, README_CWES_START, STUDY_CWES, TARGET_CWES, supportedCwes, withSupportedCwesTable } from "../../src/cwe/index.js";
import { cweGuidance, hasCweGuidance } from "../../src/report/formats/cweGuidance.js";
import { cli, ROOT } from "../helpers/cli.js";

describe("cwescope cwes", () => {
  it("prints every target CWE with severity, languages and name, exit 0", async () => {
    const r = await cli(["--quiet", "cwes"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1 + TARGET_CWES.length);
    expect(lines[0]).toMatch(/^id\s+severity\s+langs\s+name$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(TARGET_CWES);
    expect(r.stdout).toMatch(/^CWE-1004\s+4\.3 medium\s+py,js\s+Sensitive Cookie Without 'HttpOnly' Flag$/m);
  });

  it("prints JSON a tool can read, the study's 20 marked apart from the breadth targets", async () => {
    const r = await cli(["--quiet", "cwes", "--json"]);
    expect(r.code).toBe(0);
    const cwes = JSON.parse(r.stdout) as Array<{ id: string; group: string; severity: number; level: string; languages: string[]; url: string }>;
    expect(cwes.map((c) => c.id)).toEqual(TARGET_CWES);
    expect(cwes.filter((c) => c.group === "study").map((c) => c.id)).toEqual(STUDY_CWES);
    expect(cwes.filter((c) => c.group === "breadth")).toHaveLength(29);
    expect(cwes.find((c) => c.id === "CWE-95")).toMatchObject({ severity: 9.8, level: "critical", languages: ["python", "javascript"], url: "https://cwe.mitre.org/data/definitions/95.html" });
  });

  it("lists the catalog's other entries with --all and filters by language", async () => {
    const all = JSON.parse((await cli(["--quiet", "cwes", "--json", "--all"])).stdout) as Array<{ id: string; group: string }>;
    expect(all.find((c) => c.id === "CWE-787")?.group).toBe("memory-safety");
    expect(all.find((c) => c.id === "CWE-74")?.group).toBe("applicable");
    const js = JSON.parse((await cli(["--quiet", "cwes", "--json", "--all", "--language", "typescript"])).stdout) as Array<{ id: string }>;
    expect(js.map((c) => c.id)).not.toContain("CWE-787");
    expect(js.map((c) => c.id)).toContain("CWE-1321");
  });

  it("refuses an unknown language with exit 2", async () => {
    expect((await cli(["--quiet", "cwes", "--language", "cobol"])).code).toBe(2);
  });
});

describe("the README's table of supported CWEs", () => {
  it("is what the catalog generates (stale? run `npm run build && node scripts/readme-cwes.mjs`)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain(README_CWES_START);
    expect(withSupportedCwesTable(readme) === readme, "README's supported-CWE table is stale: run `npm run build && node scripts/readme-cwes.mjs`").toBe(true);
    const table = readme.slice(readme.indexOf(README_CWES_START), readme.indexOf(README_CWES_END));
    for (const cwe of supportedCwes()) expect(table).toContain(`[${cwe.id}]`);
  });

  it("is rewritten, not appended to, and a missing marker is an error", () => {
    const once = withSupportedCwesTable(`a\n${README_CWES_START}\nold row\n${README_CWES_END}\nb\n`);
    expect(once).not.toContain("old row");
    expect(withSupportedCwesTable(once)).toBe(once);
    expect(() => withSupportedCwesTable("no markers")).toThrow(/markers/);
  });
});

describe("SARIF rule guidance", () => {
  it("has specific fix advice for every target CWE", () => {
    expect(TARGET_CWES.filter((id) => !hasCweGuidance(id))).toEqual([]);
    expect(cweGuidance("CWE-1004")).toMatch(/HttpOnly/);
    expect(cweGuidance("CWE-347")).toMatch(/algorithm/);
  });
});
