// `cwescope predict --model ID --input F --output P`: one prediction record per input record, in input order.
import type { Command } from "commander";
import pLimit from "p-limit";
import { loadJsonl } from "../../data/jsonl.js";
import { DatasetRecordSchema, type DatasetRecord } from "../../data/record.js";
import type { Detector, Prediction } from "../../models/Detector.js";
import { createDetector } from "../../models/registry.js";
import { checkOutputFile, writeJsonlAtomic } from "../../util/atomicWrite.js";
import { CliError, EXIT } from "../errors.js";
import { embeddedThreshold, intOption } from "../intOption.js";
import { action, type ProgramState } from "../program.js";
import { addStripCommentsOption, addTimeoutOption, timeoutOption } from "../reliabilityOptions.js";

interface PredictOpts {
  model: string;
  input: string;
  output: string;
  concurrency: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  prompt?: string;
  threshold?: string;
  timeout?: string;
  stripComments?: boolean;
}

/** Run a detector over records; failures come back as predictions with `error`. Order follows `records`. */
export async function predictRecords(detector: Detector, records: readonly DatasetRecord[], concurrency: number): Promise<Prediction[]> {
  const limit = pLimit(concurrency);
  return Promise.all(
    records.map((r) =>
      limit(async () => {
        try {
          return await detector.detect({ id: r.id, language: r.language, code: r.code });
        } catch (err) {
          if ((err as Error).name === "UserError" || (err as Error).name === "AbortError") throw err;
          return { id: r.id, vulnerable: false, cwe: null, confidence: 0, lines: [], latency_ms: 0, model: detector.id, error: `exception: ${(err as Error).message}` };
        }
      }),
    ),
  );
}

export function registerPredict(program: Command, state: ProgramState): void {
  const command = program
    .command("predict")
    .description("write one prediction per dataset record (JSONL, same order)")
    .requiredOption("--model <id>", "model id: embedded, embedded:<path>, llamacpp:<gguf>, openai:<model>")
    .requiredOption("--input <file>", "dataset records (JSONL)")
    .requiredOption("-o, --output <file>", "prediction records (JSONL)")
    .option("--concurrency <n>", "samples in flight", "4")
    .option("--base-url <url>", "OpenAI-compatible server (openai: ids)")
    .option("--api-key-env <NAME>", "environment variable holding the server's API key (never the key itself)")
    .option("--prompt <id>", "prompt template for language models: chat-json-v2 (default), study-instruction-v2, study-instruction-v1, chat-json-v1, dozono-binary-v1")
    .option("--threshold <p>", "embedded model: the calibrated score (0-1) a unit needs to be flagged (default: the model's own)");
  addTimeoutOption(command);
  addStripCommentsOption(command);
  command.action(
      action(state, async (ctx, opts: PredictOpts) => {
        const concurrency = intOption(opts.concurrency, "--concurrency");
        // Checked before any inference: a run must not end by failing to write what it computed.
        checkOutputFile(opts.output, "--output");
        const records = await loadJsonl(opts.input, DatasetRecordSchema);
        if (!records.length) throw new CliError(`${opts.input}: no records`);
        const threshold = embeddedThreshold(opts.threshold, opts.model);
        const detector = await createDetector(opts.model, { concurrency, baseUrl: opts.baseUrl, apiKeyEnv: opts.apiKeyEnv, prompt: opts.prompt, threshold, timeoutMs: timeoutOption(opts.timeout), stripComments: opts.stripComments });
        try {
          await detector.preflight();
          const predictions = await predictRecords(detector, records, concurrency);
          await writeJsonlAtomic(opts.output, predictions);
          const failed = predictions.filter((p) => p.error !== undefined).length;
          const flagged = predictions.filter((p) => p.vulnerable).length;
          ctx.log.info(`${predictions.length} prediction(s) → ${opts.output}: ${flagged} flagged, ${failed} failed`);
          return failed ? EXIT.error : EXIT.ok;
        } finally {
          await detector.close();
        }
      }),
    );
}
