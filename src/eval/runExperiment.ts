// The experiment runner: every model × dataset through the persistent cache, then latency and
// throughput passes, metrics with CIs, McNemar, baselines and the cross-language gap.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import pLimit from "p-limit";
import { loadJsonl } from "../data/jsonl.js";
import { writeJsonlAtomic } from "../util/atomicWrite.js";
import { DatasetRecordSchema, type DatasetRecord, type Prediction } from "../data/record.js";
import type { Detector, DetectorOptions } from "../models/Detector.js";
import { createDetector } from "../models/registry.js";
import { createRng, shuffled } from "../util/random.js";
import { sha256, sha256File } from "../util/hash.js";
import { bootstrapCi, bootstrapDifferenceCi } from "./bootstrap.js";
import { familyOf } from "../cwe/catalog.js";
import { summarizeLatency } from "./latency.js";
import { cwescopeIdentity, machineLabel, runtimeFacts } from "./manifest.js";
import { mcnemarExact } from "./mcnemar.js";
import { PredictionCache, cacheKey } from "./PredictionCache.js";
import type { BaselineResult, ExperimentReport, GapResult, Manifest, ModelDatasetResult } from "./reportTypes.js";
import { alwaysVulnerable, answered, binaryMetrics, failures, cweMacroF1, cweMicroF1, majorityBaseline, perCwe, randomBaseline, type Scored } from "./metrics.js";
import type { DatasetSpec, LoadedSpec, ModelSpec } from "./spec.js";

export interface RunHooks {
  info?(message: string): void;
  warn?(message: string): void;
  /** Called when a model × dataset pass starts and after each finished sample. */
  progress?(event: { model: string; dataset: string; done: number; total: number; cached: number }): void;
  /** Called with every model × dataset's predictions, in record order, once they are complete. */
  predictions?(model: string, dataset: string, predictions: Prediction[]): void;
  /** Turn a model spec with `train:` into a model id (the CLI wires the embedded trainer here). */
  prepareModel?(model: ModelSpec, outDir: string): Promise<string>;
}

export interface RunOptions {
  out: string;
  /** Defaults to `<out>/cache.sqlite`. */
  cachePath?: string;
  /** Use at most this many records of each dataset (smoke runs). Defaults to all. */
  limit?: number;
  signal?: AbortSignal;
  hooks?: RunHooks;
}

interface LoadedDataset {
  spec: DatasetSpec;
  records: DatasetRecord[];
  sha256: string;
}

/** Hash of a record's content that matters to a model (id excluded, so renaming records keeps the cache). */
export function recordHash(r: DatasetRecord): string {
  return sha256(JSON.stringify([r.language, r.code]));
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80);

function detectorOptions(m: ModelSpec, fallbackConcurrency: number): DetectorOptions {
  return {
    ...m.options,
    baseUrl: m.base_url,
    apiKeyEnv: m.api_key_env,
    prompt: m.prompt,
    concurrency: m.concurrency ?? fallbackConcurrency,
    timeoutMs: m.timeout_ms,
  };
}

async function timed(detector: Detector, records: DatasetRecord[], concurrency: number, signal?: AbortSignal): Promise<{ preds: Prediction[]; seconds: number }> {
  const limit = pLimit(concurrency);
  const t0 = performance.now();
  const preds = await Promise.all(records.map((r) => limit(() => detector.detect({ id: r.id, language: r.language, code: r.code }, { signal }))));
  return { preds, seconds: (performance.now() - t0) / 1000 };
}

