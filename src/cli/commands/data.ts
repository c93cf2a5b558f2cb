// `cwescope data validate|stats|split|dedupe|build|generate`
import { existsSync } from "node:fs";
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { validateFiles } from "../../data/validate.js";
import { formatStats, statsOfFiles } from "../../data/stats.js";
import { splitRecords } from "../../data/split.js";
import { dedupeFiles } from "../../data/dedupe.js";
import { JsonlWriter, loadJsonl } from "../../data/jsonl.js";
import { DatasetRecordSchema, type DatasetRecord } from "../../data/record.js";
import { recordsFromSource } from "../../data/build.js";
import { lintSourceFile } from "../../data/lintSources.js";
import { generatePairs, SyntaxChecker, TEACHER_ANSWER_SCHEMA, type Teacher } from "../../data/generate/index.js";
import { CliError, EXIT } from "../errors.js";
import { intOption, optionalIntOption } from "../intOption.js";
import { action, type ProgramState } from "../program.js";

async function writeRecords(file: string, records: DatasetRecord[]): Promise<void> {
  const w = new JsonlWriter(file);
  for (const r of records) await w.write(r);
  await w.close();
}

function parseRatios(text: string): Record<string, number> {
  const parts = text.split(",").map((p) => p.split("="));
  const out: Record<string, number> = {};
  for (const [name, value] of parts) {
    const v = Number(value);
    if (!name || !Number.isFinite(v) || v < 0) throw new CliError(`--ratios: expected name=fraction,… (got "${text}")`);
    out[name] = v;
  }
  const sum = Object.values(out).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-6) throw new CliError(`--ratios must add up to 1 (got ${sum})`);
  return out;
}

/** The four dataset files, where they exist: what generated candidates must not duplicate. */
const DATASET_FILES = ["data/python/train.jsonl", "data/python/val.jsonl", "data/python/test.jsonl", "data/javascript/test.jsonl"];

interface GenerateFlags {
  teacher: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  cwe: string;
  language: string;
  pairs: string;
  out: string;
  against?: string[];
  rejected?: string;
  batch: string;
  maxRequests?: string;
  threshold: string;
  maxChangedLines: string;
  temperature: string;
  maxTokens: string;
  timeout: string;
}


