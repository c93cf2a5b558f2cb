// Experiment: nested pair-grouped CV of decision rules on top of the embedded model's scores (Python train + val).
// Per outer fold: inner 5-fold CV on the training part gives out-of-fold scores; the decision (global Platt, or
// Platt plus a shrunk offset per family) is fitted on those and applied to the held-out fold.
// Run: npx vite-node bench/embedded-decision.ts [--seeds 3] [--l2 0.01] [--gbdt '{"rounds":600,"depth":4}' [--blend]]
//        [--family cwe|sinks]   (family: the CWE head's predicted CWE, or the unit's set of sink concepts)
import { loadJsonl } from "../src/data/jsonl.js";
import { DatasetRecordSchema } from "../src/data/record.js";
import { binaryMetrics } from "../src/eval/metrics.js";
import { UnitSplitter } from "../src/lang/index.js";
import { hasEvidence, scoreFeatures } from "../src/models/embedded/EmbeddedModel.js";
import { trainBoostedTrees, treesLogit, type BoostOptions } from "./boostedTrees.js";
import { featurizeRecords, type FeaturizedRecord } from "../src/train/featurizeRecords.js";
import { fitEmbedded } from "../src/train/fitEmbedded.js";
import { groupedFolds } from "../src/train/groupedFolds.js";
import { fitPlatt } from "../src/train/plattScaling.js";
import { twinPairs } from "../src/train/twinPairs.js";

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] && !argv[i + 1].startsWith("--") ? argv[i + 1] : fallback;
};
const seeds = Number(flag("seeds", "3"));
const gbdt = argv.includes("--gbdt") ? (JSON.parse(flag("gbdt", "{}")) as BoostOptions) : undefined;
const l2 = Number(flag("l2", "0.01"));
/** Score = linear logit + trees logit (the trees then only add what the linear model misses). */
const blend = argv.includes("--blend");
/** What a family is: the CWE head's predicted CWE, or the set of sink concepts in the unit's view. */
const familyBy = flag("family", "cwe");
const lambdas = [1, 3, 10, 30];

const records = [...(await loadJsonl("data/python/train.jsonl", DatasetRecordSchema)), ...(await loadJsonl("data/python/val.jsonl", DatasetRecordSchema))];
const splitter = await UnitSplitter.create();
const all = featurizeRecords(records, "view", splitter);
splitter.delete();

interface Scored {
  logit: number;
  family: string;
}

/** Fit on `train`, score `test`: raw logit of the binary learner and the CWE head's predicted CWE as family. */
function fitScore(train: FeaturizedRecord[], test: FeaturizedRecord[], seed: number): Scored[] {
  const model = fitEmbedded(train, "view", { seed, l2 });
  const families = test.map((r) => (familyBy === "sinks" ? [...new Set(r.view?.sinks.map((h) => h.concept))].sort().join("+") : scoreFeatures(model, r.features).cwe));
  if (!gbdt) {
    return test.map((r, i) => {
      const p = scoreFeatures(model, r.features).vulnerable;
      return { logit: Math.log(p / (1 - p)), family: families[i] };
    });
  }
  const counts = new Map<string, number>();
  for (const r of train) for (const f of r.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocab = [...counts].filter(([, n]) => n >= 2).map(([f]) => f).sort();
  const index = new Map(vocab.map((f, i) => [f, i]));
  const samples = train.map((r) => ({ features: r.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined).sort((a, b) => a - b), label: r.record.cwe ? 1 : 0 }));
  const trees = trainBoostedTrees(samples, vocab.length, { seed, pairs: twinPairs(train.map((r) => r.record)), ...gbdt });
  return test.map((r, i) => {
    const present = new Set(r.features.map((f) => index.get(f)));
    const p = scoreFeatures(model, r.features).vulnerable;
    return { logit: treesLogit(trees, (f) => present.has(f)) + (blend ? Math.log(p / (1 - p)) : 0), family: families[i] };
  });
}

/** Platt (a, b) plus per-family offsets d_f with penalty λ·d_f², by alternating Newton steps (convex). */
function fitDecision(x: number[], y: boolean[], fam: string[], lambda: number) {
  const { a, b } = fitPlatt(x, y);
  const d = new Map<string, number>();
  if (lambda === Infinity) return { a, b, d };
  for (let it = 0; it < 50; it++) {
    for (const f of new Set(fam)) {
      let gr = lambda * (d.get(f) ?? 0), he = lambda;
      for (let i = 0; i < x.length; i++) {
        if (fam[i] !== f) continue;
        const p = 1 / (1 + Math.exp(-(a * x[i] + b + (d.get(f) ?? 0))));
        gr += p - (y[i] ? 1 : 0);
        he += p * (1 - p);
      }
      d.set(f, (d.get(f) ?? 0) - gr / he);
    }
  }
  return { a, b, d };
}

