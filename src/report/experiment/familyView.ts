// The per-family heat map of report.html: rows are CWE families (catalog `familyOf`), cells F1 with their n.
import type { ModelDatasetResult } from "../../eval/reportTypes.js";
import { cweName } from "../../cwe/catalog.js";
import { heatmap, type Label2 } from "./svg.js";

/** The family view, or "" when no result carries per-family scores (reports written before they existed). */
export function familyHeatmap(results: ModelDatasetResult[], label: (r: ModelDatasetResult) => Label2): string {
  const heads = [...new Set(results.flatMap((r) => Object.keys(r.per_family ?? {})))].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  if (!heads.length) return "";
  const members = (h: string) => [...new Set(results.flatMap((r) => r.per_family?.[h]?.members ?? []))].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  return heatmap({
    id: "per-family",
    title: "Per-family F1 (gold and predicted CWE mapped to their family; n = samples in the family)",
    rows: heads.map((h) => {
      const m = members(h);
      return { label: m.length > 1 || (m.length === 1 && m[0] !== h) ? `${h} (${m.map((c) => c.slice(4)).join(", ")})` : h, hint: `${h} ${cweName(h)} family: ${m.join(", ")}` };
    }),
    columns: results.map(label),
    values: heads.map((h) => results.map((r) => r.per_family?.[h]?.f1 ?? NaN)),
    counts: heads.map((h) => results.map((r) => r.per_family?.[h]?.support ?? 0)),
  });
}
