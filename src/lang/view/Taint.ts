// What the view tracks per value: where untrusted data came from, how it was built, what cleaned it, and the
// path it took.
import type { FlowKind, GuardConcept, SourceConcept } from "./concepts.js";
import type { PathStep } from "./UnitView.js";

export interface Taint {
  sources: Set<SourceConcept>;
  kinds: Set<FlowKind>;
  cleaned: Set<GuardConcept>;
  lines: Set<number>;
  /** The source and the steps the value took since, in order (at most `MAX_STEPS`); absent for a literal. */
  path?: readonly PathStep[];
  /** Bit i set: the value comes from parameter i of the function being summarised (`FunctionSummaries`). */
  params?: number;
}

/** Longest path a value carries before its sink: its source, the latest steps. */
export const MAX_STEPS = 7;

/** The value itself is the problem (a credential, a setting): a flow with no source. */
export const LITERAL: Taint = { sources: new Set(), kinds: new Set(["direct"]), cleaned: new Set(), lines: new Set() };

/** Untrusted data read at `step` (a request field, a parameter, a caught error). */
export function sourceTaint(concept: SourceConcept, step?: PathStep, params?: number): Taint {
  return { sources: new Set([concept]), kinds: new Set(["direct"]), cleaned: new Set(), lines: new Set(), path: step ? [step] : undefined, params };
}

export function merge(a: Taint | null, b: Taint | null): Taint | null {
  if (!a) return b;
  if (!b) return a;
  if (a === b) return a;
  // Clean only if every tainted part was cleaned.
  const cleaned = a.cleaned.size && b.cleaned.size ? new Set([...a.cleaned, ...b.cleaned]) : new Set<GuardConcept>();
  const params = (a.params ?? 0) | (b.params ?? 0);
  return {
    sources: new Set([...a.sources, ...b.sources]),
    kinds: new Set([...a.kinds, ...b.kinds]),
    cleaned,
    lines: new Set([...a.lines, ...b.lines]),
    // The path of untrusted input before that of a parameter: it is the one a reader wants to follow.
    path: a.path && (!b.path || !a.sources.has("param") || b.sources.has("param")) ? a.path : b.path ?? a.path,
    params: params || undefined,
  };
}

export function withKind(t: Taint, kind: FlowKind, line: number): Taint {
  const kinds = new Set(t.kinds);
  kinds.add(kind);
  const lines = new Set(t.lines);
  lines.add(line);
  return { ...t, kinds, lines };
}

/** The taint with one more step on its path; the source stays, the oldest steps after it give way. */
export function withStep(t: Taint, step: PathStep): Taint {
  const path = t.path ?? [];
  const last = path[path.length - 1];
  if (last && last.line === step.line && last.text === step.text) return t;
  const next = path.length < MAX_STEPS ? [...path, step] : [path[0]!, ...path.slice(path.length - MAX_STEPS + 2), step];
  return { ...t, path: next };
}

/** The taint cleaned by `guards` as well. */
export function cleanedBy(t: Taint, guards: Iterable<GuardConcept>): Taint {
  return { ...t, cleaned: new Set([...t.cleaned, ...guards]) };
}

/**
 * A value passed into a helper of the file (`outer`) as the helper carries it on (`inner`, its flow from the
 * parameter): the caller's sources and path, the call, then the helper's own steps when `steps` is set.
 */
export function through(outer: Taint, inner: Taint, call: PathStep, steps: boolean): Taint {
  const path = [...(outer.path ?? []), call, ...(steps ? (inner.path ?? []).slice(1) : [])];
  return {
    sources: outer.sources,
    kinds: new Set([...outer.kinds, ...inner.kinds]),
    cleaned: new Set([...outer.cleaned, ...inner.cleaned]),
    lines: steps ? new Set([...outer.lines, ...inner.lines]) : outer.lines,
    path: path.length <= MAX_STEPS ? path : [path[0]!, ...path.slice(path.length - MAX_STEPS + 1)],
    params: outer.params,
  };
}
