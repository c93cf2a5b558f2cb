// Which lines to report for a flagged sample: the sinks the predicted CWE was learned to live at.
import type { SinkHit } from "../../lang/index.js";

/**
 * Lines of the sinks whose concept carried this CWE's gold lines in training, tainted-unguarded sinks
 * first. Falls back to every unguarded tainted flow; empty when the view has no sink at all.
 */
export function pickLines(sinks: readonly SinkHit[], association: Record<string, number> | undefined): number[] {
  if (!sinks.length) return [];
  const assoc = association ?? {};
  let best = 0;
  for (const s of sinks) best = Math.max(best, (assoc[s.concept] ?? 0) * (s.tainted && !s.cleanedBy.length ? 2 : 1));
  let chosen: SinkHit[];
  if (best > 0) chosen = sinks.filter((s) => (assoc[s.concept] ?? 0) * (s.tainted && !s.cleanedBy.length ? 2 : 1) === best);
  else chosen = sinks.filter((s) => s.tainted && !s.cleanedBy.length && s.concept !== "response");
  const lines = new Set<number>();
  for (const s of chosen) for (const l of s.lines) lines.add(l);
  return [...lines].sort((a, b) => a - b);
}
