import { describe, expect, it } from "vitest";
import { fitPlatt } from "../../src/train/plattScaling.js";
import { predictSoftmax, trainSoftmax } from "../../src/train/softmaxRegression.js";

describe("trainSoftmax", () => {
  // Feature 0 → class 1, feature 1 → class 2, feature 2 present everywhere (noise).
  const samples = [
    ...Array.from({ length: 10 }, () => ({ features: [0, 2], label: 1 })),
    ...Array.from({ length: 10 }, () => ({ features: [1, 2], label: 2 })),
    ...Array.from({ length: 10 }, () => ({ features: [2], label: 0 })),
  ];

  it("learns a separable problem", () => {
    const w = trainSoftmax(samples, 3, 3, { epochs: 50, seed: 3 });
    const argmax = (p: number[]) => p.indexOf(Math.max(...p));
    expect(argmax(predictSoftmax(w, [0, 2]))).toBe(1);
    expect(argmax(predictSoftmax(w, [1, 2]))).toBe(2);
    expect(argmax(predictSoftmax(w, [2]))).toBe(0);
  });

  it("is deterministic for a seed", () => {
    const a = trainSoftmax(samples, 3, 3, { epochs: 5, seed: 7 });
    const b = trainSoftmax(samples, 3, 3, { epochs: 5, seed: 7 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  });
});

describe("fitPlatt", () => {
  it("maps scores to probabilities that rise with the score and stay finite when separable", () => {
    const x = [-3, -2, -1, 1, 2, 3];
    const y = [false, false, false, true, true, true];
    const { a, b } = fitPlatt(x, y);
    expect(Number.isFinite(a) && a > 0).toBe(true);
    const p = (v: number) => 1 / (1 + Math.exp(-(a * v + b)));
    expect(p(3)).toBeGreaterThan(0.7);
    expect(p(-3)).toBeLessThan(0.3);
    expect(p(3)).toBeLessThan(1);
  });

  it("is the identity when one class is missing", () => {
    expect(fitPlatt([1, 2], [true, true])).toEqual({ a: 1, b: 0 });
  });
});
