// report.md: the tables a paper would print, plus the console table printed by `cwescope experiment`.
import type { ExperimentReport, PerCweRow } from "../../eval/reportTypes.js";
import { wilsonInterval } from "../../eval/wilsonInterval.js";
import { fmt, fmtCi, fmtMs, fmtP, fmtPercentile, PERCENTILE_NOTE } from "./numbers.js";

const byNumber = (a: string, b: string) => Number(a.slice(4)) - Number(b.slice(4));

/** "0.58 / 0.75 (n=12 / 18)": exact and family F1, each with its n; reports without family n show one n. */
const perCweCell = (row: PerCweRow | undefined): string =>
  !row ? "–" : `${fmt(row.exact_f1, 2)} / ${fmt(row.family_f1, 2)} (n=${row.support}${row.family_support === undefined ? "" : ` / ${row.family_support}`})`;

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

/** The main model × dataset table (also printed to the console). */
export function resultsTable(report: ExperimentReport): string {
  const rows = report.results.map((r) => [
    r.model,
    r.dataset,
    String(r.n),
    `${fmt(r.metrics.f1)} ${fmtCi(r.metrics.f1_ci, 2)}`,
    `${fmt(r.metrics.mcc)} ${fmtCi(r.metrics.mcc_ci, 2)}`,
    fmt(r.metrics.fpr),
    fmt(r.metrics.cwe_exact_macro_f1),
    fmt(r.metrics.cwe_family_macro_f1),
    fmtPercentile(r.latency.p50_ms, 50, r.latency.n),
    fmtPercentile(r.latency.p95_ms, 95, r.latency.n),
    // Metrics are over answered samples; a row above the failure limit does not speak for its dataset.
    `${r.metrics.failed}${r.metrics.incomplete ? " INCOMPLETE" : ""}`,
  ]);
  for (const b of report.baselines.filter((x) => x.name === "always-vulnerable"))
    rows.push([`*${b.name}*`, b.dataset, "", fmt(b.metrics.f1), fmt(b.metrics.mcc), fmt(b.metrics.fpr), "", "", "", "", ""]);
  return table(["model", "dataset", "n", "F1 [95% CI]", "MCC [95% CI]", "FPR", "CWE macro-F1", "family macro-F1", "p50 ms", "p95 ms", "failed"], rows);
}

