// Reads a call: the guards and sources it names, and the sinks it reaches with the taint, shape and options of
// their dangerous arguments.
import type { SinkRule } from "../tables/ApiTable.js";
import { BOUND_KEYWORDS, CURRENT_USER, OWNER_ARG, QUERY_CALL, SENSITIVE_NAME } from "../tables/conditions.js";
import { PRESENCE_SINKS } from "../tables/protections.js";
import { SETTINGS } from "../tables/settings.js";
import type { ArgShape, GuardConcept, SinkConcept } from "./concepts.js";
import type { CompiledTable } from "./CompiledTable.js";
import type { Bindings } from "./Bindings.js";
import type { Findings } from "./Findings.js";
import { argumentsOf, type FileSummaries } from "./FunctionSummaries.js";
import { FUNCTION_VALUES, STRINGS, SUBSTITUTION } from "./nodeTypes.js";
import { field, namedChildren, type SyntaxNode } from "./SyntaxNode.js";
import { LITERAL, merge, through, type Taint } from "./Taint.js";
import type { TaintReader } from "./TaintReader.js";
import type { PathStep } from "./UnitView.js";
import { worseShape, type ValueReader } from "./ValueReader.js";

/** Sinks that show what they receive: a credential or personal field passed to them is exposed. */
const SHOWN = new Set<SinkConcept>(["log-output", "response", "html-output", "exception-detail"]);

/** Where a row's context is read: the assignment, key, argument or statement a call is part of. */
const STATEMENT_LIKE = new Set(["assignment", "augmented_assignment", "variable_declarator", "assignment_expression", "pair", "keyword_argument", "return_statement", "expression_statement", "decorated_definition"]);

export class CallReader {
  constructor(
    private readonly compiled: CompiledTable,
    private readonly values: ValueReader,
    private readonly bindings: Bindings,
    private readonly taints: TaintReader,
    private readonly findings: Findings,
    private readonly summaries?: FileSummaries,
  ) {}

