// The robustness set's edits keep code parsing and meaning: names, comments, dead code, formatting.
import { beforeAll, describe, expect, it } from "vitest";
import { loadJsonl } from "../../src/data/jsonl.js";
import { DatasetRecordSchema, type DatasetRecord } from "../../src/data/record.js";
import { UnitSplitter } from "../../src/lang/index.js";
import { buildRobustnessSet, editRecord, flipRates, type EditedRecord } from "../../src/eval/robustness/index.js";

let splitter: UnitSplitter;
let records: DatasetRecord[];
let edited: EditedRecord[];

const rec = (language: "python" | "javascript", code: string, extra: Partial<DatasetRecord> = {}): DatasetRecord => ({ id: "t-1", language, code, cwe: null, ...extra });

beforeAll(async () => {
  splitter = await UnitSplitter.create();
  const py = (await loadJsonl("data/python/test.jsonl", DatasetRecordSchema)).slice(0, 60);
  const js = (await loadJsonl("data/javascript/test.jsonl", DatasetRecordSchema)).slice(0, 60);
  records = [...py, ...js];
  edited = (await buildRobustnessSet(records, 11, { splitter })).records;
});

const byId = () => new Map(records.map((r) => [r.id, r]));

describe("robustness set over the Python and JavaScript test sets", () => {
  it("edits most records with every kind, and every edited snippet still parses", () => {
    for (const kind of ["rename", "safety-comment", "dead-code", "reformat"]) expect(edited.filter((e) => e.edit === kind).length).toBeGreaterThan(records.length * 0.8);
    for (const e of edited) {
      const tree = splitter.parse(e.code, e.language);
      expect(tree.rootNode.hasError, `${e.id}\n${e.code}`).toBe(false);
      tree.delete();
    }
  });

  it("is reproducible from the seed", async () => {
    const pairs = new Set(records.slice(0, 10).map((r) => r.pair));
    const some = records.filter((r) => pairs.has(r.pair));
    const again = await buildRobustnessSet(some, 11, { splitter });
    expect(again.records).toEqual(edited.filter((e) => some.some((r) => r.id === e.original_id)));
    const other = await buildRobustnessSet(some, 12, { splitter });
    expect(other.records.map((r) => r.code)).not.toEqual(again.records.map((r) => r.code));
  });

  it("comments and dead code only add lines; remapped `lines` point at the same source line", () => {
    const orig = byId();
    for (const e of edited.filter((x) => x.edit === "safety-comment" || x.edit === "dead-code")) {
      const o = orig.get(e.original_id)!;
      const left = e.code.split("\n");
      // The original lines are a subsequence of the edited ones.
      let k = 0;
      for (const line of left) if (k < o.code.split("\n").length && line === o.code.split("\n")[k]) k++;
      expect(k, e.id).toBe(o.code.split("\n").length);
      (o.lines ?? []).forEach((l, i) => expect(left[e.lines![i] - 1], e.id).toBe(o.code.split("\n")[l - 1]));
    }
  });

  it("reformatting changes only whitespace and quote style", () => {
    const orig = byId();
    const norm = (s: string) => s.replace(/\s+/g, "").replace(/'/g, '"').replace(/,\)/g, ")");
    for (const e of edited.filter((x) => x.edit === "reformat")) {
      const o = orig.get(e.original_id)!;
      expect(norm(e.code), e.id).toBe(norm(o.code));
      // A wrapped sink line now spans several lines; all of them carry the weakness.
      const joined = (e.lines ?? []).map((l) => e.code.split("\n")[l - 1]).join(" ");
      for (const l of o.lines ?? []) expect(norm(joined)).toContain(norm(o.code.split("\n")[l - 1]));
    }
  });

  it("renaming keeps member, attribute, keyword and imported names, and every line", () => {
    const orig = byId();
    const members = (code: string) => [...code.matchAll(/(?<!\.)\.(?!\.)\s*([A-Za-z_$][\w$]*)/g)].map((m) => m[1]).join(",");
    for (const e of edited.filter((x) => x.edit === "rename")) {
      const o = orig.get(e.original_id)!;
      expect(e.code.split("\n").length).toBe(o.code.split("\n").length);
      expect(e.lines).toEqual(o.lines);
      expect(members(e.code), e.id).toBe(members(o.code));
      const imports = (code: string) => code.split("\n").filter((l) => /^\s*(import\s|from\s+\S+\s+import\s)|require\(/.test(l) && !/=\s*require/.test(l));
      expect(imports(e.code)).toEqual(imports(o.code));
    }
  });
});

describe("renaming locals", () => {
  it("renames parameters and locals consistently in JavaScript, expanding shorthand properties", () => {
    const code = 'const db = require("db");\nfunction load(id, opts) {\n  const { user } = opts;\n  const q = "SELECT * FROM t WHERE id = " + id;\n  return db.query(q, { user, id: user.id });\n}\n';
    const e = editRecord(splitter, rec("javascript", code), "rename", 1)!;
    expect(e.code).toMatch(/^const db = require\("db"\);\nfunction load\((\w+), (\w+)\) \{/);
    const [, idName, optsName] = /function load\((\w+), (\w+)\)/.exec(e.code)!;
    expect(e.code).toContain(`" + ${idName};`);
    expect(e.code).toMatch(new RegExp(`const \\{ user: (\\w+) \\} = ${optsName};`));
    const userName = new RegExp(`const \\{ user: (\\w+) \\}`).exec(e.code)![1];
    expect(e.code).toContain(`{ user: ${userName}, id: ${userName}.id }`);
    expect(e.code).toContain("db.query(");
  });

  it("keeps Python attribute names, keyword names, decorated handlers' parameters and globals", () => {
    const code = [
      "import sqlite3",
      "",
      '@app.route("/u/<name>")',
      "def show(name):",
      "    conn = sqlite3.connect(DB)",
      '    rows = conn.execute(f"SELECT * FROM u WHERE n = \'{name}\'").fetchall()',
      "    return render(rows=rows, title=name)",
      "",
      "def helper(path, mode):",
      "    data = open(path, mode).read()",
      "    return data",
      "",
      'helper(path="a", mode="r")',
      "",
    ].join("\n");
    const e = editRecord(splitter, rec("python", code), "rename", 3)!;
    const lines = e.code.split("\n");
    expect(lines[3]).toBe("def show(name):");
    expect(lines[4]).toMatch(/^ {4}(\w+) = sqlite3\.connect\(DB\)$/);
    const conn = /^ {4}(\w+) =/.exec(lines[4])![1];
    expect(conn).not.toBe("conn");
    expect(lines[5]).toContain(`= ${conn}.execute(f"SELECT * FROM u WHERE n = '{name}'").fetchall()`);
    expect(lines[6]).toMatch(/^ {4}return render\(rows=\w+, title=name\)$/);
    expect(lines[8]).toBe("def helper(path, mode):");
    expect(lines[12]).toBe('helper(path="a", mode="r")');
  });

  it("edits at the right place after non-ASCII text", () => {
    const code = 'def greet(name):\n    msg = "héllo ☃ 𝄞 " + name\n    return msg\n';
    const e = editRecord(splitter, rec("python", code), "rename", 5)!;
    const [, n] = /def greet\((\w+)\)/.exec(e.code)!;
    const [, m] = /\n {4}(\w+) = /.exec(e.code)!;
    expect(e.code).toBe(`def greet(${n}):\n    ${m} = "héllo ☃ 𝄞 " + ${n}\n    return ${m}\n`);
  });

  it("leaves a snippet with nothing local alone", () => {
    expect(editRecord(splitter, rec("python", "import os\nprint(os.getcwd())\n"), "rename", 1)).toBeUndefined();
  });
});

describe("flip rates", () => {
  it("counts flips per edit kind against the verdict on the original, and accuracy on both", () => {
    const originals = [rec("python", "a", { id: "a", cwe: "CWE-89" }), rec("python", "b", { id: "b" })];
    const p = (id: string, vulnerable: boolean, error?: string) => ({ id, vulnerable, cwe: null, confidence: 1, lines: [], latency_ms: 0, model: "m", ...(error ? { error } : {}) });
    const e = (id: string, edit: EditedRecord["edit"]): EditedRecord => ({ ...originals.find((o) => o.id === id)!, id: `${id}~${edit}`, original_id: id, edit });
    const { rows, flips } = flipRates(
      originals,
      [p("a", true), p("b", false)],
      [e("a", "rename"), e("b", "rename"), e("a", "safety-comment"), e("b", "safety-comment")],
      [p("a~rename", true), p("b~rename", false), p("a~safety-comment", false), p("b~safety-comment", false, "timeout: x")],
    );
    const row = (k: string) => rows.find((r) => r.edit === k)!;
    expect(row("rename")).toMatchObject({ n: 2, flips: 0, flip_rate: 0, accuracy_original: 1, accuracy_edited: 1 });
    expect(row("safety-comment")).toMatchObject({ n: 1, flips: 1, to_safe: 1, flip_rate: 1, failed: 1, accuracy_original: 1, accuracy_edited: 0 });
    expect(row("all")).toMatchObject({ n: 3, flips: 1 });
    expect(flips).toEqual([{ edit: "safety-comment", original_id: "a", gold_vulnerable: true, original_vulnerable: true, edited_vulnerable: false }]);
  });
});
