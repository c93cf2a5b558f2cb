// Pair-grouped k-fold cross-validation of the embedded learner on Python train + val: the yardstick for every
// choice of features, learner and hyperparameters (val alone is 80 records, ±0.2 MCC).
// Run: npx vite-node bench/embedded-cv.ts [--folds 5] [--seeds 3] [--features view|tokens] [--fit '{"l2":0.01}'] [--per-cwe] [--drop REGEX]
//        [--select '{"maxFpr":0.2}']   (nested: the whole `cwescope train` selection — L2, calibration, threshold — per fold;
//        `cwescope train` uses maxFpr 0.2, the selection without maxFpr keeps threshold 0.5)
// Never point it at a test set: choosing on test data would leak it.
import { performance } from "node:perf_hooks";
import { loadJsonl } from "../src/data/jsonl.js";
import { DatasetRecordSchema } from "../src/data/record.js";
import { detectionMetrics, type DetectionMetrics } from "../src/eval/metrics.js";
import { UnitSplitter } from "../src/lang/index.js";
import type { FeatureSet } from "../src/models/embedded/EmbeddedModel.js";
import { featurizeRecords } from "../src/train/featurizeRecords.js";
import { fitEmbedded, predictRecord, type FitOptions } from "../src/train/fitEmbedded.js";
import { groupedFolds } from "../src/train/groupedFolds.js";
import { selectEmbedded, type SelectOptions } from "../src/train/selectEmbedded.js";
import { twinPairs } from "../src/train/twinPairs.js";

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] && !argv[i + 1].startsWith("--") ? argv[i + 1] : fallback;
};
const k = Number(flag("folds", "5"));
const seeds = Number(flag("seeds", "3"));
const set = flag("features", "view") as FeatureSet;
const fit = JSON.parse(flag("fit", "{}")) as FitOptions;
const select = argv.includes("--select") ? (JSON.parse(flag("select", "{}")) as SelectOptions) : undefined;

const records = [...(await loadJsonl("data/python/train.jsonl", DatasetRecordSchema)), ...(await loadJsonl("data/python/val.jsonl", DatasetRecordSchema))];
const splitter = await UnitSplitter.create();
const dropped = argv.includes("--drop") ? new RegExp(flag("drop", "^$")) : undefined;
const featurized = featurizeRecords(records, set, splitter).map((r) =>
  dropped ? { ...r, candidates: r.candidates.map((c) => ({ ...c, features: c.features.filter((f) => !dropped.test(f)) })) } : r,
);
splitter.delete();

const perFold: DetectionMetrics[] = [];
const pooled: DetectionMetrics[] = [];
const ranking: { auc: number; pairs: number }[] = [];
/** Per CWE, over all seeds: out-of-fold verdicts on its vulnerable and fixed twins, and twin ranking. */
const perCwe = new Map<string, { vulnFlagged: number; vuln: number; fixFlagged: number; fix: number; beats: number; pairs: number }>();
let fitMs = 0;
for (let seed = 1; seed <= seeds; seed++) {
  const folds = groupedFolds(records, k, seed);
  const scored: Parameters<typeof detectionMetrics>[0][number][] = [];
  const scores = new Array<number>(records.length);
  const verdicts = new Array<boolean>(records.length);
  for (let fold = 0; fold < k; fold++) {
    const started = performance.now();
    const rest = featurized.filter((_, i) => folds[i] !== fold);
    const model = select ? selectEmbedded(rest, set, { seed, ...select }).model : fitEmbedded(rest, set, { seed, ...fit });
    fitMs += performance.now() - started;
    const held = featurized.flatMap((r, i) => {
      if (folds[i] !== fold) return [];
      const pred = predictRecord(model, r);
      scores[i] = pred.score;
      verdicts[i] = pred.vulnerable;
      return [{ gold: { cwe: r.record.cwe }, pred }];
    });
    perFold.push(detectionMetrics(held));
    scored.push(...held);
  }
  pooled.push(detectionMetrics(scored));
  ranking.push(rankingOf(scores));
  for (const [v, f] of twinPairs(records)) {
    const row = perCwe.get(records[v].cwe!) ?? { vulnFlagged: 0, vuln: 0, fixFlagged: 0, fix: 0, beats: 0, pairs: 0 };
    row.vuln++;
    row.fix++;
    row.pairs++;
    if (verdicts[v]) row.vulnFlagged++;
    if (verdicts[f]) row.fixFlagged++;
    row.beats += scores[v] > scores[f] ? 1 : scores[v] === scores[f] ? 0.5 : 0;
    perCwe.set(records[v].cwe!, row);
  }
}

/** Threshold-free figures of out-of-fold scores (a unit with no sink scores 0): ROC AUC, and how often a vulnerable twin outscores its fix (ties half). */
function rankingOf(scores: number[]): { auc: number; pairs: number } {
  const pos = scores.filter((_, i) => records[i].cwe !== null), neg = scores.filter((_, i) => records[i].cwe === null);
  const beats = (a: number, b: number) => (a > b ? 1 : a === b ? 0.5 : 0);
  let auc = 0;
  for (const p of pos) for (const n of neg) auc += beats(p, n);
  const pairs = twinPairs(records);
  return { auc: auc / (pos.length * neg.length), pairs: pairs.reduce((a, [v, f]) => a + beats(scores[v], scores[f]), 0) / pairs.length };
}

const stat = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return `${mean.toFixed(3)} ± ${sd.toFixed(3)}`;
};
const keys = ["mcc", "fpr", "f1", "precision", "recall", "cwe_exact_accuracy"] as const;
console.log(`${records.length} records, ${k} folds × ${seeds} seeds, features ${set}, ${select ? `select ${JSON.stringify(select)}` : `fit ${JSON.stringify(fit)}`}; ${(fitMs / (k * seeds)).toFixed(0)} ms per fit`);
console.log(`metric               per fold (mean ± sd)   pooled per seed (mean ± sd)`);
for (const key of keys) console.log(`${key.padEnd(20)} ${stat(perFold.map((m) => m[key])).padEnd(22)} ${stat(pooled.map((m) => m[key]))}`);
console.log(`${"roc_auc".padEnd(20)} ${"".padEnd(22)} ${stat(ranking.map((r) => r.auc))}`);
console.log(`${"twin_ranking".padEnd(20)} ${"".padEnd(22)} ${stat(ranking.map((r) => r.pairs))}`);

if (argv.includes("--per-cwe")) {
  console.log(`\nper CWE (twin pairs, all seeds): recall on vulnerable twins, flagged fixes, vulnerable twin outscores its fix`);
  console.log(`${"cwe".padEnd(10)} ${"pairs".padStart(6)} ${"recall".padStart(7)} ${"fix FPR".padStart(8)} ${"ranking".padStart(8)}`);
  for (const [cwe, r] of [...perCwe].sort((a, b) => a[1].beats / a[1].pairs - b[1].beats / b[1].pairs)) {
    console.log(`${cwe.padEnd(10)} ${String(r.pairs / seeds).padStart(6)} ${(r.vulnFlagged / r.vuln).toFixed(2).padStart(7)} ${(r.fixFlagged / r.fix).toFixed(2).padStart(8)} ${(r.beats / r.pairs).toFixed(2).padStart(8)}`);
  }
}
