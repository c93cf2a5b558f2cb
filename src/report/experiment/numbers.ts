// Number formatting shared by the experiment report writers.

export const fmt = (x: number | null | undefined, digits = 3): string =>
  x === null || x === undefined || Number.isNaN(x) ? "–" : x.toFixed(digits);

export const fmtCi = (ci: [number, number] | undefined, digits = 3): string =>
  !ci || Number.isNaN(ci[0]) ? "–" : `[${ci[0].toFixed(digits)}, ${ci[1].toFixed(digits)}]`;

export const fmtMs = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? "–" : x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(3);

export const fmtP = (p: number): string => (p < 0.001 ? "<0.001" : p.toFixed(3));

/** Fewest samples for which the nearest-rank p-th percentile is not simply the maximum: p99 needs 100, p95 20, p90 10. */
export const samplesFor = (p: number): number => Math.ceil(100 / (100 - p) - 1e-9);

/** A latency percentile, or "–" when n samples cannot support it (with 20 samples, "p99" would be the maximum). */
export const fmtPercentile = (x: number | null | undefined, p: number, n: number | undefined): string =>
  n !== undefined && n < samplesFor(p) ? "–" : fmtMs(x);

/** Where report tables say why a percentile is missing. */
export const PERCENTILE_NOTE = "A percentile shows only where there are samples enough for it (p90 ≥ 10, p95 ≥ 20, p99 ≥ 100); below that it would be the slowest sample.";
