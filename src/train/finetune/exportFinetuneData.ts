// `cwescope finetune export`: dataset records → chat or alpaca JSONL for SFT, balanced, shuffled, with a manifest.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError, JsonlWriter, readJsonl } from "../../data/jsonl.js";
import { DatasetRecordSchema, type DatasetRecord } from "../../data/record.js";
import { getPrompt, type Prompt } from "../../prompts/index.js";
import { UserError } from "../../util/errors.js";
import { sha256File } from "../../util/hash.js";
import { createRng } from "../../util/random.js";
import { VERSION } from "../../version.js";
import { balanceClasses, type BalanceMode } from "./balanceClasses.js";
import { CHARS_PER_TOKEN, estimateExampleTokens, estimateTokens, TEMPLATE_TOKENS, TOKEN_ESTIMATE_METHOD } from "./estimateTokens.js";
import { exampleMessages, toFinetuneExample, type FinetuneFormat, type RenderExampleOptions } from "./finetuneRecord.js";
import { EXPORT_MANIFEST_FILE, type ExportManifest, type SplitSummary } from "./ExportManifest.js";

/** The study's prompt: Instruction / Input / Output answered with one CWE id or `none`. */
export const DEFAULT_FINETUNE_PROMPT = "study-instruction-v1";

export interface ExportOptions {
  /** Training records (dataset JSONL), e.g. `data/python/train.jsonl`. */
  data: string;
  /** Validation records; exported unbalanced, in file order. Optional. */
  val?: string;
  /** Output folder: `train.jsonl`, `val.jsonl` and `manifest.json` are written there. */
  out: string;
  /** Defaults to `"chat"`. */
  format?: FinetuneFormat;
  /** Prompt id whose rendering and expected answer the examples use. Defaults to `study-instruction-v1`. */
  prompt?: string;
  /** Seed of balancing and shuffling. Defaults to `1`. */
  seed?: number;
  /** How training classes are balanced. Defaults to `"downsample"`. */
  balance?: BalanceMode;
  /** Strip comments from code before rendering (use it when evaluation does). Defaults to `false`. */
  stripComments?: boolean;
  /** Languages accepted besides Python. Defaults to none: the study fine-tunes on Python only. */
  allowLanguages?: string[];
}

export async function exportFinetuneData(options: ExportOptions): Promise<ExportManifest> {
  const format = options.format ?? "chat";
  const prompt = getPrompt(options.prompt ?? DEFAULT_FINETUNE_PROMPT);
  const seed = options.seed ?? 1;
  const balance = options.balance ?? "downsample";
  const allowed = new Set(["python", ...(options.allowLanguages ?? [])]);
  const render = { stripComments: options.stripComments ?? false };
  await mkdir(options.out, { recursive: true });

  const context: SplitContext = { prompt, format, render, seed, balance, allowed, out: options.out };
  const train = await exportSplit(options.data, "train", context);
  const splits: ExportManifest["splits"] = options.val ? { train, val: await exportSplit(options.val, "val", context) } : { train };
  const manifest: ExportManifest = {
    kind: "cwescope-finetune-export",
    version: 1,
    cwescope: VERSION,
    format,
    prompt: { id: prompt.id, hash: prompt.hash },
    strip_comments: render.stripComments,
    seed,
    languages: [...allowed].sort(),
    token_estimate: { method: TOKEN_ESTIMATE_METHOD, chars_per_token: CHARS_PER_TOKEN, template_tokens: TEMPLATE_TOKENS },
    splits,
  };
  await writeFile(join(options.out, EXPORT_MANIFEST_FILE), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

interface SplitContext {
  prompt: Prompt;
  format: FinetuneFormat;
  render: RenderExampleOptions;
  seed: number;
  balance: BalanceMode;
  allowed: Set<string>;
  out: string;
}

/** Write one split; only the training split is balanced and shuffled (val keeps its distribution and order). */
async function exportSplit(file: string, split: "train" | "val", c: SplitContext): Promise<SplitSummary> {
  const isTrain = split === "train";
  const source = await readRecords(file, c.allowed);
  const rng = createRng(c.seed);
  const balanced = isTrain ? balanceClasses(source, c.balance, rng, file) : { records: source, dropped: 0, added: 0 };
  const records = isTrain ? shuffleInPlace(balanced.records, rng) : balanced.records;
  const name = `${split}.jsonl`;
  const writer = new JsonlWriter(join(c.out, name));
  const tokens: number[] = [];
  let answerMax = 0;
  for (const record of records) {
    await writer.write(toFinetuneExample(record, c.prompt, c.format, c.render));
    const messages = exampleMessages(record, c.prompt, c.render);
    tokens.push(estimateExampleTokens(messages));
    answerMax = Math.max(answerMax, estimateTokens(messages[2].content));
  }
  await writer.close();
  return {
    file: name,
    sha256: await sha256File(join(c.out, name)),
    records: records.length,
    source: { file, sha256: await sha256File(file), records: source.length },
    classes: { vulnerable: records.filter((r) => r.cwe !== null).length, not_vulnerable: records.filter((r) => r.cwe === null).length },
    balance: isTrain ? { mode: c.balance, dropped: balanced.dropped, added: balanced.added } : { mode: "none", dropped: 0, added: 0 },
    per_cwe: perCwe(records),
    tokens: tokenStats(tokens, answerMax),
  };
}

/** Read and validate records; a record in a language not allowed stops the export at its line. */
async function readRecords(file: string, allowed: Set<string>): Promise<DatasetRecord[]> {
  const out: DatasetRecord[] = [];
  try {
    for await (const item of readJsonl(file, DatasetRecordSchema)) {
      if (!item.ok) throw new InputError(file, item.line, item.error);
      if (!allowed.has(item.value.language)) {
        throw new UserError(
          `${file}:${item.line}: record "${item.value.id}" is ${item.value.language}, not Python. cwescope fine-tunes on Python only and ` +
            `evaluates on JavaScript it has never seen; training on another language would leak the test language into training. ` +
            `Pass --allow-language ${item.value.language} to export it anyway.`,
        );
      }
      out.push(item.value);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new UserError(`${file}: no such file`);
    throw err;
  }
  if (!out.length) throw new UserError(`${file}: no records`);
  return out;
}

function shuffleInPlace<T>(items: T[], rng: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function perCwe(records: readonly DatasetRecord[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.cwe ?? "none", (counts.get(r.cwe ?? "none") ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true })));
}

function tokenStats(tokens: number[], answerMax: number): SplitSummary["tokens"] {
  const sorted = tokens.slice().sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  return {
    max: sorted[sorted.length - 1],
    p95: sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)],
    mean: Math.round(total / sorted.length),
    total,
    answer_max: answerMax,
  };
}
