// Reading a view's candidate findings the way the knowledge tests ask about them.
import type { SinkConcept, SinkHit, UnitView } from "../../../src/lang/index.js";
import { PRESENCE_SINKS } from "../../../src/lang/tables/protections.js";

/** Hits of one concept. */
export function hitsOf(v: UnitView, concept: SinkConcept): SinkHit[] {
  return v.sinks.filter((s) => s.concept === concept);
}

/** The CWEs of the hits of a concept that stand as findings: an unguarded flow, or a weakness by its presence. */
export function flaggedCwes(v: UnitView, concept: SinkConcept): string[] {
  return hitsOf(v, concept)
    .filter((h) => h.unguarded || (PRESENCE_SINKS.has(h.concept) && h.tainted) || (h.tainted && !h.cleanedBy.length && h.sources.length === 0))
    .map((h) => h.cwe);
}
