import { describe, expect, it } from "vitest";
import { trainBoostedTrees, treesLogit } from "../../bench/boostedTrees.js";

// Feature 0 is a sink, feature 1 a guard: vulnerable exactly when the sink is there and the guard is not, and
// the guard alone (no sink) is as common among clean units. Features 2 and 3 are noise.
const samples: { features: number[]; label: number }[] = [];
for (let i = 0; i < 80; i++) {
  const sink = i % 2 === 0, guard = i % 4 < 2 ? i % 8 < 4 : i % 8 >= 4;
  const features = [sink ? 0 : -1, guard ? 1 : -1, i % 3 === 0 ? 2 : -1, i % 5 === 0 ? 3 : -1].filter((f) => f >= 0);
  samples.push({ features, label: sink && !guard ? 1 : 0 });
}
const logitOf = (features: number[], model: ReturnType<typeof trainBoostedTrees>) => treesLogit(model, (f) => features.includes(f));

describe("trainBoostedTrees", () => {
  it("learns a sink-without-guard interaction", () => {
    const model = trainBoostedTrees(samples, 4, { seed: 1, rounds: 50, depth: 2, minLeaf: 2, subsample: 1 });
    expect(logitOf([0], model)).toBeGreaterThan(0);
    expect(logitOf([0, 1], model)).toBeLessThan(0);
    expect(logitOf([1], model)).toBeLessThan(0);
    expect(logitOf([], model)).toBeLessThan(0);
  });

  it("ranks each vulnerable twin above its fix with the pairwise term", () => {
    // Twins share feature 0; the fix adds feature 1, which pointwise also marks 30 unrelated vulnerable units.
    const twins: { features: number[]; label: number }[] = [];
    const pairs: [number, number][] = [];
    for (let i = 0; i < 10; i++) {
      pairs.push([twins.length, twins.length + 1]);
      twins.push({ features: [0], label: 1 }, { features: [0, 1], label: 0 });
    }
    for (let i = 0; i < 30; i++) twins.push({ features: [1], label: 1 }, { features: [], label: 0 });
    const margin = (m: ReturnType<typeof trainBoostedTrees>) => logitOf([0], m) - logitOf([0, 1], m);
    const options = { seed: 1, rounds: 50, depth: 1, minLeaf: 2, subsample: 1 };
    expect(margin(trainBoostedTrees(twins, 2, options))).toBeLessThan(0);
    expect(margin(trainBoostedTrees(twins, 2, { ...options, pairs, pairWeight: 3 }))).toBeGreaterThan(0);
  });

  it("is deterministic for a seed", () => {
    const a = trainBoostedTrees(samples, 4, { seed: 7, rounds: 20 });
    expect(trainBoostedTrees(samples, 4, { seed: 7, rounds: 20 })).toEqual(a);
  });
});
