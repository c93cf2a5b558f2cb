// Latency summaries: percentiles over per-sample timings (nearest-rank on sorted values).

export interface LatencySummary {
  n: number;
  p50_ms: number;
  p90_ms: number;
  p95_ms: number;
  p99_ms: number;
  mean_ms: number;
  ttft_p50_ms: number | null;
  ttft_p90_ms: number | null;
  tokens_per_s: number | null;
  throughput_per_s: number | null;
}

/** Nearest-rank percentile of sorted values (p in [0, 100]); NaN for an empty list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface TimedSample {
  latency_ms: number;
  ttft_ms?: number;
  tokens_out?: number;
}

export function summarizeLatency(samples: readonly TimedSample[], throughputPerS: number | null = null): LatencySummary {
  const lat = samples.map((s) => s.latency_ms).sort((a, b) => a - b);
  const ttft = samples.filter((s) => s.ttft_ms !== undefined).map((s) => s.ttft_ms!).sort((a, b) => a - b);
  const gen = samples.filter((s) => s.tokens_out !== undefined && s.latency_ms > (s.ttft_ms ?? 0));
  const tokens = gen.reduce((a, s) => a + s.tokens_out!, 0);
  const genSeconds = gen.reduce((a, s) => a + (s.latency_ms - (s.ttft_ms ?? 0)) / 1000, 0);
  return {
    n: lat.length,
    p50_ms: percentile(lat, 50),
    p90_ms: percentile(lat, 90),
    p95_ms: percentile(lat, 95),
    p99_ms: percentile(lat, 99),
    mean_ms: lat.length ? lat.reduce((a, b) => a + b, 0) / lat.length : NaN,
    ttft_p50_ms: ttft.length ? percentile(ttft, 50) : null,
    ttft_p90_ms: ttft.length ? percentile(ttft, 90) : null,
    tokens_per_s: genSeconds > 0 ? tokens / genSeconds : null,
    throughput_per_s: throughputPerS,
  };
}
