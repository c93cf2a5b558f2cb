// Seeded percentile bootstrap confidence intervals over per-sample indices.
import { createRng } from "../util/random.js";

export interface BootstrapOptions {
  /** Resamples. Defaults to `1000`. */
  iterations?: number;
  /** Defaults to `1337`. */
  seed?: number;
  /** Two-sided confidence level. Defaults to `0.95`. */
  level?: number;
}

/**
 * Percentile bootstrap CI of a statistic computed from a resample of indices 0..n-1.
 * Resamples where the statistic is undefined (NaN) are dropped. Returns `[NaN, NaN]` for n = 0.
 */
export function bootstrapCi(n: number, statistic: (indices: Uint32Array) => number, options: BootstrapOptions = {}): [number, number] {
  if (n === 0) return [NaN, NaN];
  const iterations = options.iterations ?? 1000;
  const level = options.level ?? 0.95;
  const rng = createRng(options.seed ?? 1337);
  const values: number[] = [];
  const idx = new Uint32Array(n);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rng() * n);
    const v = statistic(idx);
    if (!Number.isNaN(v)) values.push(v);
  }
  if (!values.length) return [NaN, NaN];
  values.sort((a, b) => a - b);
  const q = (p: number) => values[Math.min(values.length - 1, Math.max(0, Math.round(p * (values.length - 1))))];
  return [q((1 - level) / 2), q(1 - (1 - level) / 2)];
}

/** Paired bootstrap CI of a difference between two statistics on two index-aligned datasets of different sizes. */
export function bootstrapDifferenceCi(
  nA: number,
  nB: number,
  statA: (indices: Uint32Array) => number,
  statB: (indices: Uint32Array) => number,
  options: BootstrapOptions = {},
): [number, number] {
  if (!nA || !nB) return [NaN, NaN];
  const iterations = options.iterations ?? 1000;
  const level = options.level ?? 0.95;
  const rng = createRng(options.seed ?? 1337);
  const values: number[] = [];
  const a = new Uint32Array(nA);
  const b = new Uint32Array(nB);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < nA; i++) a[i] = Math.floor(rng() * nA);
    for (let i = 0; i < nB; i++) b[i] = Math.floor(rng() * nB);
    const v = statA(a) - statB(b);
    if (!Number.isNaN(v)) values.push(v);
  }
  if (!values.length) return [NaN, NaN];
  values.sort((x, y) => x - y);
  const q = (p: number) => values[Math.min(values.length - 1, Math.max(0, Math.round(p * (values.length - 1))))];
  return [q((1 - level) / 2), q(1 - (1 - level) / 2)];
}
