// Reads conditions: the guards they name, branches that reject, and the tainted values they leave checked.
import { CONDITION_GUARDS, EXIT_CALL, EXIT_STATEMENTS, FAIL_OPEN } from "../tables/conditions.js";
import type { Bindings } from "./Bindings.js";
import type { GuardConcept } from "./concepts.js";
import type { Findings } from "./Findings.js";
import { CONSTANTS } from "./nodeTypes.js";
import { field, namedChildren, type SyntaxNode } from "./SyntaxNode.js";
import { LITERAL, type Taint } from "./Taint.js";
import type { ValueReader } from "./ValueReader.js";

const FALSY = /^(False|false|None|null|undefined|0|0\.0)$/;

export class ConditionReader {
  constructor(
    private readonly values: ValueReader,
    private readonly bindings: Bindings,
    private readonly findings: Findings,
  ) {}

  /**
   * A condition reads as the guards its text names. When its branch rejects (raise/return/abort/throw), or it
   * is an assertion, the tainted variables it tests count as checked from then on. Otherwise returns them as
   * checked for its branch only (an `if` that names a check and is not negated), for the walk to apply there.
   */
  condition(statement: SyntaxNode, node: SyntaxNode | undefined): [string, Taint][] {
    if (!node) return [];
    const text = this.values.src(node);
    const valueText = this.values.valueText(node);
    const found: GuardConcept[] = [];
    for (const g of CONDITION_GUARDS) if (g.test.test(valueText)) found.push(g.concept);
    for (const g of found) this.findings.guard(g);
    const consequence = field(statement, "consequence") ?? field(statement, "body");
    const rejects = statement.type === "assert_statement" || (!!consequence && this.exits(consequence));
    const negated = /^\s*\(?\s*(not\b|!)/.test(text);
    if (!rejects) {
      // `if host in ALLOWED: fetch(host)`: inside the branch the tested values passed the check.
      return found.length && !negated && consequence && (statement.type === "if_statement" || statement.type === "elif_clause") ? this.checkedTaints(node, found) : [];
    }
    this.findings.rejects++;
    if (FAIL_OPEN.test(text)) this.findings.addSink("fail-open-check", node, LITERAL);
    const checks: GuardConcept[] = found.length ? found : ["validation"];
    // "reject unless it matches" is an allow-list; "reject if it matches" only a deny-list.
    if (negated) checks.push("allow-list");
    else if (found.includes("extension-check") || found.includes("pattern-check")) checks.push("deny-list");
    for (const [name, t] of this.checkedTaints(node, checks)) this.bindings.env.set(name, t);
    return [];
  }

  /** A branch whose condition is a falsy constant (`False`, `0`, `None`, `false`, `null`) never runs. */
  neverTaken(statement: SyntaxNode): boolean {
    let cond = field(statement, "condition") ?? namedChildren(statement)[0];
    while (cond && cond.type === "parenthesized_expression") cond = namedChildren(cond)[0];
    return !!cond && FALSY.test(this.values.src(cond)) && (CONSTANTS.has(cond.type) || cond.type === "false");
  }

  /** The tainted locals a condition tests (and those they were computed from), as cleaned by `checks`. */
  private checkedTaints(node: SyntaxNode, checks: GuardConcept[]): [string, Taint][] {
    const tested = this.identifiers(node);
    const out: [string, Taint][] = [];
    for (const name of new Set([...tested, ...tested.flatMap((n) => this.bindings.derived.get(n) ?? [])])) {
      const t = this.bindings.env.get(name);
      if (t) out.push([name, { ...t, cleaned: new Set([...t.cleaned, ...checks]) }]);
    }
    return out;
  }

  /** Does a branch leave early (or end the request with an error)? */
  private exits(block: SyntaxNode): boolean {
    const statements = block.type === "block" || block.type === "statement_block" ? namedChildren(block) : [block];
    for (const s of statements) {
      if (EXIT_STATEMENTS.has(s.type)) return true;
      if (s.type === "expression_statement") {
        const expr = namedChildren(s)[0];
        if (expr && (expr.type === "call" || expr.type === "call_expression")) {
          const callee = field(expr, "function");
          if (callee && EXIT_CALL.test(this.values.path(callee, false).slice(0, 2).join("."))) return true;
        }
      }
    }
    return false;
  }

  /** Names a condition reads, not the members or properties it reads on them. */
  private identifiers(node: SyntaxNode): string[] {
    if (node.type === "identifier") return [this.values.src(node)];
    const out: string[] = [];
    for (const c of node.children) if (c.named && c.field !== "attribute" && c.field !== "property") out.push(...this.identifiers(c));
    return out;
  }
}
