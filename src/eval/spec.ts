// Experiment specs: YAML validated with zod; errors name the file and the line of the offending value.
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { LineCounter, parseDocument, isNode } from "yaml";
import { z } from "zod";
import { InputError } from "../data/jsonl.js";
import { mapLlamaCppPaths } from "../models/llamacpp/llamaCppSpec.js";

/** Share of failed samples above which a model × dataset result is incomplete: 5 %. */
export const DEFAULT_MAX_FAILURE_RATE = 0.05;

const ModelSpec = z
  .object({
    id: z.string().min(1).describe("Model id: `embedded`, `embedded:<path>`, `llamacpp:<path.gguf>`, `llamacpp:<base.gguf>+lora=<adapter.gguf>`, `openai:<model>` (a vLLM LoRA module name too)."),
    name: z.string().optional().describe("Display name in reports. Defaults to the id."),
    prompt: z.string().optional().describe("Prompt template id for language models. Defaults to the backend's default."),
    base_url: z.string().optional().describe("OpenAI-compatible base URL (openai: ids). `${ENV}` is expanded."),
    api_key_env: z.string().optional().describe("Name of the environment variable that holds the API key."),
    concurrency: z.number().int().positive().optional().describe("Concurrent requests for this model. Defaults to the spec's `concurrency`."),
    timeout_ms: z.number().int().positive().optional().describe("Per-request timeout. Defaults to `120000`."),
    options: z.record(z.string(), z.unknown()).default({}).describe("Extra backend options."),
    train: z
      .object({
        data: z.string().describe("Training JSONL (Python train)."),
        val: z.string().optional().describe("Validation JSONL for calibration/selection."),
      })
      .optional()
      .describe("Embedded models only: train on this data first (deterministic; reused when the data is unchanged)."),
    optional: z.boolean().default(false).describe("Skip this model (with a warning) when its endpoint variables are unset."),
  })
  .strict();

const DatasetSpec = z
  .object({
    name: z.string().min(1).describe("Dataset name in reports, e.g. `python-test`."),
    path: z.string().min(1).describe("Dataset JSONL path, relative to the spec file."),
    language: z.enum(["python", "javascript", "typescript"]).optional().describe("Language label for the cross-language gap."),
    limit: z.number().int().positive().optional().describe("Use only the first N records (smoke runs)."),
  })
  .strict();

export const ExperimentSpecSchema = z
  .object({
    name: z.string().min(1).describe("Experiment name."),
    description: z.string().optional(),
    seed: z.number().int().default(1337).describe("Seed for bootstrap, sampling and baselines. Defaults to `1337`."),
    concurrency: z.number().int().positive().default(4).describe("Default concurrency per backend. Defaults to `4`."),
    models: z.array(ModelSpec).min(1),
    datasets: z.array(DatasetSpec).min(1),
    metrics: z
      .object({
        bootstrap: z.number().int().min(0).default(1000).describe("Bootstrap resamples for CIs. Defaults to `1000`."),
        level: z.number().gt(0).lt(1).default(0.95).describe("CI level. Defaults to `0.95`."),
        gap: z
          .tuple([z.string(), z.string()])
          .optional()
          .describe("Datasets whose F1 difference is the cross-language gap, e.g. [python-test, javascript-test]."),
        max_failure_rate: z
          .number()
          .min(0)
          .max(1)
          .default(DEFAULT_MAX_FAILURE_RATE)
          .describe("Share of failed samples above which a result is marked incomplete (the command exits 2). Defaults to `0.05`."),
      })
      .strict()
      .default({ bootstrap: 1000, level: 0.95, max_failure_rate: DEFAULT_MAX_FAILURE_RATE }),
    latency: z
      .object({
        warmup: z.number().int().min(0).default(3).describe("Warm-up requests before timing. Defaults to `3`."),
        samples: z.number().int().min(0).default(50).describe("Records timed at concurrency 1, per model. Defaults to `50`."),
        repeats: z.number().int().positive().default(1).describe("Timed passes over the samples. Defaults to `1`."),
        throughput_samples: z.number().int().min(0).default(100).describe("Records for the throughput pass at the model's concurrency. Defaults to `100`."),
      })
      .strict()
      .default({ warmup: 3, samples: 50, repeats: 1, throughput_samples: 100 }),
  })
  .strict();