export async function runExperiment(loaded: LoadedSpec, options: RunOptions): Promise<ExperimentReport> {
  const { spec } = loaded;
  const hooks = options.hooks ?? {};
  const signal = options.signal;
  await mkdir(join(options.out, "predictions"), { recursive: true });

  const datasets: LoadedDataset[] = [];
  for (const d of spec.datasets) {
    const all = await loadJsonl(d.path, DatasetRecordSchema);
    const limit = Math.min(d.limit ?? Infinity, options.limit ?? Infinity);
    datasets.push({ spec: d, records: all.slice(0, limit), sha256: await sha256File(d.path) });
  }

  // Create and preflight every model before any work starts: a bad endpoint fails the run up front.
  const detectors: Array<{ spec: ModelSpec; detector: Detector; digest: string }> = [];
  try {
    for (const m of spec.models) {
      const id = m.train && hooks.prepareModel ? await hooks.prepareModel(m, options.out) : m.id;
      const detector = await createDetector(id, detectorOptions(m, spec.concurrency));
      detectors.push({ spec: { ...m, id }, detector, digest: "" });
      await detector.preflight({ signal });
      detectors[detectors.length - 1].digest = await detector.digest();
    }

    const cache = new PredictionCache(options.cachePath ?? join(options.out, "cache.sqlite"));
    const results: ModelDatasetResult[] = [];
    // Binary verdicts per model × dataset (null: the sample failed), for McNemar and the gap bootstrap.
    const verdicts = new Map<string, Verdicts>();
    try {
      for (const { spec: m, detector, digest } of detectors) {
        const concurrency = m.concurrency ?? spec.concurrency;
        const promptHash = detector.promptHash ?? "";
        for (const ds of datasets) {
          const preds: Prediction[] = new Array(ds.records.length);
          let cached = 0;
          const todo: number[] = [];
          ds.records.forEach((r, i) => {
            const hit = cache.get(cacheKey(digest, promptHash, recordHash(r)));
            if (hit) {
              preds[i] = { ...hit, id: r.id };
              cached++;
            } else todo.push(i);
          });
          let done = cached;
          hooks.progress?.({ model: m.name!, dataset: ds.spec.name, done, total: ds.records.length, cached });
          const limit = pLimit(concurrency);
          await Promise.all(
            todo.map((i) =>
              limit(async () => {
                const r = ds.records[i];
                const p = await detector.detect({ id: r.id, language: r.language, code: r.code }, { signal });
                cache.put(cacheKey(digest, promptHash, recordHash(r)), p);
                preds[i] = p;
                hooks.progress?.({ model: m.name!, dataset: ds.spec.name, done: ++done, total: ds.records.length, cached });
              }),
            ),
          );
          await writeJsonlAtomic(join(options.out, "predictions", `${slug(m.name!)}--${slug(ds.spec.name)}.jsonl`), preds);
          hooks.predictions?.(m.name!, ds.spec.name, preds);

          // Latency at concurrency 1 after warm-up, never from the cache; throughput at the model's concurrency.
          const sample = shuffled(ds.records, createRng(spec.seed)).slice(0, spec.latency.samples);
          await timed(detector, sample.slice(0, spec.latency.warmup), 1, signal);
          const timedPreds: Prediction[] = [];
          for (let rep = 0; rep < spec.latency.repeats; rep++) timedPreds.push(...(await timed(detector, sample, 1, signal)).preds);
          const tpSample = shuffled(ds.records, createRng(spec.seed + 1)).slice(0, spec.latency.throughput_samples);
          const tp = tpSample.length ? await timed(detector, tpSample, concurrency, signal) : null;
          const ok = timedPreds.filter((p) => p.error === undefined);

          results.push(scoreResult(m, ds, preds, spec.seed, spec.metrics, cached, todo.length, {
            ...summarizeLatency(ok, tp && tp.seconds > 0 ? tpSample.length / tp.seconds : null),
            measured_on: { machine: machineLabel(), backend: detector.backend, model_digest: digest, concurrency: 1 },
          }, ok.map((p) => p.latency_ms)));
          verdicts.set(`${m.name}\u0000${ds.spec.name}`, preds.map((p) => (p.error === undefined ? p.vulnerable : null)));
        }
      }
    } finally {
      cache.close();
    }

    const manifest: Manifest = {
      cwescope: cwescopeIdentity(),
      experiment: {
        name: spec.name,
        spec_file: loaded.file ?? null,
        spec_sha256: loaded.file ? await sha256File(loaded.file) : sha256(JSON.stringify(spec)),
      },
      created: new Date().toISOString(),
      seeds: { experiment: spec.seed, bootstrap: spec.seed },
      datasets: datasets.map((d) => ({ name: d.spec.name, path: d.spec.path, sha256: d.sha256, n: d.records.length, language: d.spec.language ?? d.records[0]?.language })),
      models: detectors.map(({ spec: m, detector, digest }) => ({
        name: m.name!,
        id: m.id,
        backend: detector.backend,
        digest,
        ...(detector.promptId ? { prompt_id: detector.promptId, prompt_hash: detector.promptHash } : {}),
        versions: detector.versions(),
      })),
      runtime: runtimeFacts(),
      skipped_models: loaded.skipped,
    };
    return {
      manifest,
      results,
      comparisons: compareModels(detectors.map((d) => d.spec.name!), datasets, verdicts),
      baselines: baselines(datasets, spec.seed),
      gaps: gaps(loaded, datasets, results, verdicts),
    };
  } finally {
    for (const { detector } of detectors) await detector.close().catch(() => undefined);
  }
}

