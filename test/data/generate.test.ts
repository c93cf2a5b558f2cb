// `data generate` against a real chat-completions server on 127.0.0.1 that answers with prepared candidates.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseTeacherAnswer } from "../../src/data/generate/parseTeacherAnswer.js";
import { validateFiles } from "../../src/data/validate.js";
import { cli, ROOT } from "../helpers/cli.js";

type Answer = { fenced?: unknown; json?: unknown; raw?: string };
const FIXTURE = join(ROOT, "test/fixtures/teacher/answers.yaml");
const DATA = ["python/train.jsonl", "python/val.jsonl", "python/test.jsonl", "javascript/test.jsonl"].map((f) => join(ROOT, "data", f));

function answerText(a: Answer): string {
  if (a.raw !== undefined) return a.raw;
  if (a.fenced !== undefined) return "Here are the pairs.\n```json\n" + JSON.stringify(a.fenced, null, 2) + "\n```\n";
  return JSON.stringify(a.json);
}

interface Teacher {
  url: string;
  bodies: Array<Record<string, any>>;
  server: Server;
}

/** A chat-completions server that streams the prepared answers in order (status overrides every answer). */
async function startTeacher(answers: string[], status = 200): Promise<Teacher> {
  const bodies: Array<Record<string, any>> = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (d) => (text += d));
    req.on("end", () => {
      if (status !== 200) {
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "no such model" } }));
        return;
      }
      const body = JSON.parse(text);
      bodies.push(body);
      const content = answers[bodies.length - 1] ?? '{"pairs": []}';
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 0, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.writeHead(200, { "content-type": "text/event-stream" });
      const half = Math.floor(content.length / 2);
      res.write(chunk({ role: "assistant", content: content.slice(0, half) }, null));
      res.write(chunk({ content: content.slice(half) }, null));
      res.write(chunk({}, "stop"));
      res.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, bodies, server };
}

