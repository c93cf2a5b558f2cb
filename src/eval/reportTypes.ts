// The shape of report.json (DESIGN.md), shared by the experiment runner and the report writers.
import type { LatencySummary } from "./latency.js";
import type { McNemarResult } from "./mcnemar.js";

export interface ResultMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  mcc: number;
  balanced_accuracy: number;
  fpr: number;
  f1_ci: [number, number];
  mcc_ci: [number, number];
  cwe_exact_macro_f1: number;
  cwe_family_macro_f1: number;
  cwe_exact_micro_f1: number;
  cwe_family_micro_f1: number;
  /** Samples that failed (error): left out of every metric above, which are over answered samples only. */
  failed: number;
  /** `failed` over all samples of the dataset. */
  failure_rate: number;
  /** The failure rate is above the spec's `metrics.max_failure_rate`: the metrics do not speak for the dataset. */
  incomplete: boolean;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface PerCweRow {
  support: number;
  exact_f1: number;
  family_f1: number;
  recall: number;
  /** Samples whose gold CWE is in this CWE's family (`sameFamily`): the n behind `family_f1`. */
  family_support?: number;
}

/** One CWE family (`familyOf`: its highest target CWE), gold and predicted CWEs mapped to their family heads. */
export interface PerFamilyRow {
  /** Samples whose gold CWE is in the family. */
  support: number;
  f1: number;
  recall: number;
  /** The gold CWEs of the dataset that fall in this family. */
  members: string[];
}

export interface ModelDatasetResult {
  /** Display name. */
  model: string;
  model_id: string;
  dataset: string;
  language?: string;
  n: number;
  metrics: ResultMetrics;
  per_cwe: Record<string, PerCweRow>;
  /** Per CWE family, keyed by the family head; absent in reports written before it was added. */
  per_family?: Record<string, PerFamilyRow>;
  latency: LatencySummary & { measured_on: { machine: string; backend: string; model_digest: string; concurrency: number } };
  /** Raw per-sample latencies (ms) of the timed pass, for distribution charts. */
  latency_samples_ms: number[];
  cached: number;
  computed: number;
}

export interface Comparison {
  dataset: string;
  a: string;
  b: string;
  accuracy_a: number;
  accuracy_b: number;
  mcnemar: McNemarResult;
}

export interface BaselineResult {
  dataset: string;
  name: "always-vulnerable" | "majority" | "random";
  metrics: Pick<ResultMetrics, "accuracy" | "precision" | "recall" | "f1" | "mcc" | "balanced_accuracy" | "fpr">;
}

export interface GapResult {
  model: string;
  /** Either side is incomplete (too many failed samples): the gap is not a finding. */
  incomplete?: boolean;
  from: string;
  to: string;
  f1_gap: number;
  f1_gap_ci: [number, number];
  mcc_gap: number;
  mcc_gap_ci: [number, number];
}

export interface Manifest {
  cwescope: { version: string; git_commit: string | null; git_dirty: boolean | null };
  experiment: { name: string; spec_file: string | null; spec_sha256: string };
  created: string;
  seeds: { experiment: number; bootstrap: number };
  datasets: Array<{ name: string; path: string; sha256: string; n: number; language?: string }>;
  models: Array<{ name: string; id: string; backend: string; digest: string; prompt_id?: string; prompt_hash?: string; versions: Record<string, string> }>;
  runtime: { node: string; platform: string; arch: string; cpu: string; cores: number; memory_gib: number };
  skipped_models: Array<{ id: string; missing: string[] }>;
}

export interface ExperimentReport {
  manifest: Manifest;
  results: ModelDatasetResult[];
  comparisons: Comparison[];
  baselines: BaselineResult[];
  gaps: GapResult[];
}
