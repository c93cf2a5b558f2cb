// The language-neutral view of a code unit: sources, sinks, flows between them, and guards, in shared concepts.
import type { ArgShape, FlowKind, GuardConcept, SinkConcept, SourceConcept } from "./concepts.js";

export interface SinkHit {
  concept: SinkConcept;
  /** Line of the sink (1-based, in the file or snippet the unit came from). */
  line: number;
  /** The sink's line plus the lines where the value reaching it was built by concatenation/interpolation. */
  lines: number[];
  /** Untrusted data reaches a dangerous argument. */
  tainted: boolean;
  sources: SourceConcept[];
  kinds: FlowKind[];
  /** Escapers/casters the data passed through on the way (empty: an unguarded flow). */
  cleanedBy: GuardConcept[];
  /** How the dangerous argument was built (`none`: the sink has no argument, e.g. a setting or a decorator). */
  shape: ArgShape;
  /** Values were passed apart from the query/command text (a params argument or keyword). */
  bound: boolean;
  /**
   * Guards of the sink's enclosing functions (decorators, middleware, checks, calls, before or after it) and
   * of the sink call's own options; not those of a sibling function.
   */
  guards: GuardConcept[];
  /**
   * None of the guards that protect this kind of sink applies (`tables/protections.ts`): on the value that
   * reaches it for injection-like sinks, in its function for access-control sinks.
   */
  unguarded: boolean;
}

export interface UnitView {
  sources: SourceConcept[];
  sinks: SinkHit[];
  guards: GuardConcept[];
  /** The unit is (or contains) a request handler: route decorator, `app.get(…, fn)`. */
  handler: boolean;
  /** Functions defined in the unit (the unit itself included). */
  functions: number;
  /** Checks that reject input: a condition whose branch raises, returns, aborts or throws. */
  rejects: number;
  /** Calls in the unit. */
  calls: number;
  hasError: boolean;
}
