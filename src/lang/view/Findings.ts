// What a view has found so far: sources, sinks with the guards that cover them, and counters; gives the UnitView.
import { OPERATOR_SOURCES, PROTECTIONS } from "../tables/protections.js";
import { SINK_CWE } from "../tables/sinkCwes.js";
import type { ArgShape, GuardConcept, SinkConcept, SourceConcept } from "./concepts.js";
import type { SyntaxNode } from "./SyntaxNode.js";
import type { Taint } from "./Taint.js";
import type { PathStep, SinkHit, UnitView } from "./UnitView.js";

/** How the view reads a node's place and text; set by the walk that owns the source text. */
export interface NodeLocator {
  locate(node: SyntaxNode): { column: number; endLine: number; endColumn: number };
  src(node: SyntaxNode): string;
}

/** Where a sink is and what its call says of its dangerous argument: enough to record it again from a caller. */
export interface SinkSite {
  concept: SinkConcept;
  node: SyntaxNode;
  shape: ArgShape;
  bound: boolean;
  own: GuardConcept[];
  cwe?: string;
}

/** A path step's text: the code on one line, shortened. */
export function stepText(text: string): string {
  const one = (text.length > 400 ? text.slice(0, 400) : text).replace(/\s+/g, " ").trim();
  return one.length > 120 ? `${one.slice(0, 117)}…` : one;
}

export class Findings {
  readonly sources = new Set<SourceConcept>();
  readonly guards = new Set<GuardConcept>();
  /**
   * Guards of the functions the walk is in: their decorators, middleware, checks and calls, not a sibling
   * function's. Each sink gets those of its enclosing functions, so a check in one handler does not count
   * for another.
   */
  scope = new Set<GuardConcept>();
  readonly sinks: SinkHit[] = [];
  handler = false;
  functions = 0;
  calls = 0;
  rejects = 0;

  /** Told of each sink a parameter of the function being summarised reaches (`FunctionSummaries`). */
  onParamSink: ((site: SinkSite, taint: Taint) => void) | undefined;

  constructor(private readonly locator?: NodeLocator) {}

  /** A place on a value's path: the code of `node`, on one line and shortened. */
  step(node: SyntaxNode, kind: PathStep["kind"], note?: string): PathStep {
    const text = this.locator ? stepText(this.locator.src(node)) : node.type;
    return note ? { line: node.line, kind, text, note } : { line: node.line, kind, text };
  }

  guard(concept: GuardConcept): void {
    this.guards.add(concept);
    this.scope.add(concept);
  }

  /**
   * Records a sink with the guards in scope and its own (`own`: the call's options). It is unguarded when a
   * value-protected sink receives tainted, non-literal data that none of its protections cleaned.
   */
  addSink(concept: SinkConcept, node: SyntaxNode, taint: Taint | null, shape: ArgShape = "none", bound = false, own: GuardConcept[] = [], cwe?: string): void {
    const site: SinkSite = { concept, node, shape, bound, own, cwe };
    this.record(site, taint);
    if (taint?.params !== undefined) this.onParamSink?.(site, taint);
    if (taint?.sources.has("exception") && (concept === "html-output" || concept === "response")) this.addSink("exception-detail", node, null);
  }

  /** A sink in a helper of the file that a call passes untrusted data to (`taint`: its path runs through the call). */
  addCalled(site: SinkSite, taint: Taint): void {
    this.record(site, taint);
    if (taint.params !== undefined) this.onParamSink?.(site, taint);
  }

  private record(site: SinkSite, given: Taint | null): void {
    const { concept, node, shape, bound, own } = site;
    const operator = OPERATOR_SOURCES[concept];
    const taint = given && operator && [...given.sources].every((s) => operator.includes(s)) ? null : given;
    const lines = new Set<number>([node.line]);
    const where = this.locator?.locate(node) ?? { column: 1, endLine: node.line, endColumn: 1 };
    const sinkStep = this.step(node, "sink");
    if (taint) for (const l of taint.lines) lines.add(l);
    const protection = PROTECTIONS[concept];
    const onValue = [...(taint?.cleaned ?? []), ...own, ...(bound ? ["parameterised" as const] : [])];
    this.sinks.push({
      unguarded: protection?.on === "value" && !!taint && shape !== "literal" && !protection.guards.some((g) => onValue.includes(g)),
      guards: [...new Set([...this.scope, ...own])].sort(),
      concept,
      cwe: site.cwe ?? SINK_CWE[concept],
      ...where,
      path: taint?.path ? [...taint.path, sinkStep] : [sinkStep],
      inferred: [],
      line: node.line,
      lines: [...lines].sort((a, b) => a - b),
      tainted: !!taint,
      sources: taint ? [...taint.sources].sort() : [],
      kinds: taint ? [...taint.kinds].sort() : [],
      cleanedBy: taint ? [...taint.cleaned].sort() : [],
      shape,
      bound,
    });
  }

  /** A check before or after a sink in the same function guards it (`post = get(id)`, then `if post.owner …`). */
  closeScope(firstSink: number): void {
    for (const hit of this.sinks.slice(firstSink)) {
      hit.guards = [...new Set([...hit.guards, ...this.scope])].sort();
      const p = PROTECTIONS[hit.concept];
      if (p?.on === "scope") hit.unguarded = (hit.tainted || hit.concept === "state-change") && !p.guards.some((g) => hit.guards.includes(g) || hit.cleanedBy.includes(g));
    }
  }

  /** A fingerprint of what the view has found so far (sinks, sources, guards, rejecting checks). */
  effects(): string {
    return `${this.sinks.length}:${this.sources.size}:${this.guards.size}:${this.rejects}`;
  }

  view(hasError: boolean): UnitView {
    return {
      sources: [...this.sources].sort(),
      sinks: this.sinks,
      guards: [...this.guards].sort(),
      handler: this.handler,
      functions: this.functions,
      calls: this.calls,
      rejects: this.rejects,
      hasError,
    };
  }
}
