// Builds the UnitView of one unit in a single walk: imports → aliases, assignments → taint, calls → sinks/guards.
// The walk owns the order (functions, branches, scopes); the readers beside it interpret what it visits.
import { HTML_TEXT } from "../tables/conditions.js";
import { isFunctionNode } from "../unitNodes.js";
import { Assignments } from "./Assignments.js";
import { Bindings, OPAQUE } from "./Bindings.js";
import { Branches } from "./Branches.js";
import { CallReader } from "./CallReader.js";
import type { CompiledTable } from "./CompiledTable.js";
import { ConditionReader } from "./ConditionReader.js";
import { Findings } from "./Findings.js";
import type { FileSummaries, FunctionSummary, SummarySink } from "./FunctionSummaries.js";
import { importAliases } from "./importAliases.js";
import { STRINGS } from "./nodeTypes.js";
import { ParamBinder } from "./ParamBinder.js";
import { SettingReader } from "./SettingReader.js";
import { field, namedChildren, type SyntaxNode } from "./SyntaxNode.js";
import { LITERAL, merge, sourceTaint, type Taint } from "./Taint.js";
import { TaintReader } from "./TaintReader.js";
import type { UnitView } from "./UnitView.js";
import { ValueReader } from "./ValueReader.js";

const ASSIGN = new Set(["assignment", "augmented_assignment", "variable_declarator", "assignment_expression", "augmented_assignment_expression"]);
const CONDITIONAL = new Set(["while_statement", "elif_clause", "conditional_expression", "ternary_expression", "assert_statement"]);
const LOOPS = new Set(["for_statement", "for_in_statement", "while_statement", "do_statement"]);

/** What a function being summarised returns, and the sinks its parameters reach. */
interface SummaryState {
  returns: Taint | null;
  sinks: SummarySink[];
}

export class ViewBuilder {
  private readonly bindings: Bindings;
  private readonly findings: Findings;
  private readonly values: ValueReader;
  private readonly taints: TaintReader;
  private readonly conditions: ConditionReader;
  private readonly settings: SettingReader;
  private readonly calls: CallReader;
  private readonly params: ParamBinder;
  private readonly assignments: Assignments;
  private readonly branches: Branches;
  private root: SyntaxNode | undefined;
  /** Set while a function of the file is read for its summary (`summarise`). */
  private summary: SummaryState | undefined;
  private mentioned: Set<string> | undefined;
  /** The function being read is itself a request handler (what it returns is the response). */
  private inHandler = false;
  /** How many functions deep the walk is: a plain name assigned in a function is a local that can be renamed. */
  private depth = 0;
  /** The loop whose body is being walked inside its before/after merge (`Branches.loop`). */
  private loop: SyntaxNode | undefined;

  constructor(
    private readonly compiled: CompiledTable,
    text: string,
    base: number,
    /** Skip nested function nodes (the module unit: functions are units of their own). */
    private readonly skipFunctions: boolean,
    /** Import aliases of the file (a unit sees the imports at the top of its file). */
    fileAliases?: ReadonlyMap<string, string[]>,
    /** What the file's functions do with their parameters (calls to them are read through it). */
    summaries?: FileSummaries,
  ) {
    this.bindings = new Bindings(compiled.table, fileAliases);
    this.values = new ValueReader(compiled, text, base, this.bindings);
    this.findings = new Findings(this.values);
    this.taints = new TaintReader(compiled, this.values, this.bindings, this.findings, summaries);
    this.conditions = new ConditionReader(this.values, this.bindings, this.findings);
    this.settings = new SettingReader(compiled.table, this.values, this.findings);
    this.calls = new CallReader(compiled, this.values, this.bindings, this.taints, this.findings, summaries);
    this.params = new ParamBinder(compiled, this.values, this.bindings, this.findings, (node) => this.visit(node));
    this.assignments = new Assignments(compiled, this.values, this.bindings, this.taints, this.findings, this.settings, () => this.depth);
    this.branches = new Branches(this.values, this.bindings, this.conditions, (node) => this.visit(node));
  }

  /** Just the import aliases of a file's top-level statements. */
  collectAliases(root: SyntaxNode): Map<string, string[]> {
    for (const c of root.children) {
      if (c.type === "import_statement" || c.type === "import_from_statement") importAliases(c, this.values.srcFn, this.bindings.aliases);
      else if (c.type === "lexical_declaration" || c.type === "variable_declaration") {
        for (const d of c.children) if (d.type === "variable_declarator") this.assignment(d);
      } else if (c.type === "expression_statement" && c.children[0]?.type === "assignment") this.assignment(c.children[0]);
    }
    return this.bindings.aliases;
  }