export type ExperimentSpec = z.infer<typeof ExperimentSpecSchema>;
export type ModelSpec = z.infer<typeof ModelSpec>;
export type DatasetSpec = z.infer<typeof DatasetSpec>;

/** JSON Schema for editors (experiments/experiment.schema.json). */
export function experimentJsonSchema(): unknown {
  return z.toJSONSchema(ExperimentSpecSchema, { io: "input" });
}

/** Expand `${VAR}` and `${VAR:-default}`; unset variables without a default are collected. */
export function expandEnv(text: string, env: NodeJS.ProcessEnv, missing: Set<string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
    const v = env[name];
    if (v !== undefined && v !== "") return v;
    if (fallback !== undefined) return fallback;
    missing.add(name);
    return "";
  });
}

export interface LoadedSpec {
  spec: ExperimentSpec;
  /** The spec file, or undefined for a spec built in code (`cwescope eval`). */
  file?: string;
  /** Models skipped because they were optional and their variables were unset. */
  skipped: Array<{ id: string; missing: string[] }>;
}

/** Read, validate and resolve a spec: paths become absolute (relative to the spec), `${ENV}` expanded. */
export async function loadSpec(file: string, env: NodeJS.ProcessEnv = process.env): Promise<LoadedSpec> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new InputError(file, 0, `cannot read experiment spec (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    const err = doc.errors[0];
    throw new InputError(file, err.linePos?.[0]?.line ?? 1, `invalid YAML: ${err.message.split("\n")[0]}`);
  }
  // The line of the deepest node on a path that exists in the YAML document.
  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as (string | number)[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  const parsed = ExperimentSpecSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // An unknown key is reported at its own line, not at the line of the object holding it.
    const line = lineOf(issue.code === "unrecognized_keys" && issue.keys.length ? [...issue.path, issue.keys[0]] : issue.path);
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    throw new InputError(file, line, `invalid experiment spec: ${where}${issue.message}`);
  }
  const spec = parsed.data;
  const base = dirname(resolve(file));
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const skipped: LoadedSpec["skipped"] = [];
  const models: ModelSpec[] = [];
  for (const [index, m] of spec.models.entries()) {
    const missing = new Set<string>();
    const id = expandEnv(m.id, env, missing);
    const base_url = m.base_url === undefined ? undefined : expandEnv(m.base_url, env, missing);
    if (missing.size) {
      if (m.optional) {
        skipped.push({ id: m.id, missing: [...missing] });
        continue;
      }
      throw new InputError(file, lineOf(["models", index]), `model "${m.name ?? m.id}" needs environment variable(s) ${[...missing].join(", ")}`);
    }
    const resolvedId = id
      .replace(/^embedded:(?!$)(.+)$/, (_s, p: string) => `embedded:${abs(p)}`)
      .replace(/^llamacpp:(?!$)(.+)$/, (_s, p: string) => `llamacpp:${mapLlamaCppPaths(p, abs)}`);
    models.push({
      ...m,
      id: resolvedId,
      name: m.name ?? m.id,
      base_url,
      train: m.train ? { data: abs(m.train.data), val: m.train.val ? abs(m.train.val) : undefined } : undefined,
    });
  }
  if (!models.length) throw new InputError(file, 1, "no model left to run (all optional models were skipped)");
  spec.models = models;
  spec.datasets = spec.datasets.map((d) => ({ ...d, path: abs(d.path) }));
  const names = new Set<string>();
  for (const m of models) {
    if (names.has(m.name!)) throw new InputError(file, 1, `two models are named "${m.name}"; give each a distinct name`);
    names.add(m.name!);
  }
  return { spec, file, skipped };
}