  call(node: SyntaxNode): void {
    this.findings.calls++;
    const callee = field(node, "function") ?? field(node, "constructor");
    if (!callee) return;
    const args = field(node, "arguments");
    const argList = args ? namedChildren(args) : [];
    // A pattern that can match part of the value is no pattern check by itself: the condition it stands in
    // says whether a match accepts the value (weakly) or rejects it (`if re.search(r"[^0-9]", s): raise`).
    const partial = this.values.partialMatch(callee, argList);
    for (const g of this.values.guardRules(callee, argList)) if (!(partial && g.concept === "pattern-check")) this.findings.guard(g.concept);
    for (const s of this.values.match(this.compiled.sources, callee)) this.findings.sources.add(s.concept);
    this.permissiveMode(callee, argList);
    this.spreads(argList);
    this.helperSinks(node, callee, argList);
    const calleePath = this.values.path(callee, false);
    const matched = this.values.match(this.compiled.sinks, callee);
    const queried = QUERY_CALL.test(calleePath[calleePath.length - 1] ?? "");
    const positional = argList.filter((a) => a.type !== "keyword_argument" && a.type !== "object");
    const values = argList.filter((a) => a.type !== "keyword_argument");
    const options = new Map<string, SyntaxNode>();
    if (matched.length) {
      for (const a of argList) {
        if (a.type === "keyword_argument") {
          const n = field(a, "name"), v = field(a, "value");
          if (n && v) options.set(this.values.src(n), v);
        } else if (a.type === "object") {
          for (const p of a.children) {
            if (p.type !== "pair") continue;
            const k = field(p, "key"), v = field(p, "value");
            if (k && v) options.set(this.values.src(k).replace(/^["']|["']$/g, ""), v);
          }
        }
      }
    }
    // Rows whose conditions hold (options, an argument's value, the statement around the call); checked before
    // the arguments' value text is built, which most calls to common names (`re.search`, `arr.find`) never need.
    const sinkRules = matched.filter((rule) => this.applies(rule, node, options, rule.objectArgs ? values : positional));
    const argText = args && (queried || sinkRules.length) ? this.values.valueText(args) : "";
    const owned = OWNER_ARG.test(argText) || CURRENT_USER.test(argText);
    if (queried && owned) this.findings.guard("ownership");
    if (!sinkRules.length) return;
    const own = this.optionGuards(options);
    if (owned) own.push("ownership");
    const seen = new Set<SinkConcept>();
    for (const rule of sinkRules) {
      if (seen.has(rule.concept)) continue;
      const ruleArgs = rule.objectArgs ? values : positional;
      const dangerous = rule.args ? rule.args.map((i) => ruleArgs[i]).filter((a): a is SyntaxNode => !!a) : argList;
      for (const k of rule.keywords ?? []) if (options.has(k)) dangerous.push(options.get(k)!);
      let taint: Taint | null = null;
      for (const a of dangerous) taint = merge(taint, this.taints.taint(a));
      // A weak algorithm or an insecure option is the weakness whatever data it is given.
      if (PRESENCE_SINKS.has(rule.concept)) taint = LITERAL;
      let shape: ArgShape = "none";
      for (const a of dangerous) shape = worseShape(shape, this.values.shapeOf(a));
      // Values passed apart from the text; a callback in that place (`db.query(sql, (err, rows) => …)`) binds nothing.
      let bound = rule.parameterisedAfter !== undefined && positional.slice(rule.parameterisedAfter).some((a) => !FUNCTION_VALUES.has(a.type));
      for (const k of options.keys()) if (BOUND_KEYWORDS.test(k)) bound = true;
      if (bound) this.findings.guard("parameterised");
      seen.add(rule.concept);
      if (rule.concept === "dynamic-import" && !taint) continue;
      if ((rule.concept === "spawn" || rule.concept === "shell") && /["'`]--["'`]/.test(this.values.src(args ?? node))) this.findings.guard("option-terminator");
      if (CURRENT_USER.test(argText)) this.findings.guard("ownership");
      // The CWE reads the statement as written: a hashed `password` is CWE-916 whatever the local holds.
      const cwe = rule.refine ? (rule.refine.find((r) => r.text.test(this.statementText(node)))?.cwe ?? rule.cwe) : rule.cwe;
      this.findings.addSink(rule.concept, node, taint, shape, bound, own, cwe);
      const assumed = this.values.assumedModule(this.compiled.sinks, callee);
      if (assumed) this.findings.sinks[this.findings.sinks.length - 1].inferred.push(`sink: ${assumed}`);
      if (!SHOWN.has(rule.concept)) continue;
      if (dangerous.some((a) => this.namesSensitive(a))) this.findings.addSink("sensitive-data", node, null, "none", false, [], rule.concept === "log-output" ? "CWE-532" : undefined);
      if (dangerous.some((a) => this.values.wholeRecord(a))) this.findings.addSink("record-exposure", node, null);
    }
  }

  /**
   * A call to a function of the file whose parameters reach a sink there: the sink is reached from here when
   * untrusted data is passed (a finding at the helper's sink, its path through this call). While a summary is
   * read, a parameter passed on counts too (the helper's helper).
   */
  private helperSinks(node: SyntaxNode, callee: SyntaxNode, argList: SyntaxNode[]): void {
    const helper = this.summaries?.callee(callee, this.bindings.aliases);
    if (!helper?.summary.sinks.length) return;
    const summarising = this.findings.onParamSink !== undefined;
    const args = argumentsOf(helper, argList, this.values.srcFn);
    let step: PathStep | undefined;
    for (const { site, taint: inner } of helper.summary.sinks) {
      let taint: Taint | null = null;
      for (const [i, arg] of args) if (inner.params! & (1 << i)) taint = merge(taint, this.taints.taint(arg));
      if (!taint || !(summarising ? taint.params : [...taint.sources].some((s) => s !== "param"))) continue;
      step ??= this.findings.step(node, "step", `through ${helper.name}`);
      this.findings.addCalled(site, through(taint, inner, step, true));
    }
  }

  /** Do a row's conditions hold for this call: its options (`shell=True`), an argument's value, the statement around it? */
  private applies(rule: SinkRule, node: SyntaxNode, options: Map<string, SyntaxNode>, args: SyntaxNode[]): boolean {
    if (rule.when && !rule.when.value.test(options.has(rule.when.keyword) ? this.values.src(options.get(rule.when.keyword)!) : "")) return false;
    if (rule.unless && options.has(rule.unless.keyword) && rule.unless.value.test(this.values.src(options.get(rule.unless.keyword)!))) return false;
    if (rule.whenArg && !rule.whenArg.value.test(args[rule.whenArg.index] ? this.values.valueText(args[rule.whenArg.index]) : "")) return false;
    return !rule.context || this.inContext(node, rule.context);
  }

  /** Does the statement holding a call match a row's context (`token = Math.random()`)? */
  private inContext(node: SyntaxNode, context: { near?: RegExp; notNear?: RegExp }): boolean {
    const text = this.statementText(node);
    return (!context.near || context.near.test(text)) && !context.notNear?.test(text);
  }

  /** The text of the assignment, key, argument or statement a call is part of (its first 400 characters). */
  private statementText(node: SyntaxNode): string {
    let n: SyntaxNode = node;
    while (n.parent && !STATEMENT_LIKE.has(n.type)) n = n.parent;
    return this.values.src(n).slice(0, 400);
  }

  /** Guards a call's own keyword arguments or options set (`allow_redirects=False`, `{ maxRedirects: 0 }`). */
  private optionGuards(options: Map<string, SyntaxNode>): GuardConcept[] {
    const out: GuardConcept[] = [];
    for (const [key, value] of options) {
      let text: string | undefined;
      for (const rule of SETTINGS) if (rule.guard && rule.key.test(key) && rule.value.test((text ??= this.values.valueText(value)))) out.push(rule.guard);
    }
    return out;
  }

  /** File modes that let anyone write (`chmod(p, 0o777)`, `mkdir(p, 0o666)`). */
  private permissiveMode(callee: SyntaxNode, argList: SyntaxNode[]): void {
    const last = this.values.path(callee, false).pop() ?? "";
    if (!/chmod|mkdir|makedirs|umask|writefile|open/i.test(last)) return;
    for (const a of argList) {
      const v = a.type === "keyword_argument" ? field(a, "value") : a;
      if (v && /^0o?[0-7]*[2367]$|^0o?777$|^511$/.test(this.values.src(v))) this.findings.addSink("permissive-config", a, LITERAL, "none", false, [], "CWE-732");
    }
  }

  /** `f(**data)`, `f({ ...req.body })`: an untrusted mapping spread into a call sets whatever fields it names. */
  private spreads(argList: SyntaxNode[]): void {
    for (const a of argList) {
      const spread = a.type === "dictionary_splat" ? [a] : a.type === "object" ? a.children.filter((c) => c.type === "spread_element") : [];
      for (const s of spread) {
        const inner = namedChildren(s)[0];
        const taint = inner ? this.taints.taint(inner) : null;
        if (taint) this.findings.addSink("mass-assignment", s, taint, this.values.shapeOf(inner!), false);
      }
    }
  }

  /** Does an argument read a field named like a credential or personal datum (not a string literal)? */
  private namesSensitive(node: SyntaxNode): boolean {
    const t = node.type;
    if (t === "identifier" || t === "property_identifier") return SENSITIVE_NAME.test(this.values.src(node));
    // Text reads a field only through what it interpolates (`f"… {password}"`, `` `… ${token}` ``).
    if (STRINGS.has(t)) return node.children.some((c) => (SUBSTITUTION.has(c.type) || STRINGS.has(c.type)) && this.namesSensitive(c));
    if (t === "keyword_argument" && field(node, "name") && this.values.src(field(node, "name")!) === "exc_info") return false;
    // What is shown is a value, not the key it is shown under (`jsonify(token=issue_token())` mints a token).
    for (const c of node.children) if (c.named && c.field !== "object" && c.field !== "function" && c.field !== "key" && !(c.field === "name" && t === "keyword_argument") && this.namesSensitive(c)) return true;
    return false;
  }
}
