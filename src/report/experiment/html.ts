// report.html: one self-contained page (inline CSS and SVG, no scripts, no network) with the charts.
import type { ExperimentReport } from "../../eval/reportTypes.js";
import { renderMarkdownTablesAsHtml } from "./htmlTables.js";
import { barChart, boxPlot, esc, heatmap } from "./svg.js";

/** "model · dataset" with the model shortened so the dataset always shows. */
const label = (model: string, dataset: string) => `${model.length > 22 ? `${model.slice(0, 21)}…` : model} · ${dataset}`;

export function renderHtml(report: ExperimentReport): string {
  const models = [...new Set(report.results.map((r) => r.model))];
  const datasets = [...new Set(report.results.map((r) => r.dataset))];
  const find = (m: string, d: string) => report.results.find((r) => r.model === m && r.dataset === d);
  const metricChart = (key: "f1" | "mcc", title: string, min: number) =>
    barChart({
      id: key,
      title,
      groups: datasets,
      min,
      max: 1,
      series: [
        ...models.map((m) => ({
          name: m,
          values: datasets.map((d) => find(m, d)?.metrics[key] ?? NaN),
          cis: datasets.map((d) => find(m, d)?.metrics[`${key}_ci`] ?? ([NaN, NaN] as [number, number])),
        })),
        { name: "always-vulnerable", values: datasets.map((d) => report.baselines.find((b) => b.dataset === d && b.name === "always-vulnerable")?.metrics[key] ?? NaN) },
      ],
    });
  const gapChart = report.gaps.length
    ? barChart({
        id: "gap",
        title: `Cross-language gap (${report.gaps[0].from} − ${report.gaps[0].to}), with 95% CI`,
        groups: ["F1 gap", "MCC gap"],
        min: Math.min(-0.2, ...report.gaps.flatMap((g) => [g.f1_gap_ci[0], g.mcc_gap_ci[0]]).filter((x) => !Number.isNaN(x))),
        max: Math.max(0.4, ...report.gaps.flatMap((g) => [g.f1_gap_ci[1], g.mcc_gap_ci[1]]).filter((x) => !Number.isNaN(x))),
        series: report.gaps.map((g) => ({ name: g.model, values: [g.f1_gap, g.mcc_gap], cis: [g.f1_gap_ci, g.mcc_gap_ci] })),
      })
    : "";
  const cwes = [...new Set(report.results.flatMap((r) => Object.keys(r.per_cwe)))].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  const heat = cwes.length
    ? heatmap({
        id: "per-cwe",
        title: "Per-CWE F1 (exact CWE)",
        rows: cwes,
        columns: report.results.map((r) => label(r.model, r.dataset)),
        values: cwes.map((c) => report.results.map((r) => r.per_cwe[c]?.exact_f1 ?? NaN)),
      })
    : "";
  const latency = boxPlot(
    "latency",
    "Latency per sample (concurrency 1, log scale)",
    report.results.map((r) => ({ name: label(r.model, r.dataset), values: r.latency_samples_ms })),
  );
  const m = report.manifest;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(m.experiment.name)} — cwescope report</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
h1{margin-bottom:4px}.meta{color:#666;margin-top:0}table{border-collapse:collapse;margin:8px 0 20px;font-size:13px}
td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}table{max-width:100%}table.manifest td{overflow-wrap:anywhere}td[title]{cursor:help}th{background:#f6f6f6}svg.chart{display:block;margin:12px 0;max-width:100%;height:auto}
.note{color:#555;font-size:13px}
</style></head><body>
<h1>${esc(m.experiment.name)}</h1>
<p class="meta">cwescope ${esc(m.cwescope.version)}${m.cwescope.git_commit ? ` · ${esc(m.cwescope.git_commit.slice(0, 12))}` : ""} · ${esc(m.created)} · ${esc(m.runtime.cpu)} (${m.runtime.cores} cores) · Node ${esc(m.runtime.node)}</p>
<h2>Quality</h2>
${metricChart("f1", "F1 by model and dataset (95% bootstrap CI)", 0)}
${metricChart("mcc", "MCC by model and dataset (95% bootstrap CI)", -0.2)}
<p class="note">The last bar of each group is the always-vulnerable baseline: F1 alone can look good by flagging everything, while its MCC is 0.</p>
${gapChart ? `<h2>Python → JavaScript</h2>${gapChart}` : ""}
${heat ? `<h2>Per CWE</h2>${heat}` : ""}
<h2>Latency</h2>
${latency}
${renderMarkdownTablesAsHtml(report)}
</body></html>
`;
}