  /** `root` may be a unit's span (a decorated def, or the route call a callback is passed to). */
  build(root: SyntaxNode, hasError: boolean): UnitView {
    this.root = root;
    if (isFunctionNode(root.type)) this.enterFunction(root);
    else this.visit(root);
    this.findings.closeScope(0);
    return this.findings.view(hasError);
  }

  /**
   * Reads one function of the file for what it does with its parameters: each parameter's value carries its
   * position, and what reaches its return value and its sinks is kept.
   */
  summarise(fn: SyntaxNode): FunctionSummary {
    const state: SummaryState = (this.summary = { returns: null, sinks: [] });
    this.findings.onParamSink = (site, taint) => state.sinks.push({ site, taint });
    this.root = fn;
    this.enterFunction(fn);
    const { returns } = state;
    const sources = returns ? [...returns.sources].filter((s) => s !== "param") : [];
    const fields = new Map<string, Taint>();
    for (const [key, t] of this.bindings.fields) {
      const name = /^(self|this)\.(.+)$/.exec(key)?.[2];
      // A field set from a parameter is as untrusted as the parameter, and read as such where it is set.
      if (name && t && [...t.sources].some((s) => s !== "param")) fields.set(name, t);
    }
    return {
      returns: returns?.params ? returns : null,
      source: sources.length ? { ...returns!, sources: new Set(sources), params: undefined } : null,
      sinks: state.sinks,
      fields,
    };
  }

  /** The dotted path of a callee or member expression, with import aliases resolved. */
  path(node: SyntaxNode, resolve = true): string[] {
    return this.values.path(node, resolve);
  }

