// The report's tables as HTML (same content as report.md's main tables).
import type { ExperimentReport } from "../../eval/reportTypes.js";
import { fmt, fmtCi, fmtMs, fmtP } from "./numbers.js";
import { esc } from "./svg.js";

function table(header: string[], rows: string[][]): string {
  return `<table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

export function renderMarkdownTablesAsHtml(report: ExperimentReport): string {
  const out: string[] = ["<h2>Tables</h2>"];
  out.push(
    table(
      ["model", "dataset", "n", "F1 [95% CI]", "MCC [95% CI]", "FPR", "precision", "recall", "CWE macro-F1", "p50 ms", "p95 ms", "failed"],
      report.results.map((r) => [r.model, r.dataset, String(r.n), `${fmt(r.metrics.f1)} ${fmtCi(r.metrics.f1_ci, 2)}`, `${fmt(r.metrics.mcc)} ${fmtCi(r.metrics.mcc_ci, 2)}`, fmt(r.metrics.fpr), fmt(r.metrics.precision), fmt(r.metrics.recall), fmt(r.metrics.cwe_exact_macro_f1), fmtMs(r.latency.p50_ms), fmtMs(r.latency.p95_ms), String(r.metrics.failed)]),
    ),
  );
  out.push("<h3>Baselines</h3>", table(["dataset", "baseline", "F1", "MCC", "FPR"], report.baselines.map((b) => [b.dataset, b.name, fmt(b.metrics.f1), fmt(b.metrics.mcc), fmt(b.metrics.fpr)])));
  if (report.comparisons.length)
    out.push("<h3>McNemar's exact test</h3>", table(["dataset", "A", "B", "A right/B wrong", "A wrong/B right", "p"], report.comparisons.map((c) => [c.dataset, c.a, c.b, String(c.mcnemar.b), String(c.mcnemar.c), fmtP(c.mcnemar.p)])));
  out.push(
    "<h3>Manifest</h3>",
    table(["dataset", "records", "sha256"], report.manifest.datasets.map((d) => [d.name, String(d.n), d.sha256])),
    table(["model", "id", "backend", "digest", "prompt"], report.manifest.models.map((m) => [m.name, m.id, m.backend, m.digest, m.prompt_id ? `${m.prompt_id} ${m.prompt_hash ?? ""}` : "–"])),
  );
  return out.join("\n");
}