function scoreResult(
  m: ModelSpec,
  ds: LoadedDataset,
  preds: Prediction[],
  seed: number,
  { bootstrap: iterations, level, max_failure_rate }: { bootstrap: number; level: number; max_failure_rate: number },
  cached: number,
  computed: number,
  latency: ModelDatasetResult["latency"],
  latencySamples: number[],
): ModelDatasetResult {
  const gold = ds.records;
  const all: Scored[] = gold.map((g, i) => ({ gold: g, pred: preds[i] }));
  // Metrics and their CIs are over answered samples; failed ones are counted beside them.
  const samples = answered(all);
  const failed = failures(all);
  const { n: _n, ...binary } = binaryMetrics(samples);
  const stat = (key: "f1" | "mcc") => (idx: Uint32Array) => binaryMetrics(Array.from(idx, (i) => samples[i]))[key];
  const exact = perCwe(samples);
  const family = perCwe(samples, true);
  return {
    model: m.name!,
    model_id: m.id,
    dataset: ds.spec.name,
    language: ds.spec.language ?? gold[0]?.language,
    n: gold.length,
    metrics: {
      ...binary,
      f1_ci: bootstrapCi(samples.length, stat("f1"), { iterations, seed, level }),
      mcc_ci: bootstrapCi(samples.length, stat("mcc"), { iterations, seed, level }),
      cwe_exact_macro_f1: cweMacroF1(samples),
      cwe_family_macro_f1: cweMacroF1(samples, true),
      cwe_exact_micro_f1: cweMicroF1(samples),
      cwe_family_micro_f1: cweMicroF1(samples, true),
      ...failed,
      incomplete: failed.failure_rate > max_failure_rate,
    },
    per_cwe: Object.fromEntries(
      Object.entries(exact).map(([cwe, e]) => [cwe, { support: e.support, exact_f1: e.f1, family_f1: family[cwe].f1, recall: e.recall, family_support: family[cwe].support }]),
    ),
    per_family: perFamily(samples),
    latency,
    latency_samples_ms: latencySamples,
    cached,
    computed,
  };
}

/** One-vs-rest scores per CWE family: gold and predicted CWEs both replaced by their family head (`familyOf`). */
export function perFamily(samples: readonly Scored[]): NonNullable<ModelDatasetResult["per_family"]> {
  const head = (c: string | null) => (c === null ? null : familyOf(c));
  const rows = perCwe(samples.map((s) => ({ gold: { cwe: head(s.gold.cwe) }, pred: { ...s.pred, cwe: head(s.pred.cwe) } })));
  const gold = [...new Set(samples.map((s) => s.gold.cwe).filter((c): c is string => c !== null))];
  return Object.fromEntries(
    Object.entries(rows).map(([h, r]) => [h, { support: r.support, f1: r.f1, recall: r.recall, members: gold.filter((c) => familyOf(c) === h).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4))) }]),
  );
}

/** Binary verdicts of one model on one dataset; null where the sample failed. */
type Verdicts = Array<boolean | null>;