  private visit(node: SyntaxNode): void {
    const t = node.type;
    if (isFunctionNode(t)) {
      if (!this.skipFunctions) this.enterFunction(node);
      return;
    }
    if (t === "decorated_definition" && this.skipFunctions) return;
    if (t === "decorated_definition") {
      // The function reads its own decorators (`enterFunction`), in its scope, not in the one around it.
      const def = node.children.find((c) => isFunctionNode(c.type));
      if (def) return this.visit(def);
    }
    if (t === "import_statement" || t === "import_from_statement") return importAliases(node, this.values.srcFn, this.bindings.aliases);
    if (ASSIGN.has(t)) return this.assignment(node);
    if (t === "if_statement") return this.branches.ifStatement(node);
    if (LOOPS.has(t) && node !== this.loop) {
      return this.branches.loop(node, () => {
        const outer = this.loop;
        this.loop = node;
        this.visit(node);
        this.loop = outer;
      });
    }
    if (t === "call" || t === "call_expression" || t === "new_expression") {
      this.calls.call(node);
      this.assignments.added(node);
    } else if (CONDITIONAL.has(t)) {
      const checked = this.conditions.condition(node, field(node, "condition") ?? namedChildren(node)[0]);
      if (checked.length) return this.visitChecked(node, checked);
    }
    else if (t === "return_statement") this.returned(node);
    else if (t === "except_clause" || t === "catch_clause") this.caught(node);
    else if (t === "for_statement" || t === "for_in_statement") this.forLoop(node);
    else if (t === "keyword_argument" || t === "pair") this.settings.keyed(field(node, "name") ?? field(node, "key"), field(node, "value"));
    else if (t === "string" || t === "template_string") this.settings.stringText(node);
    else if ((t === "list" || t === "array") && node.children.some((c) => c.type === "string" && /^["'`]--["'`]$/.test(this.values.src(c)))) this.findings.guard("option-terminator");
    else if (t === "jsx_attribute") this.jsxAttribute(node);
    for (const c of node.children) if (c.named) this.visit(c);
  }

  private enterFunction(node: SyntaxNode): void {
    const findings = this.findings;
    const before = findings.effects();
    const outerHandler = this.inHandler;
    const outerScope = findings.scope;
    findings.scope = new Set(outerScope);
    const firstSink = findings.sinks.length;
    this.inHandler = false;
    const params = field(node, "parameters") ?? field(node, "parameter");
    const p = node.parent;
    let roles: string[] | undefined;
    if (p?.type === "decorated_definition") {
      for (const d of p.children) if (d.type === "decorator") this.decorator(d);
    }
    if (p?.type === "arguments") {
      const call = p.parent;
      const callee = call && field(call, "function");
      if (callee && this.values.match(this.compiled.handlers, callee).length) {
        findings.handler = this.inHandler = true;
        roles = this.params.handlerRoles(callee, node, params);
        for (const arg of namedChildren(p)) if (arg !== node) this.middleware(arg);
      } else if (callee) roles = this.values.match(this.compiled.callbackParams, callee)[0]?.roles;
    } else if (p?.type === "export_statement" && p.children.some((c) => c.type === "default") && this.compiled.table.defaultExportHandler) {
      findings.handler = this.inHandler = true;
      roles = this.compiled.table.defaultExportHandler;
    }
    const named = roles ? undefined : this.namedHandler(node, params);
    if (named) {
      findings.handler = this.inHandler = true;
      roles = named.roles;
    }
    const mark = this.bindings.shadowed.length;
    if (params) this.bindings.shadowed.push(...this.params.bindParams(params, roles, this.inHandler, !!this.summary && this.depth === 0));
    const body = field(node, "body");
    this.depth++;
    if (body) this.visit(body);
    // `(s) => s.trim()`, `lambda s: s.strip()`: the body is what it returns.
    if (body && this.summary && this.depth === 1 && body.type !== "statement_block" && body.type !== "block") this.summary.returns = merge(this.summary.returns, this.taints.taint(body));
    this.depth--;
    this.bindings.unshadow(mark);
    // Functions that can run count: entry points and functions the unit refers to, not an unused helper.
    if (this.inHandler || findings.effects() !== before || this.reachable(node)) findings.functions++;
    this.inHandler = outerHandler;
    // A source read from the handler's signature was assumed, not seen: the hits it reaches say so.
    if (named) for (const hit of findings.sinks.slice(firstSink)) if (hit.tainted && hit.sources.length) hit.inferred.push(`source: ${named.note}`);
    findings.closeScope(firstSink);
    findings.scope = outerScope;
  }

  /** The table's `namedHandlers` entry for a function by its name or the target it is assigned or exported to. */
  private namedHandler(node: SyntaxNode, params: SyntaxNode | undefined): { roles: string[]; note: string } | undefined {
    const entries = this.compiled.table.namedHandlers;
    if (!entries?.length) return undefined;
    const p = node.parent;
    const target = field(node, "name") ?? (p?.type === "assignment_expression" ? field(p, "left") : p?.type === "variable_declarator" ? field(p, "name") : undefined);
    if (!target) return undefined;
    const name = this.values.src(target).replace(/\s+/g, "");
    const first = params && (params.type === "identifier" ? params : namedChildren(params)[0]);
    const firstName = first ? this.values.src(first).replace(/[:=?].*$/s, "").trim() : "";
    return entries.find((e) => e.name.test(name) && (!e.firstParam || e.firstParam.test(firstName)));
  }

  /**
   * Can the function run? Anonymous functions (passed somewhere), decorated ones, methods, exported ones,
   * the unit's own function, and named functions whose name the unit mentions outside their definition.
   */
  private reachable(fn: SyntaxNode): boolean {
    const name = field(fn, "name");
    if (!name || fn === this.root) return true;
    const p = fn.parent;
    if (p && (p.type === "decorated_definition" || p.type === "export_statement")) return true;
    if (fn.type === "method_definition" || (p?.type === "block" && p.parent?.type === "class_definition")) return true;
    this.mentioned ??= this.namesUsed(this.root!);
    return this.mentioned.has(this.values.src(name));
  }

  /** Identifier texts of a tree, leaving out the names functions are defined under. */
  private namesUsed(root: SyntaxNode): Set<string> {
    const out = new Set<string>();
    const stack = [root];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === "identifier" && !(n.field === "name" && n.parent && isFunctionNode(n.parent.type))) out.add(this.values.src(n));
      for (const c of n.children) if (c.named) stack.push(c);
    }
    return out;
  }

  private decorator(node: SyntaxNode): void {
    const expr = namedChildren(node)[0];
    if (!expr) return;
    if (this.values.match(this.compiled.handlers, expr).length) this.findings.handler = this.inHandler = true;
    this.middleware(expr);
  }

  /** Decorators and route middleware whose name says they authenticate, authorise, check CSRF or limit rate. */
  private middleware(node: SyntaxNode): void {
    const name = this.values.path(node).join(".");
    if (!name) return;
    const risk = this.compiled.table.riskDecorators.find((r) => r.name.test(name));
    if (risk) return this.findings.addSink(risk.concept, node, null);
    for (const g of this.compiled.table.guardDecorators) if (g.name.test(name)) this.findings.guard(g.concept);
    if (node.type === "call" || node.type === "call_expression") this.visit(node);
  }

  private assignment(node: SyntaxNode): void {
    const left = field(node, "left") ?? field(node, "name");
    const right = field(node, "right") ?? field(node, "value");
    if (right) this.visit(right);
    if (left && right) this.assignments.assign(node, left, right);
  }

  /** Visits an `if` whose branch runs only for checked values: they are clean in that branch, as before after it. */
  private visitChecked(statement: SyntaxNode, checked: [string, Taint][]): void {
    const env = this.bindings.env;
    const consequence = field(statement, "consequence") ?? field(statement, "body");
    for (const c of statement.children) {
      if (!c.named) continue;
      if (c !== consequence) {
        this.visit(c);
        continue;
      }
      const before = checked.map(([name]) => env.get(name));
      for (const [name, t] of checked) env.set(name, t);
      this.visit(c);
      checked.forEach(([name, t], i) => {
        // A value reassigned in the branch keeps its new taint.
        if (env.get(name) === t) env.set(name, before[i]!);
      });
    }
  }

  /** What a request handler returns is its response; a function may return a decision (`return a or b`). */
  private returned(node: SyntaxNode): void {
    const value = namedChildren(node)[0];
    if (value) this.conditions.grantsOnSignIn(value, false);
    if (value && this.summary && this.depth === 1) this.summary.returns = merge(this.summary.returns, this.taints.taint(value));
    if (!value || !this.inHandler) return;
    // A call is read as a call (`return jsonify(…)`); a literal returned whole is the response itself.
    if (value.type !== "call" && value.type !== "call_expression" && this.values.wholeRecord(value)) this.findings.addSink("record-exposure", node, null);
    const taint = this.taints.taint(value);
    if (!taint) return;
    const html = STRINGS.has(value.type) || value.type === "binary_operator" || value.type === "binary_expression" ? HTML_TEXT.test(this.values.src(value)) : false;
    this.findings.addSink(html ? "html-output" : "response", node, taint);
  }

  private caught(node: SyntaxNode): void {
    let name: SyntaxNode | undefined = field(node, "parameter");
    if (!name) {
      const as = node.children.find((c) => c.type === "as_pattern");
      name = as && (field(as, "alias") ?? namedChildren(as)[1]);
      if (name && name.type === "as_pattern_target") name = namedChildren(name)[0];
    }
    if (name && this.depth) for (const n of this.values.patternNames(name)) this.bindings.origins.set(n, OPAQUE);
    if (name) for (const n of this.values.patternNames(name)) this.bindings.env.set(n, sourceTaint("exception", this.findings.step(name, "source", "caught")));
    // A check that answers "yes" when it fails to decide lets everyone through on an error (fails open).
    const body = field(node, "body") ?? node.children.find((c) => c.type === "block");
    for (const s of body ? namedChildren(body) : []) {
      const value = s.type === "return_statement" ? namedChildren(s)[0] : undefined;
      if (value && /^(True|true)$/.test(this.values.src(value))) this.findings.addSink("fail-open-check", s, LITERAL);
    }
  }

  private forLoop(node: SyntaxNode): void {
    const left = field(node, "left");
    const right = field(node, "right");
    const taint = right ? this.taints.taint(right) : null;
    if (left && this.depth) {
      for (const n of this.values.patternNames(left)) this.bindings.origins.set(n, OPAQUE);
      this.bindings.shadow(this.values.patternNames(left), [OPAQUE]);
    }
    if (left && taint) for (const n of this.values.patternNames(left)) this.bindings.env.set(n, taint);
    if (right && taint && this.values.src(right).match(/^range\(/)) this.findings.addSink("loop-bound", node, taint);
  }

  private jsxAttribute(node: SyntaxNode): void {
    const name = namedChildren(node)[0];
    if (name && this.values.src(name) === "dangerouslySetInnerHTML") this.findings.addSink("html-output", node, this.taints.taint(namedChildren(node)[1] ?? node));
  }
}
