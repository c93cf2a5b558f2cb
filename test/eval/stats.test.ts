import { describe, expect, it } from "vitest";
import { mcnemarExact } from "../../src/eval/mcnemar.js";
import { bootstrapCi } from "../../src/eval/bootstrap.js";
import { percentile, summarizeLatency } from "../../src/eval/latency.js";

describe("mcnemarExact", () => {
  it("matches hand-computed binomial tails", () => {
    // b = 1, c = 5: 2 * (C(6,0)+C(6,1)) / 2^6 = 2 * 7/64 = 0.21875
    const a = [true, false, false, false, false, false, true, true];
    const b = [false, true, true, true, true, true, true, false].map((x, i) => (i === 7 ? true : x));
    const r = mcnemarExact(a, b);
    expect([r.b, r.c]).toEqual([1, 5]);
    expect(r.p).toBeCloseTo(0.21875, 10);
  });

  it("gives p = 1 with no discordant pairs and a tiny p when one model always wins", () => {
    expect(mcnemarExact([true, false], [true, false]).p).toBe(1);
    const n = 20;
    const r = mcnemarExact(Array(n).fill(true), Array(n).fill(false));
    expect(r.p).toBeCloseTo(2 / 2 ** 20, 15);
  });
});

describe("bootstrapCi", () => {
  it("is seeded and brackets the point estimate of a mean", () => {
    const xs = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const mean = (idx: Uint32Array) => idx.reduce((s, i) => s + xs[i], 0) / idx.length;
    const ci = bootstrapCi(xs.length, mean, { seed: 1 });
    expect(ci).toEqual(bootstrapCi(xs.length, mean, { seed: 1 }));
    expect(ci[0]).toBeLessThan(0.25);
    expect(ci[1]).toBeGreaterThan(0.25);
    expect(ci[1] - ci[0]).toBeLessThan(0.15);
  });
});

describe("latency", () => {
  it("computes nearest-rank percentiles", () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(xs, 50)).toBe(5);
    expect(percentile(xs, 90)).toBe(9);
    expect(percentile(xs, 99)).toBe(10);
    const s = summarizeLatency(xs.map((x) => ({ latency_ms: x * 10, ttft_ms: x, tokens_out: 9 })));
    expect(s.p50_ms).toBe(50);
    expect(s.ttft_p50_ms).toBe(5);
    // 90 tokens over sum(latency - ttft) = 9 * 55 ms = 495 ms
    expect(s.tokens_per_s).toBeCloseTo(90 / 0.495, 6);
  });
});
