// The language-neutral view of a code unit: sources, sinks, flows between them, and guards, in shared concepts.
import type { ArgShape, FlowKind, GuardConcept, SinkConcept, SourceConcept } from "./concepts.js";

/** One place on the way from a source to a sink, as a user reads it (`sql = "…" + q`, line 13). */
export interface PathStep {
  /** 1-based line in the file or snippet the unit came from. */
  line: number;
  kind: "source" | "step" | "sink";
  /** The code at that place, on one line and shortened (untrusted text: render it inert). */
  text: string;
  /** How the value moved there: `concatenated`, `interpolated`, `assigned`, `returned by build_query`, … */
  note?: string;
}

/** A sink occurrence: one candidate finding. Four weaknesses in a function are four hits. */
export interface SinkHit {
  concept: SinkConcept;
  /** The CWE of the knowledge row that matched, refined by context; `SINK_CWE[concept]` when the row names none. */
  cwe: string;
  /** 1-based column of the sink's first character, and the 1-based line and column just past its end. */
  column: number;
  endLine: number;
  endColumn: number;
  /** Source → steps → sink in order; a flow with no source (a literal, a setting) has only its sink. */
  path: PathStep[];
  /** Sources or sinks assumed rather than seen (a module alias without its import, a handler read from its signature). */
  inferred: string[];
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
