// Which lines to report for a flagged sample: the sinks the predicted CWE was learned to live at.
import type { SinkHit } from "../../lang/index.js";

/**
 * Lines of the sinks whose concept carried this CWE's gold lines in training, tainted sinks that no
 * protecting guard covers (`SinkHit.unguarded`) first. Falls back to every such flow; empty when the view
 * has no sink at all.
 */
export function pickLines(sinks: readonly SinkHit[], association: Record<string, number> | undefined): number[] {
  if (!sinks.length) return [];
  const assoc = association ?? {};
  const exposed = (s: SinkHit) => s.tainted && s.unguarded && !s.cleanedBy.length;
  const weight = (s: SinkHit) => (assoc[s.concept] ?? 0) * (exposed(s) ? 2 : 1);
  let best = 0;
  for (const s of sinks) best = Math.max(best, weight(s));
  const chosen = best > 0 ? sinks.filter((s) => weight(s) === best) : sinks.filter((s) => exposed(s) && s.concept !== "response");
  const lines = new Set<number>();
  for (const s of chosen) for (const l of s.lines) lines.add(l);
  return [...lines].sort((a, b) => a - b);
}
