// Reading a view's candidates as a reviewer would: where each unguarded flow of untrusted data reaches a sink.
import type { SinkHit, UnitView } from "../../src/lang/index.js";

/** `line:concept` of each hit that untrusted data reaches with none of the sink's protections on the way. */
export function open(view: UnitView): string[] {
  return view.sinks.filter((s) => s.tainted && s.unguarded && s.sources.some((x) => x !== "param")).map((s) => `${s.line}:${s.concept}`).sort();
}

/** The hit at a line for a concept. */
export function hitAt(view: UnitView, line: number, concept: string): SinkHit | undefined {
  return view.sinks.find((s) => s.line === line && s.concept === concept && s.sources.some((x) => x !== "param"));
}

/** A path as `line text (note)` strings. */
export function pathOf(hit: SinkHit | undefined): string[] {
  return (hit?.path ?? []).map((p) => `${p.line} ${p.text}${p.note ? ` (${p.note})` : ""}`);
}
