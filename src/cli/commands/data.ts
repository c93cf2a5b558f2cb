// `cwescope data validate|stats|split|dedupe|build|generate`
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
import { CliError, EXIT } from "../errors.js";
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
}
