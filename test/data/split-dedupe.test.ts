import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { splitRecords } from "../../src/data/split.js";
import { findNearDuplicates } from "../../src/data/minhash.js";
import type { DatasetRecord } from "../../src/data/record.js";
import { cli } from "../helpers/cli.js";

function pairs(cwe: string, n: number): DatasetRecord[] {
  const out: DatasetRecord[] = [];
  for (let i = 0; i < n; i++) {
    const pair = `${cwe}-${i}`;
    out.push({ id: `${pair}-v`, language: "python", code: `v${i}`, cwe, pair, lines: [1] });
    out.push({ id: `${pair}-f`, language: "python", code: `f${i}`, cwe: null, pair });
  }
  return out;
}

describe("splitRecords", () => {
  const records = [...pairs("CWE-89", 20), ...pairs("CWE-79", 10)];

  it("keeps every pair in one split and stratifies by CWE about 70/10/20", () => {
    const splits = splitRecords(records, { seed: 7 });
    const where = new Map<string, string>();
    for (const [name, list] of Object.entries(splits))
      for (const r of list) {
        const prev = where.get(r.pair!);
        expect(prev === undefined || prev === name).toBe(true);
        where.set(r.pair!, name);
      }
    const count = (name: string, cwe: string) => splits[name].filter((r) => r.cwe === cwe).length;
    expect([count("train", "CWE-89"), count("val", "CWE-89"), count("test", "CWE-89")]).toEqual([14, 2, 4]);
    expect([count("train", "CWE-79"), count("val", "CWE-79"), count("test", "CWE-79")]).toEqual([7, 1, 2]);
  });

  it("keeps existing records where they were when records of other CWEs are added", () => {
    const where = (list: DatasetRecord[]) => {
      const splits = splitRecords(list, { seed: 11 });
      return new Map(Object.entries(splits).flatMap(([name, rs]) => rs.map((r) => [r.id, name] as const)));
    };
    const before = where([...records, ...pairs("CWE-1004", 12)]);
    // New CWEs sort before and between the study's strata; neither the study's records nor CWE-1004's move.
    const after = where([...records, ...pairs("CWE-1004", 12), ...pairs("CWE-1321", 12), ...pairs("CWE-117", 14), ...pairs("CWE-643", 5)]);
    for (const [id, name] of before) expect(after.get(id), id).toBe(name);
    expect(where(records)).toEqual(new Map([...before].filter(([id]) => !id.startsWith("CWE-1004"))));
  });

  it("is deterministic for a seed and changes with the seed", () => {
    const ids = (seed: number) => splitRecords(records, { seed }).test.map((r) => r.id).join();
    expect(ids(3)).toBe(ids(3));
    expect(ids(3)).not.toBe(ids(4));
  });
});

const original = `
def load_user(conn, user_id):
    cur = conn.cursor()
    cur.execute("SELECT name, email FROM users WHERE id = " + user_id)
    row = cur.fetchone()
    if row is None:
        return None
    return {"name": row[0], "email": row[1]}
`;
// Same code with identifiers renamed, strings changed and reformatted.
const disguised = `
def fetch_account(db,   account_key):
    c = db.cursor()
    c.execute( "SELECT title, mail FROM accounts WHERE pk = "   + account_key )
    r = c.fetchone()
    if r is None:  return None
    return {"title": r[0],
            "mail": r[1]}
`;
const unrelated = `
import subprocess
def archive(path):
    subprocess.run(["tar", "czf", path + ".tgz", path], check=True)
    return path + ".tgz"
`;

describe("near-duplicates", () => {
  it("sees through renaming and reformatting", () => {
    const found = findNearDuplicates([
      { key: "a", code: original },
      { key: "b", code: disguised },
      { key: "c", code: unrelated },
    ]);
    expect(found.map((p) => [p.a, p.b])).toEqual([["a", "b"]]);
    expect(found[0].similarity).toBeGreaterThan(0.7);
  });

  it("`data dedupe --across` finds a planted near-duplicate between two files and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cwescope-dedupe-"));
    const a = join(dir, "a.jsonl");
    const b = join(dir, "b.jsonl");
    const line = (id: string, code: string) => JSON.stringify({ id, language: "python", code, cwe: null }) + "\n";
    writeFileSync(a, line("a1", original) + line("a2", unrelated));
    writeFileSync(b, line("b1", disguised));
    const r = await cli(["data", "dedupe", "--across", a, b]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${a}#a1`);
    expect(r.stdout).toContain(`${b}#b1`);
    writeFileSync(b, line("b1", unrelated.replace("tar", "zip").replace("archive", "pack") + "\nx = 1\n"));
    writeFileSync(a, line("a1", original));
    expect((await cli(["data", "dedupe", "--across", a, b])).code).toBe(0);
  });
});
