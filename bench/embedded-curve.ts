// Learning curve of the embedded learner: pair-grouped CV MCC when each fold trains on only a fraction of its
// training pairs, and the in-sample MCC of those fits. A curve still rising says "more data"; a flat curve with a
// low in-sample MCC says the representation lacks the facts (bias), which no amount of data of this kind fixes.
// Run: npx vite-node bench/embedded-curve.ts [--features view|tokens] [--seeds 3]
// Python train + val only: never JavaScript, never Python test.
import { loadJsonl } from "../src/data/jsonl.js";
import { DatasetRecordSchema } from "../src/data/record.js";
import { detectionMetrics } from "../src/eval/metrics.js";
import { UnitSplitter } from "../src/lang/index.js";
import type { FeatureSet } from "../src/models/embedded/EmbeddedModel.js";
import { featurizeRecords, type FeaturizedRecord } from "../src/train/featurizeRecords.js";
import { fitEmbedded, predictRecord } from "../src/train/fitEmbedded.js";
import { groupedFolds } from "../src/train/groupedFolds.js";
import { createRng } from "../src/util/random.js";

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const set = flag("features", "view") as FeatureSet;
const seeds = Number(flag("seeds", "3"));

const records = [...(await loadJsonl("data/python/train.jsonl", DatasetRecordSchema)), ...(await loadJsonl("data/python/val.jsonl", DatasetRecordSchema))];
const splitter = await UnitSplitter.create();
const featurized = featurizeRecords(records, set, splitter);
splitter.delete();
const groupOf = records.map((r, i) => r.pair ?? `record:${i}`);
const mccOf = (model: ReturnType<typeof fitEmbedded>, rs: readonly FeaturizedRecord[]) =>
  detectionMetrics(rs.map((r) => ({ gold: { cwe: r.record.cwe }, pred: predictRecord(model, r) }))).mcc;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

console.log(`${records.length} records, features ${set}, 5 folds × ${seeds} seeds; each fold keeps a random fraction of its training pairs`);
console.log(`fraction  CV MCC (per seed)              in-sample MCC`);
for (const fraction of [0.25, 0.5, 0.75, 1]) {
  const cv: number[] = [], inSample: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const folds = groupedFolds(records, 5, seed);
    const rng = createRng(seed * 97);
    const kept = new Map([...new Set(groupOf)].map((g) => [g, rng() < fraction]));
    const scored: Parameters<typeof detectionMetrics>[0][number][] = [];
    for (let fold = 0; fold < 5; fold++) {
      const rest = featurized.filter((_, i) => folds[i] !== fold && kept.get(groupOf[i]));
      const model = fitEmbedded(rest, set, { seed });
      inSample.push(mccOf(model, rest));
      featurized.forEach((r, i) => {
        if (folds[i] === fold) scored.push({ gold: { cwe: r.record.cwe }, pred: predictRecord(model, r) });
      });
    }
    cv.push(detectionMetrics(scored).mcc);
  }
  console.log(`${fraction.toFixed(2).padEnd(9)} ${mean(cv).toFixed(3)} (${cv.map((x) => x.toFixed(3)).join(" ")})`.padEnd(42) + mean(inSample).toFixed(3));
}