export function renderMarkdown(report: ExperimentReport): string {
  const m = report.manifest;
  const out: string[] = [];
  out.push(`# ${m.experiment.name}`, "");
  out.push(
    `cwescope ${m.cwescope.version}${m.cwescope.git_commit ? ` (${m.cwescope.git_commit.slice(0, 12)}${m.cwescope.git_dirty ? ", modified" : ""})` : ""} · ${m.created} · ${m.runtime.cpu}, ${m.runtime.cores} cores · Node ${m.runtime.node}`,
    "",
  );
  out.push("## Detection quality and latency", "", resultsTable(report), "");
  out.push(
    "F1/MCC with seeded bootstrap 95% CIs. FPR = false-positive rate on non-vulnerable code. *always-vulnerable* is the baseline that flags everything: a model is only useful where it beats it on MCC. Latency is per sample at concurrency 1 after warm-up.",
    "",
  );
  out.push("## Precision and recall", "");
  out.push(
    table(
      ["model", "dataset", "precision [95% CI]", "recall [95% CI]", "TP", "FP", "FN"],
      report.results.map((r) => {
        const m = r.metrics;
        return [r.model, r.dataset, `${fmt(m.precision)} ${fmtCi(wilsonInterval(m.tp, m.tp + m.fp), 2)}`, `${fmt(m.recall)} ${fmtCi(wilsonInterval(m.tp, m.tp + m.fn), 2)}`, String(m.tp), String(m.fp), String(m.fn)];
      }),
    ),
    "",
    "Wilson score 95% intervals: precision over the TP + FP flagged samples, recall over the TP + FN vulnerable ones.",
    "",
  );
  if (report.gaps.length) {
    out.push("## Cross-language gap", "");
    out.push(
      table(
        ["model", "from → to", "F1 gap [95% CI]", "MCC gap [95% CI]"],
        report.gaps.map((g) => [g.incomplete ? `${g.model} (INCOMPLETE)` : g.model, `${g.from} → ${g.to}`, `${fmt(g.f1_gap)} ${fmtCi(g.f1_gap_ci, 2)}`, `${fmt(g.mcc_gap)} ${fmtCi(g.mcc_gap_ci, 2)}`]),
      ),
      "",
      "Gap = score on the first dataset − score on the second (positive: worse on the unseen language).",
      "",
    );
  }
  if (report.comparisons.length) {
    out.push("## McNemar's exact test (binary verdicts, paired by record)", "");
    out.push(
      table(
        ["dataset", "A", "B", "acc A", "acc B", "A right/B wrong", "A wrong/B right", "p"],
        report.comparisons.map((c) => [c.dataset, c.a, c.b, fmt(c.accuracy_a), fmt(c.accuracy_b), String(c.mcnemar.b), String(c.mcnemar.c), fmtP(c.mcnemar.p)]),
      ),
      "",
    );
  }
  out.push("## Baselines", "");
  out.push(
    table(
      ["dataset", "baseline", "accuracy", "precision", "recall", "F1", "MCC", "FPR"],
      report.baselines.map((b) => [b.dataset, b.name, fmt(b.metrics.accuracy), fmt(b.metrics.precision), fmt(b.metrics.recall), fmt(b.metrics.f1), fmt(b.metrics.mcc), fmt(b.metrics.fpr)]),
    ),
    "",
  );
  out.push("## Latency", "");
  out.push(
    table(
      ["model", "dataset", "samples", "p50 ms", "p90 ms", "p99 ms", "max ms", "TTFT p50 ms", "tokens/s", "throughput /s", "backend"],
      report.results.map((r) => {
        const l = r.latency;
        const max = r.latency_samples_ms?.length ? Math.max(...r.latency_samples_ms) : undefined;
        return [r.model, r.dataset, String(l.n), fmtPercentile(l.p50_ms, 50, l.n), fmtPercentile(l.p90_ms, 90, l.n), fmtPercentile(l.p99_ms, 99, l.n), fmtMs(max), fmtMs(l.ttft_p50_ms), fmt(l.tokens_per_s, 1), fmt(l.throughput_per_s, 1), l.measured_on.backend];
      }),
    ),
    "",
    PERCENTILE_NOTE,
    "",
  );
  const cwes = [...new Set(report.results.flatMap((r) => Object.keys(r.per_cwe)))].sort(byNumber);
  if (cwes.length) {
    out.push("## Per-CWE F1 (exact / family)", "");
    out.push(
      table(
        ["CWE", ...report.results.map((r) => `${r.model} · ${r.dataset}`)],
        cwes.map((c) => [c, ...report.results.map((r) => perCweCell(r.per_cwe[c]))]),
      ),
      "",
      "Each cell: exact F1 / family F1 (n of the CWE / n of its family). The family F1 counts a prediction anywhere in the gold CWE's family as right, so its n holds the family's other CWEs too.",
      "",
    );
  }
  const heads = [...new Set(report.results.flatMap((r) => Object.keys(r.per_family ?? {})))].sort(byNumber);
  if (heads.length) {
    const members = (h: string) => [...new Set(report.results.flatMap((r) => r.per_family?.[h]?.members ?? []))].sort(byNumber).join(", ");
    out.push("## Per-family F1", "");
    out.push(
      table(
        ["family", "gold CWEs", ...report.results.map((r) => `${r.model} · ${r.dataset}`)],
        heads.map((h) => [h, members(h), ...report.results.map((r) => (r.per_family?.[h] ? `${fmt(r.per_family[h].f1, 2)} (n=${r.per_family[h].support})` : "–"))]),
      ),
      "",
      "Gold and predicted CWEs mapped to their family head (the highest target CWE above them); n = samples whose gold CWE is in the family.",
      "",
    );
  }
  out.push("## Manifest", "");
  out.push(table(["dataset", "records", "sha256"], m.datasets.map((d) => [d.name, String(d.n), `\`${d.sha256.slice(0, 16)}…\``])), "");
  out.push(table(["model", "id", "backend", "digest", "prompt"], m.models.map((x) => [x.name, `\`${x.id}\``, x.backend, `\`${x.digest.slice(0, 16)}…\``, x.prompt_id ? `${x.prompt_id} (${(x.prompt_hash ?? "").slice(0, 12)})` : "–"])), "");
  if (m.skipped_models.length) out.push(`Skipped models (unset variables): ${m.skipped_models.map((s) => `${s.id} (${s.missing.join(", ")})`).join("; ")}`, "");
  return out.join("\n");
}
