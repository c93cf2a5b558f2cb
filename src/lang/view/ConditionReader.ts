// Reads conditions: the guards they name, branches that reject, and the tainted values they leave checked.
import { CONDITION_GUARDS, EXIT_CALL, EXIT_STATEMENTS, FAIL_OPEN, REFUSAL } from "../tables/conditions.js";
import type { Bindings } from "./Bindings.js";
import type { GuardConcept } from "./concepts.js";
import type { Findings } from "./Findings.js";
import { isFunctionNode } from "../unitNodes.js";
import { field, namedChildren, type SyntaxNode } from "./SyntaxNode.js";
import { cleanedBy, LITERAL, type Taint } from "./Taint.js";
import type { ValueReader } from "./ValueReader.js";

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
    let found: GuardConcept[] = [];
    for (const g of CONDITION_GUARDS) if (g.test.test(valueText)) found.push(g.concept);
    const consequence = field(statement, "consequence") ?? field(statement, "body");
    const rejects = statement.type === "assert_statement" || (!!consequence && this.exits(consequence));
    const negated = /^\s*\(?\s*(not\b|!)/.test(text);
    // A pattern that can match part of the value checks only that part where a match lets the value through
    // (`if not re.match(r"[a-z]+", s): raise`); where a match rejects it, it is the deny-list it always was.
    const partial = (negated || !rejects) && this.partialIn(node);
    if (partial) found = [...found.filter((g) => g !== "pattern-check"), "partial-pattern"];
    for (const g of found) this.findings.guard(g);
    if (statement.type !== "assert_statement") this.grantsOnSignIn(node, !!consequence && this.refuses(consequence));
    if (!rejects) {
      // `if host in ALLOWED: fetch(host)`: inside the branch the tested values passed the check.
      return found.length && !negated && consequence && (statement.type === "if_statement" || statement.type === "elif_clause") ? this.checkedTaints(node, found) : [];
    }
    this.findings.rejects++;
    if (FAIL_OPEN.test(text)) this.findings.addSink("fail-open-check", node, LITERAL);
    const checks: GuardConcept[] = found.length ? found : ["validation"];
    // "reject unless it matches" is an allow-list (unless part of the value may match); "reject if it matches"
    // only a deny-list.
    if (negated) {
      if (!partial) checks.push("allow-list");
    } else if (found.includes("extension-check") || found.includes("pattern-check")) checks.push("deny-list");
    for (const [name, t] of this.checkedTaints(node, checks)) this.bindings.env.set(name, t);
    return [];
  }

  /**
   * A check that lets through any signed-in user when it also asks for a permission or ownership:
   * `if authenticated or has_perm:` grants on either, and so does refusing only `if not authenticated and not
   * has_perm:` (`refusal`: the condition says when to refuse) or returning `authenticated or has_perm`.
   */
  grantsOnSignIn(node: SyntaxNode, refusal: boolean): void {
    const either = this.alternatives(node, refusal);
    if (!either) return;
    const concepts = either.map((n) => {
      const text = this.values.valueText(n);
      return new Set(CONDITION_GUARDS.filter((g) => g.test.test(text)).map((g) => g.concept));
    });
    const signInOnly = concepts.some((c) => c.has("authn") && !c.has("authz") && !c.has("ownership"));
    if (signInOnly && concepts.some((c) => c.has("authz") || c.has("ownership"))) this.findings.addSink("fail-open-check", node, LITERAL);
  }

  /**
   * The positive alternatives any one of which makes `node` (`negate`: its negation) true, when it is a
   * disjunction: `a or b`, `not (not a and not b)`. Undefined for anything else, and for mixed ones
   * (`a or not b`), which read as a refusal as well as a grant.
   */
  private alternatives(node: SyntaxNode, negate: boolean): SyntaxNode[] | undefined {
    const n = unwrap(node);
    const op = n.children.find((c) => !c.named)?.type;
    if (isNegation(n)) return namedChildren(n)[0] && this.alternatives(namedChildren(n)[0]!, !negate);
    if (n.type !== "boolean_operator" && n.type !== "binary_expression") return undefined;
    const joined = op === "or" || op === "||" ? "or" : op === "and" || op === "&&" ? "and" : undefined;
    if (!joined || (joined === "or") === negate) return undefined;
    const out: SyntaxNode[] = [];
    for (const c of namedChildren(n)) {
      const nested = this.alternatives(c, negate);
      const atom = nested ? undefined : positive(c, negate);
      if (!nested && !atom) return undefined;
      out.push(...(nested ?? [atom!]));
    }
    return out;
  }

  /** Does a condition test a value with a pattern that can match part of it? */
  private partialIn(node: SyntaxNode): boolean {
    if (node.type === "call" || node.type === "call_expression") {
      const callee = field(node, "function");
      const args = field(node, "arguments");
      if (callee && this.values.partialMatch(callee, args ? namedChildren(args) : [])) return true;
    }
    return node.children.some((c) => c.named && !isFunctionNode(c.type) && this.partialIn(c));
  }

  /** The tainted locals a condition tests (and those they were computed from), as cleaned by `checks`. */
  private checkedTaints(node: SyntaxNode, checks: GuardConcept[]): [string, Taint][] {
    const tested = this.identifiers(node);
    const out: [string, Taint][] = [];
    for (const name of new Set([...tested, ...tested.flatMap((n) => this.bindings.derived.get(n) ?? [])])) {
      const t = this.bindings.env.get(name);
      if (t) out.push([name, cleanedBy(t, checks)]);
    }
    return out;
  }

  /** Does a branch start by refusing: raising, ending the request with an error, returning an error or nothing? */
  private refuses(block: SyntaxNode): boolean {
    const first = block.type === "block" || block.type === "statement_block" ? namedChildren(block)[0] : block;
    if (!first) return false;
    if (first.type === "return_statement") return REFUSAL.test(namedChildren(first)[0] ? this.values.src(namedChildren(first)[0]!) : "");
    return first.type !== "continue_statement" && first.type !== "break_statement" && this.exits(first);
  }

  /** Does a branch leave early (or end the request with an error)? */
  exits(block: SyntaxNode): boolean {
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

function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.type === "parenthesized_expression" && namedChildren(n).length === 1) n = namedChildren(n)[0]!;
  return n;
}

/** `not x`, `!x`. */
function isNegation(node: SyntaxNode): boolean {
  return node.type === "not_operator" || (node.type === "unary_expression" && node.children.find((c) => !c.named)?.type === "!");
}

/** An operand as a positive test (`not not x` is `x`), or undefined when it is negated (under `negate`). */
function positive(node: SyntaxNode, negate: boolean): SyntaxNode | undefined {
  let n = unwrap(node);
  while (isNegation(n) && namedChildren(n)[0]) {
    n = unwrap(namedChildren(n)[0]!);
    negate = !negate;
  }
  return negate ? undefined : n;
}
