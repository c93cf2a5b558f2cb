// Wilson score interval for a proportion k/n: honest at small n and at 0 or 1, unlike the normal approximation.

/** 95% (z = 1.96) Wilson interval of k successes in n trials; `[NaN, NaN]` when n is 0. */
export function wilsonInterval(k: number, n: number, z = 1.959964): [number, number] {
  if (n <= 0) return [Number.NaN, Number.NaN];
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