/** A committed CWE-89 pair, renamed: what a teacher that memorised public data might send back. */
function renamedDatasetPair(): { id: string; pair: object } {
  const records = readFileSync(DATA[0], "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const v = records.find((r) => r.cwe === "CWE-89");
  const f = records.find((r) => r.pair === v.pair && r.cwe === null);
  const rename = (code: string) => code.replace(/\b([a-z]+)_([a-z]+)\b/g, "$2_$1");
  return { id: v.id, pair: { tags: v.tags, lines: v.lines, vulnerable: rename(v.code), fixed: rename(f.code) } };
}

let teacher: Teacher | undefined;
afterEach(() => teacher?.server.close());

describe("data generate", () => {
  const dir = mkdtempSync(join(tmpdir(), "cwescope-generate-"));

  it("appends accepted pairs with their teacher as source, and lists every rejected candidate with its reasons", async () => {
    const answers = parse(readFileSync(FIXTURE, "utf8")) as Answer[];
    const copy = renamedDatasetPair();
    (answers[0].fenced as { pairs: object[] }).pairs.push(copy.pair);
    teacher = await startTeacher(answers.map(answerText));
    const out = join(dir, "generated.jsonl");
    const rejectedFile = join(dir, "rejected.jsonl");
    const args = ["--quiet", "data", "generate", "--teacher", "openai:fixture-teacher", "--base-url", teacher.url, "--cwe", "CWE-89"];
    const r = await cli([...args, "--language", "python", "--pairs", "3", "--out", out, "--rejected", rejectedFile, "--against", ...DATA]);
    expect(r.code).toBe(0);

    const records = readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(records).toHaveLength(6);
    expect(records.map((x) => x.source)).toEqual(Array(6).fill("teacher:fixture-teacher"));
    expect(records.map((x) => x.cwe)).toEqual(["CWE-89", null, "CWE-89", null, "CWE-89", null]);
    expect(records.map((x) => x.tags[0])).toEqual(["click", "click", "aiohttp", "aiohttp", "fastapi", "fastapi"]);
    expect(records[0].pair).toBe(records[1].pair);
    expect(records[0].id).toBe(`${records[0].pair}-v`);
    expect(records[4].lines).toEqual([12, 13]);
    expect((await validateFiles([out, ...DATA])).problems).toEqual([]);

    const lines = r.stdout.trim().split("\n");
    const rejected = lines.filter((l) => l.startsWith("rejected"));
    expect(lines.filter((l) => l.startsWith("accepted"))).toHaveLength(3);
    const reason = (pattern: RegExp) => rejected.filter((l) => pattern.test(l));
    expect(reason(/request 1 candidate 2: fixed: does not parse: line 5/)).toHaveLength(1);
    expect(reason(/request 1 candidate 3: fixed: .*"safe" in safe_email/)).toHaveLength(1);
    expect(reason(new RegExp(`request 1 candidate 4: vulnerable: near-duplicate of ${copy.id}`))).toHaveLength(1);
    expect(reason(/request 2: answer: malformed JSON/)).toHaveLength(1);
    expect(reason(new RegExp(`request 3 candidate 1: vulnerable: near-duplicate of ${records[0].id}`))).toHaveLength(1);
    expect(reason(/request 3 candidate 2: fixed is identical to vulnerable/)).toHaveLength(1);
    expect(reason(/request 3 candidate 3: .*2 lines \(want 5-60\).*lines: 40 is not a non-blank line/)).toHaveLength(1);
    expect(reason(/request 3 candidate 4: schema: fixed/)).toHaveLength(1);
    expect(reason(/request 3 candidate 5: fix changes \d+ lines \(most 8\)/)).toHaveLength(1);
    expect(rejected).toHaveLength(9);
    expect(lines.some((l) => l.includes("request 4 candidate 2"))).toBe(false);

    const listed = readFileSync(rejectedFile, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(listed).toHaveLength(9);
    expect(listed[0]).toMatchObject({ request: 1, candidate: 2, reasons: [expect.stringMatching(/does not parse/)] });
    expect(listed[0].raw.tags).toEqual(["sqlite3", "flask"]);

    expect(teacher.bodies).toHaveLength(4);
    expect(teacher.bodies[0].model).toBe("fixture-teacher");
    const prompt = teacher.bodies[0].messages.map((m: { content: string }) => m.content).join("\n");
    expect(prompt).toMatch(/Write 3 new python examples of CWE-89 \(.*SQL.*\)/);
    expect(teacher.bodies[2].messages.at(-1).content).toMatch(/Write 2 new python examples/);

    // A second run appends, and checks candidates against what the file already holds.
    teacher.server.close();
    teacher = await startTeacher([answerText(answers[0])]);
    const again = await cli([...args.slice(0, 6), teacher.url, "--cwe", "CWE-89", "--language", "python", "--pairs", "1", "--max-requests", "1", "--out", out, "--against", DATA[0]]);
    expect(again.code).toBe(2);
    expect(again.stdout).toMatch(/request 1 candidate 1: vulnerable: near-duplicate of py-0089-t\w+-v \(similarity 1\.00\)/);
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(6);
  });

  it("exits 2 when the teacher is unusable or the flags are wrong", async () => {
    teacher = await startTeacher([], 404);
    const out = join(dir, "none.jsonl");
    const base = ["--quiet", "data", "generate", "--cwe", "CWE-89", "--language", "python", "--pairs", "2", "--out", out, "--against", DATA[3]];
    expect((await cli([...base, "--teacher", "openai:missing", "--base-url", teacher.url])).code).toBe(2);
    expect((await cli([...base, "--teacher", "llamacpp:x.gguf", "--base-url", teacher.url])).code).toBe(2);
    expect((await cli([...base, "--teacher", "openai:m"])).code).toBe(2);
    expect((await cli([...base.map((a) => (a === "python" ? "cobol" : a)), "--teacher", "openai:m", "--base-url", teacher.url])).code).toBe(2);
  });
});

describe("parseTeacherAnswer", () => {
  it("reads fenced, bare, array and prose-wrapped JSON, and says why it cannot", () => {
    const pairs = [{ tags: [], lines: [1], vulnerable: "a", fixed: "b" }];
    for (const text of [JSON.stringify({ pairs }), "```json\n" + JSON.stringify({ pairs }) + "\n```", `Here: ${JSON.stringify(pairs)} done`])
      expect(parseTeacherAnswer(text)).toEqual({ ok: true, candidates: pairs });
    expect(parseTeacherAnswer('{"pairs": [{"tags": [')).toMatchObject({ ok: false, error: expect.stringMatching(/malformed JSON/) });
    expect(parseTeacherAnswer('{"examples": []}')).toEqual({ ok: false, error: 'JSON without a "pairs" array' });
    expect(parseTeacherAnswer("I cannot help with that.")).toEqual({ ok: false, error: "the answer holds no JSON" });
  });
});