function compareModels(names: string[], datasets: LoadedDataset[], verdicts: Map<string, Verdicts>): ExperimentReport["comparisons"] {
  const out: ExperimentReport["comparisons"] = [];
  for (const ds of datasets) {
    const of = (name: string) => verdicts.get(`${name}\u0000${ds.spec.name}`)!;
    for (let i = 0; i < names.length; i++)
      for (let j = i + 1; j < names.length; j++) {
        // McNemar pairs the samples both models answered.
        const va = of(names[i]);
        const vb = of(names[j]);
        const both = ds.records.flatMap((r, k) => (va[k] === null || vb[k] === null ? [] : [k]));
        const a = both.map((k) => va[k] === (ds.records[k].cwe !== null));
        const b = both.map((k) => vb[k] === (ds.records[k].cwe !== null));
        const acc = (xs: boolean[]) => xs.filter(Boolean).length / (xs.length || 1);
        out.push({ dataset: ds.spec.name, a: names[i], b: names[j], accuracy_a: acc(a), accuracy_b: acc(b), mcnemar: mcnemarExact(a, b) });
      }
  }
  return out;
}

function baselines(datasets: LoadedDataset[], seed: number): BaselineResult[] {
  const out: BaselineResult[] = [];
  for (const ds of datasets)
    for (const name of ["always-vulnerable", "majority", "random"] as const) {
      const golds = ds.records.map((r) => ({ cwe: r.cwe }));
      const samples = name === "always-vulnerable" ? alwaysVulnerable(golds) : name === "majority" ? majorityBaseline(golds) : randomBaseline(golds, createRng(seed));
      const { n: _n, tp: _tp, fp: _fp, tn: _tn, fn: _fn, ...metrics } = binaryMetrics(samples);
      out.push({ dataset: ds.spec.name, name, metrics });
    }
  return out;
}

function gaps(loaded: LoadedSpec, datasets: LoadedDataset[], results: ModelDatasetResult[], verdicts: Map<string, Verdicts>): GapResult[] {
  let pair = loaded.spec.metrics.gap;
  if (!pair) {
    const lang = (l: string) => datasets.find((d) => (d.spec.language ?? d.records[0]?.language) === l)?.spec.name;
    const py = lang("python");
    const js = lang("javascript");
    if (py && js) pair = [py, js];
  }
  if (!pair) return [];
  const [from, to] = pair;
  const dsFrom = datasets.find((d) => d.spec.name === from);
  const dsTo = datasets.find((d) => d.spec.name === to);
  if (!dsFrom || !dsTo) return [];
  const out: GapResult[] = [];
  for (const m of loaded.spec.models) {
    const a = results.find((r) => r.model === m.name && r.dataset === from);
    const b = results.find((r) => r.model === m.name && r.dataset === to);
    if (!a || !b) continue;
    const samplesOf = (ds: LoadedDataset): Scored[] =>
      verdicts.get(`${m.name}\u0000${ds.spec.name}`)!.flatMap((vulnerable, i) => (vulnerable === null ? [] : [{ gold: ds.records[i], pred: { vulnerable, cwe: null } }]));
    const pa = samplesOf(dsFrom);
    const pb = samplesOf(dsTo);
    const stat = (_ds: LoadedDataset, samples: Scored[], key: "f1" | "mcc") => (idx: Uint32Array) => binaryMetrics(Array.from(idx, (i) => samples[i]))[key];
    const opts = { seed: loaded.spec.seed, iterations: loaded.spec.metrics.bootstrap, level: loaded.spec.metrics.level };
    out.push({
      model: m.name!,
      from,
      to,
      ...(a.metrics.incomplete || b.metrics.incomplete ? { incomplete: true } : {}),
      f1_gap: a.metrics.f1 - b.metrics.f1,
      f1_gap_ci: bootstrapDifferenceCi(pa.length, pb.length, stat(dsFrom, pa, "f1"), stat(dsTo, pb, "f1"), opts),
      mcc_gap: a.metrics.mcc - b.metrics.mcc,
      mcc_gap_ci: bootstrapDifferenceCi(pa.length, pb.length, stat(dsFrom, pa, "mcc"), stat(dsTo, pb, "mcc"), opts),
    });
  }
  return out;
}
