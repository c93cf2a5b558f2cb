// report.html: one self-contained page (inline CSS and SVG, no scripts, no network) with the charts.
import type { ExperimentReport } from "../../eval/reportTypes.js";
import { cweName } from "../../cwe/catalog.js";
import { renderMarkdownTablesAsHtml } from "./htmlTables.js";
import { familyHeatmap } from "./familyView.js";
import { BASELINE_COLOR, barChart, boxPlot, color, esc, heatmap, type Label2 } from "./svg.js";

/** Model on one line, dataset on the next: neither is shortened. */
const label = (r: { model: string; dataset: string }): Label2 => ({ line1: r.model, line2: r.dataset });
const byNumber = (a: string, b: string) => Number(a.slice(4)) - Number(b.slice(4));

export function renderHtml(report: ExperimentReport): string {
  const models = [...new Set(report.results.map((r) => r.model))];
  const datasets = [...new Set(report.results.map((r) => r.dataset))];
  // One colour per model in every chart, in the order the spec lists the models.
  const colorOf = new Map([...report.manifest.models.map((m) => m.name), ...models].filter((m, i, all) => all.indexOf(m) === i).map((m, i) => [m, color(i)]));
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
          color: colorOf.get(m),
          values: datasets.map((d) => find(m, d)?.metrics[key] ?? NaN),
          cis: datasets.map((d) => find(m, d)?.metrics[`${key}_ci`] ?? ([NaN, NaN] as [number, number])),
        })),
        { name: "always-vulnerable", color: BASELINE_COLOR, values: datasets.map((d) => report.baselines.find((b) => b.dataset === d && b.name === "always-vulnerable")?.metrics[key] ?? NaN) },
      ],
    });
  const gapChart = report.gaps.length
    ? barChart({
        id: "gap",
        title: `Cross-language gap (${report.gaps[0].from} − ${report.gaps[0].to}), with 95% CI`,
        groups: ["F1 gap", "MCC gap"],
        min: Math.min(-0.2, ...report.gaps.flatMap((g) => [g.f1_gap_ci[0], g.mcc_gap_ci[0]]).filter((x) => !Number.isNaN(x))),
        max: Math.max(0.4, ...report.gaps.flatMap((g) => [g.f1_gap_ci[1], g.mcc_gap_ci[1]]).filter((x) => !Number.isNaN(x))),
        series: report.gaps.map((g) => ({ name: g.model, color: colorOf.get(g.model), values: [g.f1_gap, g.mcc_gap], cis: [g.f1_gap_ci, g.mcc_gap_ci] })),
      })
    : "";
  const cwes = [...new Set(report.results.flatMap((r) => Object.keys(r.per_cwe)))].sort(byNumber);
  const heat = cwes.length
    ? heatmap({
        id: "per-cwe",
        title: "Per-CWE F1 (exact CWE; n = samples of that CWE)",
        rows: cwes.map((c) => ({ label: c, hint: cweName(c) })),
        columns: report.results.map(label),
        values: cwes.map((c) => report.results.map((r) => r.per_cwe[c]?.exact_f1 ?? NaN)),
        counts: cwes.map((c) => report.results.map((r) => r.per_cwe[c]?.support ?? 0)),
      })
    : "";
  const families = familyHeatmap(report.results, label);
  const latency = boxPlot(
    "latency",
    "Latency per sample (concurrency 1, log scale; p50 beside each box)",
    report.results.map((r) => ({ label: label(r), values: r.latency_samples_ms, color: colorOf.get(r.model) ?? color(0) })),
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
${families ? `<h2>Per CWE family</h2><p class="note">A family is a target CWE with the target CWEs under it (e.g. CWE-77 holds CWE-78): a prediction anywhere in the gold CWE's family counts as right.</p>${families}` : ""}
<h2>Latency</h2>
${latency}
${renderMarkdownTablesAsHtml(report)}
</body></html>
`;
}
