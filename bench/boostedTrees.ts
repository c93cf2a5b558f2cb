// Used by bench/embedded-decision.ts only: the tree learner compared with the shipped linear one (see models/README.md).
// Gradient-boosted shallow trees over sparse binary features (logistic loss, Newton leaves, optional pairwise
// ranking term), seeded and deterministic. Trees can learn "sink X and not guard Y", which one linear score cannot.
import { createRng } from "../src/util/random.js";
import type { SparseSample } from "../src/train/softmaxRegression.js";

export interface BoostOptions {
  /** Defaults to `100`. */
  rounds?: number;
  /** Defaults to `3`. */
  depth?: number;
  /** Shrinkage of each tree. Defaults to `0.1`. */
  learningRate?: number;
  /** L2 penalty on leaf values (added to the hessian). Defaults to `1`. */
  lambda?: number;
  /** Fewest samples on each side of a split. Defaults to `5`. */
  minLeaf?: number;
  /** Fraction of samples each tree sees. Defaults to `0.8`. */
  subsample?: number;
  /** Defaults to `1`. */
  seed?: number;
  pairs?: readonly (readonly [number, number])[];
  /** Weight of one pair's ranking loss against one sample's pointwise loss. Defaults to `1`. */
  pairWeight?: number;
}

/** A split on a feature's presence, or a leaf (`feature` −1) adding `value` to the logit. */
export interface TreeNode {
  feature: number;
  value: number;
  /** Child indices when the feature is present / absent. */
  yes: number;
  no: number;
}

export interface BoostedTrees {
  bias: number;
  trees: TreeNode[][];
}

export function treesLogit(model: BoostedTrees, has: (feature: number) => boolean): number {
  let z = model.bias;
  for (const tree of model.trees) {
    let node = tree[0];
    while (node.feature >= 0) node = tree[has(node.feature) ? node.yes : node.no];
    z += node.value;
  }
  return z;
}

export function trainBoostedTrees(samples: readonly SparseSample[], nFeatures: number, options: BoostOptions = {}): BoostedTrees {
  const rounds = options.rounds ?? 100;
  const depth = options.depth ?? 3;
  const lr = options.learningRate ?? 0.1;
  const lambda = options.lambda ?? 1;
  const minLeaf = options.minLeaf ?? 5;
  const subsample = options.subsample ?? 0.8;
  const pairWeight = options.pairWeight ?? 1;
  const rng = createRng(options.seed ?? 1);
  const n = samples.length;
  const pos = samples.filter((s) => s.label === 1).length;
  const bias = Math.log((pos + 1) / (n - pos + 1));
  const logits = new Float64Array(n).fill(bias);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const gSum = new Float64Array(nFeatures);
  const hSum = new Float64Array(nFeatures);
  const count = new Int32Array(nFeatures);
  const trees: TreeNode[][] = [];

  const grow = (tree: TreeNode[], members: number[], level: number): number => {
    let G = 0, H = 0;
    for (const i of members) {
      G += g[i];
      H += h[i];
    }
    const at = tree.length;
    tree.push({ feature: -1, value: (-lr * G) / (H + lambda), yes: -1, no: -1 });
    if (level === depth || members.length < 2 * minLeaf) return at;
    const touched: number[] = [];
    for (const i of members) {
      for (const f of samples[i].features) {
        if (!count[f]) touched.push(f);
        gSum[f] += g[i];
        hSum[f] += h[i];
        count[f]++;
      }
    }
    const parent = (G * G) / (H + lambda);
    let best = -1, bestGain = 1e-9;
    for (const f of touched.sort((a, b) => a - b)) {
      if (count[f] >= minLeaf && members.length - count[f] >= minLeaf) {
        const gr = G - gSum[f], hr = H - hSum[f];
        const gain = (gSum[f] * gSum[f]) / (hSum[f] + lambda) + (gr * gr) / (hr + lambda) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          best = f;
        }
      }
      gSum[f] = 0;
      hSum[f] = 0;
      count[f] = 0;
    }
    if (best < 0) return at;
    const yes = members.filter((i) => samples[i].features.includes(best));
    const no = members.filter((i) => !samples[i].features.includes(best));
    tree[at].feature = best;
    tree[at].value = 0;
    tree[at].yes = grow(tree, yes, level + 1);
    tree[at].no = grow(tree, no, level + 1);
    return at;
  };

  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(logits[i]);
      g[i] = p - samples[i].label;
      h[i] = Math.max(p * (1 - p), 1e-6);
    }
    for (const [v, f] of options.pairs ?? []) {
      // softplus(-(z_v - z_f)): gradient -σ(z_f - z_v) on the vulnerable twin, + on its fix.
      const q = sigmoid(logits[f] - logits[v]);
      g[v] -= pairWeight * q;
      g[f] += pairWeight * q;
      h[v] += pairWeight * q * (1 - q);
      h[f] += pairWeight * q * (1 - q);
    }
    const members: number[] = [];
    for (let i = 0; i < n; i++) if (rng() < subsample) members.push(i);
    const tree: TreeNode[] = [];
    grow(tree, members, 0);
    trees.push(tree);
    for (let i = 0; i < n; i++) {
      const s = samples[i].features;
      let node = tree[0];
      while (node.feature >= 0) node = tree[s.includes(node.feature) ? node.yes : node.no];
      logits[i] += node.value;
    }
  }
  return { bias, trees };
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
