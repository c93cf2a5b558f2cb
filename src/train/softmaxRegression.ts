// Multinomial logistic regression over sparse binary features: seeded mini-batch Adam with L2. Hand-written
// because no maintained npm library covers sparse softmax regression (ml-logistic-regression is dense,
// one-vs-rest and unmaintained since 2019).
import { createRng, shuffled } from "../util/random.js";

export interface SparseSample {
  /** Indices of the active (value 1) features. */
  features: number[];
  label: number;
  /** Weight of this sample's loss. Defaults to `1`. */
  weight?: number;
}

export interface SoftmaxOptions {
  /** L2 penalty per sample. Defaults to `1e-3`. */
  l2?: number;
  /** Passes over the data. Defaults to `60`. */
  epochs?: number;
  /** Adam step size. Defaults to `0.05`. */
  learningRate?: number;
  /** Mini-batch size. Defaults to `32`. */
  batchSize?: number;
  /** Seed of the batch order. Defaults to `1`. */
  seed?: number;
  /** Per-class loss weights (e.g. to balance classes). Defaults to all `1`. */
  classWeights?: number[];
}

export interface SoftmaxWeights {
  nFeatures: number;
  nClasses: number;
  /** Row-major [feature][class]. */
  weights: Float64Array;
  bias: Float64Array;
}

export function trainSoftmax(samples: readonly SparseSample[], nFeatures: number, nClasses: number, options: SoftmaxOptions = {}): SoftmaxWeights {
  const l2 = options.l2 ?? 1e-3;
  const epochs = options.epochs ?? 60;
  const lr = options.learningRate ?? 0.05;
  const batchSize = options.batchSize ?? 32;
  const rng = createRng(options.seed ?? 1);
  const classWeights = options.classWeights ?? new Array<number>(nClasses).fill(1);
  const size = nFeatures * nClasses;
  const weights = new Float64Array(size);
  const bias = new Float64Array(nClasses);
  const m = new Float64Array(size + nClasses);
  const v = new Float64Array(size + nClasses);
  const grad = new Float64Array(size + nClasses);
  const touched = new Uint8Array(nFeatures);
  const beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  let step = 0;
  const logits = new Float64Array(nClasses);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffled(samples, rng);
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      grad.fill(0);
      touched.fill(0);
      for (const s of batch) {
        for (let c = 0; c < nClasses; c++) logits[c] = bias[c];
        for (const f of s.features) for (let c = 0; c < nClasses; c++) logits[c] += weights[f * nClasses + c];
        let max = -Infinity;
        for (let c = 0; c < nClasses; c++) max = Math.max(max, logits[c]);
        let sum = 0;
        for (let c = 0; c < nClasses; c++) sum += logits[c] = Math.exp(logits[c] - max);
        const w = (classWeights[s.label] * (s.weight ?? 1)) / batch.length;
        for (let c = 0; c < nClasses; c++) {
          const g = w * (logits[c] / sum - (c === s.label ? 1 : 0));
          grad[size + c] += g;
          for (const f of s.features) grad[f * nClasses + c] += g;
        }
        for (const f of s.features) touched[f] = 1;
      }
      step++;
      const c1 = 1 - beta1 ** step, c2 = 1 - beta2 ** step;
      // Weight decay applies to every weight; Adam moments are updated everywhere for determinism.
      for (let i = 0; i < size + nClasses; i++) {
        const param = i < size ? weights[i] : bias[i - size];
        const g = grad[i] + (i < size ? l2 * param : 0);
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        const delta = (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
        if (i < size) weights[i] -= delta;
        else bias[i - size] -= delta;
      }
    }
  }
  return { nFeatures, nClasses, weights, bias };
}

/** Class probabilities of one sample. */
export function predictSoftmax(model: SoftmaxWeights, features: readonly number[]): number[] {
  const k = model.nClasses;
  const logits = Array.from(model.bias);
  for (const f of features) for (let c = 0; c < k; c++) logits[c] += model.weights[f * k + c];
  const max = Math.max(...logits);
  const exp = logits.map((x) => Math.exp(x - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((x) => x / sum);
}
