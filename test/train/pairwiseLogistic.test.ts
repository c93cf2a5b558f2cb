import { describe, expect, it } from "vitest";
import { trainPairwiseLogistic } from "../../src/train/pairwiseLogistic.js";

// Feature 0 is the pair's topic (both twins have it); feature 1 is what the fix adds, but it also shows up in
// 30 unrelated vulnerable records. Pointwise, feature 1 looks vulnerable; only the twins say it fixes.
const samples: { features: number[]; label: number }[] = [];
const pairs: [number, number][] = [];
for (let i = 0; i < 10; i++) {
  pairs.push([samples.length, samples.length + 1]);
  samples.push({ features: [0], label: 1 }, { features: [0, 1], label: 0 });
}
for (let i = 0; i < 30; i++) samples.push({ features: [1], label: 1 }, { features: [], label: 0 });

// z(vulnerable twin) − z(fix) = w0 − (w0 + w1).
const twinMargin = (w: { weights: Float64Array }) => -w.weights[1];

describe("trainPairwiseLogistic", () => {
  it("ranks each vulnerable twin above its fix only with the ranking term", () => {
    expect(twinMargin(trainPairwiseLogistic(samples, 2, { seed: 1 }))).toBeLessThan(0);
    expect(twinMargin(trainPairwiseLogistic(samples, 2, { seed: 1, pairs, pairWeight: 3 }))).toBeGreaterThan(0);
  });

  it("learns a separable problem without pairs and is deterministic for a seed", () => {
    const easy = [...Array.from({ length: 20 }, () => ({ features: [0], label: 1 })), ...Array.from({ length: 20 }, () => ({ features: [1], label: 0 }))];
    const a = trainPairwiseLogistic(easy, 2, { seed: 4, epochs: 30 });
    expect(a.weights[0]).toBeGreaterThan(a.weights[1]);
    expect(Array.from(trainPairwiseLogistic(easy, 2, { seed: 4, epochs: 30 }).weights)).toEqual(Array.from(a.weights));
  });
});
