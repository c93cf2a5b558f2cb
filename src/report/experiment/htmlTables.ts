// The report's tables as HTML (same content as report.md's main tables).
import type { ExperimentReport } from "../../eval/reportTypes.js";
import { wilsonInterval } from "../../eval/wilsonInterval.js";
import { fmt, fmtCi, fmtP, fmtPercentile } from "./numbers.js";
import { esc } from "./svg.js";

/** A cell's text, or a shortened text with the whole value in a tooltip (digests). */
type Cell = string | { text: string; title: string };

function table(header: string[], rows: Cell[][], className = ""): string {
  const cell = (c: Cell) => (typeof c === "string" ? `<td>${esc(c)}</td>` : `<td title="${esc(c.title)}"><code>${esc(c.text)}</code></td>`);
  return `<table${className ? ` class="${className}"` : ""}><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map(cell).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

/** The first 12 hex digits, the whole digest on hover. */
const digest = (hex: string): Cell => ({ text: hex.length > 12 ? `${hex.slice(0, 12)}…` : hex, title: hex });

export function renderMarkdownTablesAsHtml(report: ExperimentReport): string {
  const out: string[] = ["<h2>Tables</h2>"];
  out.push(
    table(
      ["model", "dataset", "n", "F1 [95% CI]", "MCC [95% CI]", "FPR", "precision [95% CI]", "recall [95% CI]", "CWE macro-F1", "p50 ms", "p95 ms", "failed"],
      report.results.map((r) => {
        const m = r.metrics;
        return [r.model, r.dataset, String(r.n), `${fmt(m.f1)} ${fmtCi(m.f1_ci, 2)}`, `${fmt(m.mcc)} ${fmtCi(m.mcc_ci, 2)}`, fmt(m.fpr), `${fmt(m.precision)} ${fmtCi(wilsonInterval(m.tp, m.tp + m.fp), 2)}`, `${fmt(m.recall)} ${fmtCi(wilsonInterval(m.tp, m.tp + m.fn), 2)}`, fmt(m.cwe_exact_macro_f1), fmtPercentile(r.latency.p50_ms, 50, r.latency.n), fmtPercentile(r.latency.p95_ms, 95, r.latency.n), String(m.failed)];
      }),
    ),
  );
  out.push("<h3>Baselines</h3>", table(["dataset", "baseline", "F1", "MCC", "FPR"], report.baselines.map((b) => [b.dataset, b.name, fmt(b.metrics.f1), fmt(b.metrics.mcc), fmt(b.metrics.fpr)])));
  if (report.comparisons.length)
    out.push("<h3>McNemar's exact test</h3>", table(["dataset", "A", "B", "A right/B wrong", "A wrong/B right", "p"], report.comparisons.map((c) => [c.dataset, c.a, c.b, String(c.mcnemar.b), String(c.mcnemar.c), fmtP(c.mcnemar.p)])));
  out.push(
    "<h3>Manifest</h3>",
    table(["dataset", "records", "sha256"], report.manifest.datasets.map((d) => [d.name, String(d.n), digest(d.sha256)]), "manifest"),
    table(["model", "id", "backend", "digest", "prompt"], report.manifest.models.map((m) => [m.name, m.id, m.backend, digest(m.digest), m.prompt_id ? { text: `${m.prompt_id} ${(m.prompt_hash ?? "").slice(0, 12)}`, title: `${m.prompt_id} ${m.prompt_hash ?? ""}` } : "–"]), "manifest"),
  );
  return out.join("\n");
}
