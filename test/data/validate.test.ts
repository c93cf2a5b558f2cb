import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateFiles } from "../../src/data/validate.js";
import { readLines } from "../../src/data/jsonl.js";
import { cli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "cwescope-validate-"));
const rec = (over: Record<string, unknown>) =>
  JSON.stringify({ id: "a", language: "python", code: "x = 1\n", cwe: null, ...over });

describe("data validate", () => {
  const bad = join(dir, "bad.jsonl");
  writeFileSync(
    bad,
    Buffer.concat([
      Buffer.from(rec({ id: "r1", cwe: "CWE-89", lines: [1], pair: "p1" }) + "\n"),
      Buffer.from(rec({ id: "r2", pair: "p1" }) + "\n"),
      Buffer.from('{"id": "r3", "language": "python", "code": \n'), // broken JSON, line 3
      Buffer.from(rec({ id: "r4", cwe: "CWE-4242", lines: [1] }) + "\n"), // unknown CWE, line 4
      Buffer.from(rec({ id: "r1" }) + "\n"), // duplicate id, line 5
      Buffer.from('{"id": "r6", "language": "python", "code": "caf'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from('", "cwe": null}\n'), // invalid UTF-8, line 6
      Buffer.from(rec({ id: "r7", language: "cobol" }) + "\n"), // wrong schema, line 7
    ]),
  );

  it("reports a broken JSON line, an unknown CWE, a duplicate id and a non-UTF-8 byte with file:line", async () => {
    const { problems } = await validateFiles([bad]);
    const at = (line: number) => problems.filter((p) => p.line === line).map((p) => p.message).join(" | ");
    expect(at(3)).toMatch(/JSON/);
    expect(at(4)).toMatch(/unknown CWE id "CWE-4242"/);
    expect(at(5)).toMatch(/duplicate id "r1"/);
    expect(at(6)).toMatch(/invalid UTF-8/);
    expect(at(7)).toMatch(/language/);
    expect(problems.every((p) => p.file === bad)).toBe(true);
  });

  it("exits 2 and prints file:line for every problem; a valid file exits 0", async () => {
    const r = await cli(["data", "validate", bad]);
    expect(r.code).toBe(2);
    for (const line of [3, 4, 5, 6, 7]) expect(r.stdout).toContain(`${bad}:${line}:`);
    const good = join(dir, "good.jsonl");
    writeFileSync(good, rec({ id: "g1", cwe: "CWE-79", lines: [1], pair: "g" }) + "\n" + rec({ id: "g2", pair: "g" }) + "\n");
    expect((await cli(["data", "validate", good])).code).toBe(0);
  });

  it("flags incomplete pairs and lines beyond the code", async () => {
    const f = join(dir, "pairs.jsonl");
    writeFileSync(f, rec({ id: "v", cwe: "CWE-79", lines: [9], pair: "lonely" }) + "\n");
    const { problems } = await validateFiles([f]);
    expect(problems.map((p) => p.message).join("\n")).toMatch(/beyond the code[\s\S]*pair "lonely" has 1 record/);
  });

  it("reports an over-long line instead of loading it, and keeps counting lines after it", async () => {
    const f = join(dir, "long.jsonl");
    writeFileSync(f, "x".repeat(3000) + "\n" + rec({ id: "after" }) + "\n");
    const lines = [];
    for await (const l of readLines(f, { maxLineBytes: 1000 })) lines.push(l);
    expect(lines[0]).toMatchObject({ line: 1, error: expect.stringMatching(/longer than 1000 bytes/) });
    expect(lines[1]).toMatchObject({ line: 2 });
    expect(JSON.parse(lines[1].text!).id).toBe("after");
  });
});
