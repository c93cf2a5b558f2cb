// Binary logistic regression over sparse binary features with an optional pairwise ranking term: seeded
// mini-batch Adam with L2. The ranking term says "the vulnerable twin scores above its fix"; features both twins
// share cancel out of it, so it pushes weight onto what fixes change rather than onto what the topic looks like.
import { createRng, shuffled } from "../util/random.js";
import type { SparseSample } from "./softmaxRegression.js";

export interface PairwiseLogisticOptions {
  /** L2 penalty per sample. Defaults to `1e-2`. */
  l2?: number;
  /** Passes over the data. Defaults to `60`. */
  epochs?: number;
  /** Adam step size. Defaults to `0.05`. */
  learningRate?: number;
  /** Mini-batch size. Defaults to `32`. */
  batchSize?: number;
  /** Seed of the batch order. Defaults to `1`. */
  seed?: number;
  /** Pairs `[vulnerable, fixed]` of sample indices: the first should score above the second. Defaults to none. */
  pairs?: readonly (readonly [number, number])[];
  /** Weight of one pair's ranking loss against one sample's pointwise loss. Defaults to `1`. */
  pairWeight?: number;
}

export interface LogisticWeights {
  /** One weight per feature (logit contribution). */
  weights: Float64Array;
  bias: number;
}

/** `samples[i].label` is 1 (vulnerable) or 0; `weight` scales its pointwise loss. */
export function trainPairwiseLogistic(samples: readonly SparseSample[], nFeatures: number, options: PairwiseLogisticOptions = {}): LogisticWeights {
  const l2 = options.l2 ?? 1e-2;
  const epochs = options.epochs ?? 60;
  const lr = options.learningRate ?? 0.05;
  const batchSize = options.batchSize ?? 32;
  const pairWeight = options.pairWeight ?? 1;
  const rng = createRng(options.seed ?? 1);
  const pairsOf = new Map<number, number[]>();
  for (const [v, f] of options.pairs ?? []) pairsOf.set(v, [...(pairsOf.get(v) ?? []), f]);
  // Parameters: nFeatures weights, then the bias.
  const size = nFeatures + 1;
  const params = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const grad = new Float64Array(size);
  const beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  const logit = (features: readonly number[]) => {
    let z = params[nFeatures];
    for (const f of features) z += params[f];
    return z;
  };
  const addGrad = (features: readonly number[], g: number, withBias: boolean) => {
    for (const f of features) grad[f] += g;
    if (withBias) grad[nFeatures] += g;
  };
  const indices = samples.map((_, i) => i);
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffled(indices, rng);
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      grad.fill(0);
      for (const i of batch) {
        const s = samples[i];
        const p = sigmoid(logit(s.features));
        addGrad(s.features, ((s.weight ?? 1) * (p - s.label)) / batch.length, true);
        for (const j of pairsOf.get(i) ?? []) {
          // d/dz softplus(-(z_v - z_f)) = -sigmoid(-(z_v - z_f)); the bias cancels.
          const g = (-pairWeight * sigmoid(logit(samples[j].features) - logit(s.features))) / batch.length;
          addGrad(s.features, g, false);
          addGrad(samples[j].features, -g, false);
        }
      }
      step++;
      const c1 = 1 - beta1 ** step, c2 = 1 - beta2 ** step;
      for (let k = 0; k < size; k++) {
        const g = grad[k] + (k < nFeatures ? l2 * params[k] : 0);
        m[k] = beta1 * m[k] + (1 - beta1) * g;
        v[k] = beta2 * v[k] + (1 - beta2) * g * g;
        params[k] -= (lr * (m[k] / c1)) / (Math.sqrt(v[k] / c2) + eps);
      }
    }
  }
  return { weights: params.slice(0, nFeatures), bias: params[nFeatures] };
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
