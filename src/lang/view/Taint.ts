// What the view tracks per value: where untrusted data came from, how it was built, what cleaned it.
import type { FlowKind, GuardConcept, SourceConcept } from "./concepts.js";

export interface Taint {
  sources: Set<SourceConcept>;
  kinds: Set<FlowKind>;
  cleaned: Set<GuardConcept>;
  lines: Set<number>;
}

/** The value itself is the problem (a credential, a setting): a flow with no source. */
export const LITERAL: Taint = { sources: new Set(), kinds: new Set(["direct"]), cleaned: new Set(), lines: new Set() };

export function merge(a: Taint | null, b: Taint | null): Taint | null {
  if (!a) return b;
  if (!b) return a;
  // Clean only if every tainted part was cleaned.
  const cleaned = a.cleaned.size && b.cleaned.size ? new Set([...a.cleaned, ...b.cleaned]) : new Set<GuardConcept>();
  return {
    sources: new Set([...a.sources, ...b.sources]),
    kinds: new Set([...a.kinds, ...b.kinds]),
    cleaned,
    lines: new Set([...a.lines, ...b.lines]),
  };
}

export function withKind(t: Taint, kind: FlowKind, line: number): Taint {
  const kinds = new Set(t.kinds);
  kinds.add(kind);
  const lines = new Set(t.lines);
  lines.add(line);
  return { ...t, kinds, lines };
}