const rules = [Infinity, ...lambdas];
const rankings: { auc: number; twins: number }[] = [];
/** ROC AUC and twin ranking of out-of-fold logits (a unit without a sink scores lowest). */
function rankingOf(z: number[]) {
  const s = z.map((v, i) => (hasEvidence("view", all[i].view) ? v : -Infinity));
  const beats = (p: number, q: number) => (p > q ? 1 : p === q ? 0.5 : 0);
  const pos = s.filter((_, i) => records[i].cwe), neg = s.filter((_, i) => !records[i].cwe);
  let auc = 0;
  for (const p of pos) for (const q of neg) auc += beats(p, q);
  const pairs = twinPairs(records);
  return { auc: auc / (pos.length * neg.length), twins: pairs.reduce((t, [v, f]) => t + beats(s[v], s[f]), 0) / pairs.length };
}
const results = new Map<number, { mcc: number[]; fpr: number[]; recall: number[] }>(rules.map((r) => [r, { mcc: [], fpr: [], recall: [] }]));
for (let seed = 1; seed <= seeds; seed++) {
  const outer = groupedFolds(records, 5, seed);
  const heldLogits = new Array<number>(records.length);
  const verdicts = new Map<number, boolean[]>(rules.map((r) => [r, new Array<boolean>(records.length)]));
  for (let fold = 0; fold < 5; fold++) {
    const restIdx = all.flatMap((_, i) => (outer[i] !== fold ? [i] : []));
    const heldIdx = all.flatMap((_, i) => (outer[i] === fold ? [i] : []));
    const rest = restIdx.map((i) => all[i]);
    const inner = groupedFolds(rest.map((r) => r.record), 5, seed);
    const oof = new Array<Scored>(rest.length);
    for (let f = 0; f < 5; f++) {
      const tr = rest.filter((_, i) => inner[i] !== f);
      const teIdx = rest.flatMap((_, i) => (inner[i] === f ? [i] : []));
      fitScore(tr, teIdx.map((i) => rest[i]), seed).forEach((s, j) => (oof[teIdx[j]] = s));
    }
    const held = fitScore(rest, heldIdx.map((i) => all[i]), seed);
    held.forEach((s, j) => (heldLogits[heldIdx[j]] = s.logit));
    for (const lambda of rules) {
      const { a, b, d } = fitDecision(oof.map((s) => s.logit), rest.map((r) => r.record.cwe !== null), oof.map((s) => s.family), lambda);
      held.forEach((s, j) => {
        const i = heldIdx[j];
        const z = a * s.logit + b + (d.get(s.family) ?? 0);
        verdicts.get(lambda)![i] = z >= 0 && hasEvidence("view", all[i].view);
      });
    }
  }
  rankings.push(rankingOf(heldLogits));
  for (const lambda of rules) {
    const m = binaryMetrics(records.map((r, i) => ({ gold: { cwe: r.cwe }, pred: { vulnerable: verdicts.get(lambda)![i], cwe: null } })));
    const row = results.get(lambda)!;
    row.mcc.push(m.mcc);
    row.fpr.push(m.fpr);
    row.recall.push(m.recall);
  }
}
const stat = (xs: number[]) => {
  const mean = xs.reduce((p, q) => p + q, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((p, q) => p + (q - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return `${mean.toFixed(3)} ± ${sd.toFixed(3)}`;
};
console.log(`${records.length} records, nested 5×5 folds × ${seeds} seeds, learner ${gbdt ? `gbdt ${JSON.stringify(gbdt)}${blend ? " + linear" : ""}` : `linear l2 ${l2}`} families by ${familyBy} (pooled per seed)`);
for (const [lambda, r] of results) console.log(`${lambda === Infinity ? "global Platt" : `per-family offset λ=${lambda}`}`.padEnd(24) + ` MCC ${stat(r.mcc)}  FPR ${stat(r.fpr)}  recall ${stat(r.recall)}`);
console.log(`per-seed MCC, global Platt: ${results.get(Infinity)!.mcc.map((m) => m.toFixed(3)).join(" ")}`);
console.log(`roc_auc ${stat(rankings.map((r) => r.auc))}  twin_ranking ${stat(rankings.map((r) => r.twins))}`);