/** `openai:<model>` + `--base-url` as a teacher; the key only from the environment variable named by `--api-key-env`. */
async function openaiTeacher(flags: GenerateFlags): Promise<Teacher> {
  const model = flags.teacher.startsWith("openai:") ? flags.teacher.slice("openai:".length) : "";
  if (!model) throw new CliError(`--teacher: expected openai:<model> (got "${flags.teacher}")`);
  if (!flags.baseUrl) throw new CliError("--teacher openai:<model> needs --base-url (e.g. http://127.0.0.1:8000/v1)");
  let url: URL;
  try {
    url = new URL(flags.baseUrl);
  } catch {
    throw new CliError(`--base-url is not a URL: ${flags.baseUrl}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CliError(`--base-url must be http(s), got ${url.protocol}`);
  const apiKey = flags.apiKeyEnv ? process.env[flags.apiKeyEnv] : undefined;
  if (flags.apiKeyEnv && !apiKey) throw new CliError(`environment variable ${flags.apiKeyEnv} (from --api-key-env) is not set`);
  // Loaded here: the OpenAI SDK costs every CLI start ~0.25 s otherwise.
  const { ChatClient } = await import("../../models/openai/index.js");
  const client = new ChatClient({ baseUrl: url.href.replace(/\/$/, ""), model, apiKey, timeoutMs: intOption(flags.timeout, "--timeout"), structured: "auto" });
  const temperature = Number(flags.temperature);
  if (!Number.isFinite(temperature) || temperature < 0) throw new CliError(`--temperature must be a number >= 0 (got "${flags.temperature}")`);
  const maxTokens = intOption(flags.maxTokens, "--max-tokens");
  return {
    id: flags.teacher,
    complete: async (messages, signal) => (await client.chat({ messages, jsonSchema: TEACHER_ANSWER_SCHEMA, maxTokens, temperature, signal })).text,
  };
}

export function registerData(program: Command, state: ProgramState): void {
  const data = program.command("data").description("validate, inspect, split, deduplicate, build and generate datasets");

  data
    .command("validate")
    .description("check dataset JSONL files; lists every problem as file:line and exits 2 if there is any")
    .argument("<files...>", "dataset JSONL files")
    .action(
      action(state, async (ctx, files: string[]) => {
        const { problems, records } = await validateFiles(files);
        for (const p of problems) ctx.stdout.write(`${p.file}:${p.line}: ${p.message}\n`);
        ctx.log.info(`${records} valid record(s) in ${files.length} file(s), ${problems.length} problem(s)`);
        return problems.length ? EXIT.error : EXIT.ok;
      }),
    );

  data
    .command("stats")
    .description("counts per language × CWE × vulnerable/fixed/hard-negative, pair completeness, lines of code")
    .argument("<files...>", "dataset JSONL files")
    .option("--json", "print JSON")
    .action(
      action(state, async (ctx, files: string[], opts: { json?: boolean }) => {
        const stats = await statsOfFiles(files);
        ctx.stdout.write((opts.json ? JSON.stringify(stats, null, 2) : formatStats(stats)) + "\n");
        return EXIT.ok;
      }),
    );

  data
    .command("split")
    .description("stratified by CWE, each pair kept in one split, seeded and deterministic")
    .argument("<files...>", "dataset JSONL files to pool and split")
    .requiredOption("--out <dir>", "output directory (writes <split>.jsonl)")
    .option("--ratios <list>", "split fractions", "train=0.7,val=0.1,test=0.2")
    .option("--seed <n>", "random seed", "1337")
    .action(
      action(state, async (ctx, files: string[], opts: { out: string; ratios: string; seed: string }) => {
        const records: DatasetRecord[] = [];
        for (const f of files) records.push(...(await loadJsonl(f, DatasetRecordSchema)));
        const splits = splitRecords(records, { ratios: parseRatios(opts.ratios), seed: Number(opts.seed) });
        await mkdir(opts.out, { recursive: true });
        for (const [name, list] of Object.entries(splits)) {
          await writeRecords(join(opts.out, `${name}.jsonl`), list);
          ctx.log.info(`${name}: ${list.length} records`);
        }
        return EXIT.ok;
      }),
    );

  data
    .command("dedupe")
    .description("exact and near-duplicate detection (MinHash over normalised tokens); exits 1 when pairs exceed the threshold")
    .argument("[files...]", "dataset JSONL files")
    .option("--across <files...>", "only report pairs whose records come from different files")
    .option("--threshold <x>", "Jaccard similarity over normalised 5-token shingles", "0.7")
    .option("--json", "print JSON")
    .action(
      action(state, async (ctx, files: string[], opts: { across?: string[]; threshold: string; json?: boolean }) => {
        const all = [...files, ...(opts.across ?? [])];
        if (!all.length) throw new CliError("data dedupe: give files, or --across A B …");
        const pairs = await dedupeFiles(all, { threshold: Number(opts.threshold), acrossOnly: Boolean(opts.across) });
        if (opts.json) ctx.stdout.write(JSON.stringify(pairs, null, 2) + "\n");
        else for (const p of pairs) ctx.stdout.write(`${p.similarity.toFixed(3)}  ${p.a}  ${p.b}\n`);
        ctx.log.info(`${pairs.length} near-duplicate pair(s) at similarity >= ${opts.threshold}`);
        return pairs.length ? EXIT.findings : EXIT.ok;
      }),
    );

  data
    .command("build")
    .description("build data/python/{train,val,test}.jsonl and data/javascript/test.jsonl from the authoring YAML in data/src")
    .option("--src <dir>", "authoring directory", "data/src")
    .option("--out <dir>", "dataset directory", "data")
    .option("--seed <n>", "split seed", "1337")
    .action(
      action(state, async (ctx, opts: { src: string; out: string; seed: string }) => {
        for (const language of ["python", "javascript"] as const) {
          const dir = join(opts.src, language);
          const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".yaml")).sort();
          const records: DatasetRecord[] = [];
          for (const f of files) records.push(...(await recordsFromSource(join(dir, f))));
          await mkdir(join(opts.out, language), { recursive: true });
          // Python is split for training; JavaScript is an unseen test set only.
          const splits = language === "python" ? splitRecords(records, { seed: Number(opts.seed) }) : { test: records };
          for (const [name, list] of Object.entries(splits)) {
            await writeRecords(join(opts.out, language, `${name}.jsonl`), list);
            ctx.log.info(`${language}/${name}.jsonl: ${list.length} records from ${files.length} source file(s)`);
          }
        }
        return EXIT.ok;
      }),
    );

  data
    .command("lint")
    .description("check authoring YAML (data/src/<language>/CWE-*.yaml) against the rules of data/src/README.md; exits 1 on problems")
    .argument("<files...>", "authoring YAML files")
    .option("--max-changed-lines <n>", "most lines a fix may change", "10")
    .action(
      action(state, async (ctx, files: string[], opts: { maxChangedLines: string }) => {
        const syntax = await SyntaxChecker.create();
        let problems = 0;
        try {
          for (const file of files) {
            const r = await lintSourceFile(file, { syntax, maxChangedLines: intOption(opts.maxChangedLines, "--max-changed-lines") });
            for (const p of r.problems) ctx.stdout.write(`${p.file}:${p.line}: ${p.where}: ${p.message}\n`);
            problems += r.problems.length;
            ctx.log.info(`${file}: ${r.pairs} pairs, ${r.negatives} negatives, ${r.problems.length} problem(s)`);
          }
        } finally {
          syntax.delete();
        }
        return problems ? EXIT.findings : EXIT.ok;
      }),
    );

  data
    .command("generate")
    .description("a teacher model writes candidate pairs; each is checked (parses, schema, minimal fix, no label leak, no near-duplicate) and the accepted ones are appended")
    .requiredOption("--teacher <id>", "openai:<model>")
    .option("--base-url <url>", "OpenAI-compatible server of the teacher")
    .option("--api-key-env <name>", "environment variable holding the API key")
    .requiredOption("--cwe <id>", "target CWE, e.g. CWE-89")
    .requiredOption("--language <name>", "python | javascript")
    .requiredOption("--pairs <n>", "pairs to accept")
    .requiredOption("--out <file>", "JSONL file the accepted records are appended to")
    .option("--against <files...>", "dataset files candidates must not near-duplicate (default: the four dataset files, and --out)")
    .option("--rejected <file>", "write rejected candidates with their reasons as JSONL")
    .option("--batch <n>", "pairs asked for per request", "5")
    .option("--max-requests <n>", "most requests to the teacher (default: 4 × the requests needed)")
    .option("--threshold <x>", "near-duplicate Jaccard threshold", "0.7")
    .option("--max-changed-lines <n>", "most lines a fix may change", "8")
    .option("--temperature <x>", "teacher sampling temperature", "0.8")
    .option("--max-tokens <n>", "most tokens per teacher answer", "8192")
    .option("--timeout <ms>", "per-request timeout", "300000")
    .action(
      action(state, async (ctx, flags: GenerateFlags) => {
        if (flags.language !== "python" && flags.language !== "javascript") throw new CliError(`--language must be python or javascript (got "${flags.language}")`);
        const threshold = Number(flags.threshold);
        if (!(threshold > 0 && threshold <= 1)) throw new CliError(`--threshold must be in (0, 1] (got "${flags.threshold}")`);
        const teacher = await openaiTeacher(flags);
        const against = flags.against ?? DATASET_FILES.filter((f) => existsSync(f));
        if (!flags.against && against.length < DATASET_FILES.length) ctx.log.warn(`near-duplicate check without ${DATASET_FILES.filter((f) => !against.includes(f)).join(", ")} (not found)`);
        if (existsSync(flags.out) && !against.includes(flags.out)) against.push(flags.out);
        const existing: DatasetRecord[] = [];
        for (const f of against) existing.push(...(await loadJsonl(f, DatasetRecordSchema)));
        const out = new JsonlWriter(flags.out, { append: true });
        const rejected = flags.rejected ? new JsonlWriter(flags.rejected) : undefined;
        const syntax = await SyntaxChecker.create();
        try {
          const result = await generatePairs({
            teacher,
            cwe: flags.cwe,
            language: flags.language,
            pairs: intOption(flags.pairs, "--pairs"),
            syntax,
            existing,
            batch: intOption(flags.batch, "--batch"),
            maxRequests: optionalIntOption(flags.maxRequests, "--max-requests"),
            threshold,
            maxChangedLines: intOption(flags.maxChangedLines, "--max-changed-lines"),
            onOutcome: async (o) => {
              const at = o.candidate ? `request ${o.request} candidate ${o.candidate}` : `request ${o.request}`;
              if (o.accepted) {
                for (const r of o.records) await out.write(r);
                ctx.stdout.write(`accepted  ${at}: ${o.records[0].pair}\n`);
              } else {
                ctx.stdout.write(`rejected  ${at}: ${o.reasons.join("; ")}\n`);
                await rejected?.write({ request: o.request, candidate: o.candidate, reasons: o.reasons, raw: o.raw });
              }
            },
          });
          const want = Number(flags.pairs);
          ctx.log.info(`${result.accepted}/${want} pair(s) accepted and appended to ${flags.out}, ${result.rejected} rejected, ${result.requests} request(s) to ${teacher.id}`);
          return result.accepted >= want ? EXIT.ok : EXIT.error;
        } finally {
          syntax.delete();
          await out.close();
          await rejected?.close();
        }
      }),
    );
}
