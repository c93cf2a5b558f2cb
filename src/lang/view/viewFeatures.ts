// UnitView → sparse feature names. Only shared concept ids appear, never identifiers from the code.
import type { UnitView } from "./UnitView.js";

/**
 * Feature names of a view: sources, sinks, flows (with kind and source), guards, sink×guard and
 * flow×guard conjunctions (so a linear model can learn "a SQL flow without parameterisation"), handler
 * facts and a few bucketed counts.
 */
export function viewFeatures(view: UnitView): string[] {
  const out = new Set<string>();
  for (const s of view.sources) out.add(`src:${s}`);
  for (const g of view.guards) out.add(`guard:${g}`);
  if (view.handler) {
    out.add("handler");
    for (const g of view.guards) out.add(`handler&guard:${g}`);
  }
  for (const hit of view.sinks) {
    const c = hit.concept;
    out.add(`sink:${c}`);
    if (view.handler) out.add(`handler&sink:${c}`);
    if (hit.shape !== "none") {
      out.add(`shape:${c}:${hit.shape}`);
      if (hit.bound) out.add(`shape:${c}:bound`);
      else if (hit.shape === "interpolated" || hit.shape === "concat") out.add(`shape:${c}:built-unbound`);
    }
    for (const g of view.guards) out.add(`sink:${c}&guard:${g}`);
    if (!hit.tainted) continue;
    if (hit.cleanedBy.length) {
      for (const g of hit.cleanedBy) out.add(`flow:${c}&cleaned:${g}`);
      out.add(`cleanflow:${c}`);
      continue;
    }
    out.add(`flow:${c}`);
    for (const k of hit.kinds) out.add(`flow:${c}:${k}`);
    for (const s of hit.sources) out.add(`flow:${c}<-${s === "param" || s === "exception" || s === "stored" ? s : "input"}`);
    for (const g of view.guards) out.add(`flow:${c}&guard:${g}`);
  }
  out.add(`sinks:${bucket(view.sinks.length)}`);
  out.add(`rejects:${bucket(view.rejects)}`);
  out.add(`functions:${bucket(view.functions)}`);
  if (view.hasError) out.add("syntax-error");
  return [...out];
}

function bucket(n: number): string {
  return n === 0 ? "0" : n === 1 ? "1" : n <= 3 ? "2-3" : n <= 7 ? "4-7" : "8+";
}
