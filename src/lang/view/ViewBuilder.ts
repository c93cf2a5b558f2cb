// Builds the UnitView of one unit in a single walk: imports → aliases, assignments → taint, calls → sinks/guards.
import type { GuardRule } from "../tables/ApiTable.js";
import {
  looksLikeSecret, BOUND_KEYWORDS, CONDITION_GUARDS, CURRENT_USER, EXIT_CALL, EXIT_STATEMENTS, FAIL_OPEN, GUARD_LIST_KEY, HTML_TEXT, KEY_NAME,
  NOT_A_SECRET, OWNER_ARG, QUERY_CALL, SECRET_NAME, SECRET_TEXT, SENSITIVE_NAME, SQL_GRANT_PUBLIC, SQL_OWNER_SCOPE,
} from "../tables/conditions.js";
import { PROTECTIONS } from "../tables/protections.js";
import { SETTINGS } from "../tables/settings.js";
import { isFunctionNode } from "../unitNodes.js";
import { ARG_SHAPES, type ArgShape, type GuardConcept, type SinkConcept, type SourceConcept } from "./concepts.js";
import type { CompiledTable } from "./CompiledTable.js";
import type { RuleIndex } from "./RuleIndex.js";
import { LITERAL, merge, withKind, type Taint } from "./Taint.js";
import { bindModule, importAliases, stringValue } from "./importAliases.js";
import { field, namedChildren, type SyntaxNode } from "./SyntaxNode.js";
import type { SinkHit, UnitView } from "./UnitView.js";


const ASSIGN = new Set(["assignment", "augmented_assignment", "variable_declarator", "assignment_expression", "augmented_assignment_expression"]);
const CONDITIONAL = new Set(["if_statement", "while_statement", "elif_clause", "conditional_expression", "ternary_expression", "assert_statement"]);
const DERIVED_RESULT = new Set<SinkConcept>(["state-change", "log-output", "shell", "spawn", "file-write"]);
const SECRET_CONTEXT = new Set(["argument_list", "arguments", "tuple", "array", "list", "comparison_operator", "binary_expression", "expression_list", "pattern_list"]);
const STRINGS = new Set(["string", "template_string", "concatenated_string"]);
const SUBSTITUTION = new Set(["interpolation", "template_substitution"]);
const SEQUENCES = new Set(["list", "array", "tuple", "parenthesized_expression", "await", "await_expression", "expression_list", "list_splat", "spread_element"]);
const CONSTANTS = new Set(["integer", "float", "number", "true", "false", "none", "null", "undefined"]);
const SHOWN = new Set<SinkConcept>(["log-output", "response", "html-output", "exception-detail"]);
const FALSY = /^(False|false|None|null|undefined|0|0\.0)$/;
/** What a parameter holds when nothing says more, and a value bound by destructuring, a loop or `except … as`. */
const PARAM = "_p";
const OPAQUE = "_v";
/** Longest text kept for what a local holds (chains of assignments stay bounded). */
const MAX_VALUE_TEXT = 240;
const NO_TAINT = new Set(["comparison_operator", "not_operator", "lambda", "integer", "float", "true", "false", "none", "null", "undefined", "number", "comment"]);

export class ViewBuilder {
  private readonly env = new Map<string, Taint>();
  /** How each local variable's current value was built. */
  private readonly shapes = new Map<string, ArgShape>();
  /**
   * What each local name holds, as the text of the value it was bound to with locals replaced in turn
   * (`uid = current_user.id` → `current_user.id`; a parameter → its handler role, its default, or `_p`).
   * Checks read conditions and query arguments through it, so a local's name is never the evidence.
   */
  private readonly origins = new Map<string, string>();
  private readonly aliases: Map<string, string[]>;
  /** Names a function's parameters and locals shadowed, to put back when it ends: [name, alias, role-bound]. */
  private readonly shadowed: [string, string[] | undefined, boolean][] = [];
  /** Parameters read as a role (handler or callback): their names alone match no rule. */
  private readonly roleBound = new Set<string>();
  private readonly sources = new Set<SourceConcept>();
  private readonly guards = new Set<GuardConcept>();
  /**
   * Guards of the functions the walk is in: their decorators, middleware, checks and calls, not a sibling
   * function's. Each sink gets those of its enclosing functions, so a check in one handler does not count
   * for another.
   */
  private scope = new Set<GuardConcept>();
  /** Tainted locals a local was computed from by calls (`parts = urlsplit(url)`): checking it checks them. */
  private readonly derived = new Map<string, string[]>();
  private readonly sinks: SinkHit[] = [];
  private handler = false;
  private root: SyntaxNode | undefined;
  private mentioned: Set<string> | undefined;
  /** The function being read is itself a request handler (what it returns is the response). */
  private inHandler = false;
  private functions = 0;
  /** How many functions deep the walk is: a plain name assigned in a function is a local that can be renamed. */
  private depth = 0;
  private calls = 0;
  private rejects = 0;

  constructor(
    private readonly compiled: CompiledTable,
    private readonly text: string,
    private readonly base: number,
    /** Skip nested function nodes (the module unit: functions are units of their own). */
    private readonly skipFunctions: boolean,
    /** Import aliases of the file (a unit sees the imports at the top of its file). */
    fileAliases?: ReadonlyMap<string, string[]>,
  ) {
    this.aliases = new Map(fileAliases);
  }

  /** Just the import aliases of a file's top-level statements. */
  collectAliases(root: SyntaxNode): Map<string, string[]> {
    for (const c of root.children) {
      if (c.type === "import_statement" || c.type === "import_from_statement") importAliases(c, this.srcFn, this.aliases);
      else if (c.type === "lexical_declaration" || c.type === "variable_declaration") {
        for (const d of c.children) if (d.type === "variable_declarator") this.assignment(d);
      }
    }
    return this.aliases;
  }

  /** `root` may be a unit's span (a decorated def, or the route call a callback is passed to). */
  build(root: SyntaxNode, hasError: boolean): UnitView {
    this.root = root;
    if (isFunctionNode(root.type)) this.enterFunction(root);
    else this.visit(root);
    this.closeScope(0);
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

  private src(node: SyntaxNode): string {
    return this.text.slice(node.start - this.base, node.end - this.base);
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
    if (t === "import_statement" || t === "import_from_statement") return importAliases(node, this.srcFn, this.aliases);
    if (ASSIGN.has(t)) return this.assignment(node);
    if ((t === "if_statement" || t === "while_statement") && this.neverTaken(node)) {
      // `if False:` / `if (false) {…}`: only the else branch can run.
      for (const c of node.children) if (c.named && (c.field === "alternative" || c.type === "else_clause")) this.visit(c);
      return;
    }
    if (t === "call" || t === "call_expression" || t === "new_expression") this.call(node);
    else if (CONDITIONAL.has(t)) {
      const checked = this.condition(node, field(node, "condition") ?? namedChildren(node)[0]);
      if (checked.length) return this.visitChecked(node, checked);
    }
    else if (t === "return_statement") this.returned(node);
    else if (t === "except_clause" || t === "catch_clause") this.caught(node);
    else if (t === "for_statement" || t === "for_in_statement") this.forLoop(node);
    else if (t === "keyword_argument" || t === "pair") this.keyed(field(node, "name") ?? field(node, "key"), field(node, "value"));
    else if (t === "string" || t === "template_string") this.stringText(node);
    else if ((t === "list" || t === "array") && node.children.some((c) => c.type === "string" && /^["'`]--["'`]$/.test(this.src(c)))) this.guard("option-terminator");
    else if (t === "jsx_attribute") this.jsxAttribute(node);
    for (const c of node.children) if (c.named) this.visit(c);
  }

  /** A branch whose condition is a falsy constant (`False`, `0`, `None`, `false`, `null`) never runs. */
  private neverTaken(statement: SyntaxNode): boolean {
    let cond = field(statement, "condition") ?? namedChildren(statement)[0];
    while (cond && cond.type === "parenthesized_expression") cond = namedChildren(cond)[0];
    return !!cond && FALSY.test(this.src(cond)) && (CONSTANTS.has(cond.type) || cond.type === "false");
  }

  private enterFunction(node: SyntaxNode): void {
    const before = this.effects();
    const outerHandler = this.inHandler;
    const outerScope = this.scope;
    this.scope = new Set(outerScope);
    const firstSink = this.sinks.length;
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
      if (callee && this.match(this.compiled.handlers, callee).length) {
        this.handler = this.inHandler = true;
        roles = this.handlerRoles(callee, node, params);
        for (const arg of namedChildren(p)) if (arg !== node) this.middleware(arg);
      } else if (callee) roles = this.match(this.compiled.callbackParams, callee)[0]?.roles;
    } else if (p?.type === "export_statement" && p.children.some((c) => c.type === "default") && this.compiled.table.defaultExportHandler) {
      this.handler = this.inHandler = true;
      roles = this.compiled.table.defaultExportHandler;
    }
    const mark = this.shadowed.length;
    if (params) this.shadowed.push(...this.bindParams(params, roles));
    const body = field(node, "body");
    this.depth++;
    if (body) this.visit(body);
    this.depth--;
    this.unshadow(mark);
    // Functions that can run count: entry points and functions the unit refers to, not an unused helper.
    if (this.inHandler || this.effects() !== before || this.reachable(node)) this.functions++;
    this.inHandler = outerHandler;
    this.closeScope(firstSink);
    this.scope = outerScope;
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
    return this.mentioned.has(this.src(name));
  }

  /** Identifier texts of a tree, leaving out the names functions are defined under. */
  private namesUsed(root: SyntaxNode): Set<string> {
    const out = new Set<string>();
    const stack = [root];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === "identifier" && !(n.field === "name" && n.parent && isFunctionNode(n.parent.type))) out.add(this.src(n));
      for (const c of n.children) if (c.named) stack.push(c);
    }
    return out;
  }

  /** A fingerprint of what the view has found so far (sinks, sources, guards, rejecting checks). */
  private effects(): string {
    return `${this.sinks.length}:${this.sources.size}:${this.guards.size}:${this.rejects}`;
  }

  /** The roles of a registered handler's parameters, by position (`(a, b, next)` → req, res, next). */
  private handlerRoles(callee: SyntaxNode, fn: SyntaxNode, params: SyntaxNode | undefined): string[] | undefined {
    const entry = this.match(this.compiled.handlerParams, callee)[0];
    if (!entry || !params) return undefined;
    const names = params.type === "identifier" ? [params] : namedChildren(params);
    const ctx = this.compiled.table.contextHandler;
    const head = names[0] && paramName(names[0]);
    const first = head ? this.src(head) : "";
    if (ctx && first) {
      const body = field(fn, "body");
      const text = body ? this.src(body) : "";
      const uses = text.split(new RegExp(`(?<![\\w$.])${first.replace(/\$/g, "\\$")}(?![\\w$])`)).slice(1);
      if (uses.some((u) => ctx.firstParamUse.test(u))) return ctx.roles;
    }
    return entry.shapes.find((s) => s.length === names.length) ?? entry.shapes[0];
  }

  /**
   * Parameters: untrusted (`param`) unless a request object or never tainted. With `roles` (a registered
   * handler), a parameter is read as its role whatever its name: `a.query` is `req.query`. Returns the
   * aliases to put back when the function ends.
   */
  private bindParams(params: SyntaxNode, roles: string[] | undefined): [string, string[] | undefined, boolean][] {
    const restore: [string, string[] | undefined, boolean][] = [];
    const list = params.type === "identifier" ? [params] : namedChildren(params);
    list.forEach((param, i) => {
      const role = roles?.[i];
      const id = role ? paramName(param) : undefined;
      const value = field(param, "value") ?? (param.type === "assignment_pattern" || param.type === "object_assignment_pattern" ? field(param, "right") : undefined);
      const origin = role ?? (value ? this.valueText(value).slice(0, MAX_VALUE_TEXT) : PARAM);
      for (const name of this.patternNames(param)) if (role || !this.trustedByName(name)) this.origins.set(name, origin);
      if (role && id) {
        const name = this.src(id);
        restore.push([name, this.aliases.get(name), this.roleBound.has(name)]);
        if (name !== role) {
          this.aliases.set(name, [role]);
          this.roleBound.add(name);
        } else {
          this.aliases.delete(name);
          this.roleBound.delete(name);
        }
        if (this.isRequestOrUntainted(role)) return;
      } else if (!this.inHandler) {
        // A helper's parameter without a role matches no rule by its name (`res.send` in
        // `function render(res, html)` is the same call as `oscar.send` once renamed): it is a plain value.
        for (const name of this.patternNames(param)) {
          if (this.trustedByName(name)) continue;
          restore.push([name, this.aliases.get(name), this.roleBound.has(name)]);
          this.aliases.set(name, [PARAM]);
          this.roleBound.add(name);
        }
      }
      for (const name of this.patternNames(param)) this.bindParam(name);
      if (param.type !== "identifier") this.paramDefault(param);
    });
    return restore;
  }

  /** A check before or after a sink in the same function guards it (`post = get(id)`, then `if post.owner …`). */
  private closeScope(firstSink: number): void {
    for (const hit of this.sinks.slice(firstSink)) {
      hit.guards = [...new Set([...hit.guards, ...this.scope])].sort();
      const p = PROTECTIONS[hit.concept];
      if (p?.on === "scope") hit.unguarded = (hit.tainted || hit.concept === "state-change") && !p.guards.some((g) => hit.guards.includes(g) || hit.cleanedBy.includes(g));
    }
  }

  private guard(concept: GuardConcept): void {
    this.guards.add(concept);
    this.scope.add(concept);
  }

  private isRequestOrUntainted(name: string): boolean {
    const { requestParams, untaintedParams } = this.compiled.table;
    return requestParams.test(name) || untaintedParams.test(name);
  }

  /** A default value is read like code (`size: int = Query(1024, le=…)`); checks it declares clean the parameter. */
  private paramDefault(param: SyntaxNode): void {
    const value = field(param, "value") ?? (param.type === "assignment_pattern" || param.type === "object_assignment_pattern" ? field(param, "right") : undefined);
    if (!value) return;
    const before = new Set(this.guards);
    this.visit(value);
    const added = [...this.guards].filter((g) => !before.has(g));
    if (!added.length) return;
    for (const name of this.patternNames(param)) {
      const t = this.env.get(name);
      if (t) this.env.set(name, { ...t, cleaned: new Set([...t.cleaned, ...added]) });
    }
  }

  /** A parameter without a role read by its name (`self`, and in Python `request`): it keeps its name. */
  private trustedByName(name: string): boolean {
    const { requestParams, untaintedParams, trustedParamNames } = this.compiled.table;
    return trustedParamNames ? trustedParamNames.test(name) : requestParams.test(name) || untaintedParams.test(name);
  }

  private bindParam(name: string): void {
    if (this.trustedByName(name)) return;
    this.env.set(name, { sources: new Set(["param"]), kinds: new Set(["direct"]), cleaned: new Set(), lines: new Set() });
  }

  private decorator(node: SyntaxNode): void {
    const expr = namedChildren(node)[0];
    if (!expr) return;
    if (this.match(this.compiled.handlers, expr).length) this.handler = this.inHandler = true;
    this.middleware(expr);
  }

  /** Decorators and route middleware whose name says they authenticate, authorise, check CSRF or limit rate. */
  private middleware(node: SyntaxNode): void {
    const name = this.path(node).join(".");
    if (!name) return;
    const risk = this.compiled.table.riskDecorators.find((r) => r.name.test(name));
    if (risk) return this.addSink(risk.concept, node, null);
    for (const g of this.compiled.table.guardDecorators) if (g.name.test(name)) this.guard(g.concept);
    if (node.type === "call" || node.type === "call_expression") this.visit(node);
  }

  private stringValue(node: SyntaxNode): string {
    return stringValue(this.src(node));
  }

  private readonly srcFn = (node: SyntaxNode) => this.src(node);

  /** Rules matching the callee's resolved path (`sp.run` → `subprocess.run`), else its path as written. */
  private match<R>(index: RuleIndex<R>, node: SyntaxNode): R[] {
    const raw = this.path(node, false);
    const alias = raw.length ? this.aliases.get(raw[0]) : undefined;
    if (alias) {
      const resolved = index.match([...alias, ...raw.slice(1)]);
      // A parameter bound to a role is that role only: `.then((res) => res.json())` is no response.
      if (resolved.length || this.roleBound.has(raw[0])) return resolved;
    }
    return index.match(raw);
  }

  /** The dotted path of a callee or member expression, with import aliases resolved. */
  path(node: SyntaxNode, resolve = true): string[] {
    const out: string[] = [];
    let n: SyntaxNode | undefined = node;
    while (n) {
      const t: string = n.type;
      if (t === "identifier" || t === "property_identifier" || t === "this" || t === "self" || t === "type_identifier") {
        out.push(this.src(n));
        break;
      } else if (t === "attribute" || t === "member_expression") {
        const prop = field(n, "attribute") ?? field(n, "property");
        if (prop) out.push(this.src(prop));
        n = field(n, "object");
      } else if (t === "call" || t === "call_expression") {
        const fn = field(n, "function");
        if (fn && this.src(fn) === "require") {
          const arg = field(n, "arguments") && namedChildren(field(n, "arguments")!)[0];
          if (arg && arg.type === "string") out.push(this.stringValue(arg));
          return out.reverse();
        }
        n = fn;
      } else if (t === "new_expression") n = field(n, "constructor");
      else if (t === "subscript" || t === "subscript_expression") n = field(n, "value") ?? field(n, "object");
      else if (t === "await" || t === "await_expression" || t === "parenthesized_expression" || t === "non_null_expression") n = namedChildren(n)[0];
      else break;
    }
    out.reverse();
    const alias = resolve && out.length ? this.aliases.get(out[0]) : undefined;
    return alias ? [...alias, ...out.slice(1)] : out;
  }

  private assignment(node: SyntaxNode): void {
    const left = field(node, "left") ?? field(node, "name");
    const right = field(node, "right") ?? field(node, "value");
    if (right) this.visit(right);
    if (!left || !right) return;
    if (this.depth && left.type !== "member_expression" && left.type !== "attribute" && left.type !== "subscript" && left.type !== "subscript_expression") this.shadowLocals(left, right.type === "identifier" ? this.path(right) : [OPAQUE]);
    if (node.type === "variable_declarator" && (right.type === "call_expression" || right.type === "member_expression") && this.src(right).startsWith("require(")) {
      // A module bound in a function is that module only (`const log = require("./logging")` is no `log.info` rule).
      const p = this.path(right);
      if (p.length) bindModule(left.type === "identifier" ? { ...node, children: [left] } : left, p[0], this.srcFn, this.aliases);
    }
    if (left.type === "member_expression" || left.type === "attribute" || left.type === "subscript_expression" || left.type === "identifier") {
      for (const rule of this.match(this.compiled.properties, left)) this.addSink(rule.concept, node, this.taint(right));
    }
    // A function's local is named by its author, not by an API: its name is no setting (`limit = …`).
    if (!(this.depth && left.type === "identifier")) this.setting(left, right);
    else this.valueSetting(left, right, this.valueText(right));
    const taint = this.taint(right);
    const augmented = node.type.startsWith("augmented");
    const shape = augmented ? "concat" : this.shapeOf(right);
    const names = this.patternNames(left);
    // Module-level names are not locals: they keep their names (`ALLOWED_HOSTS`).
    const origin = !this.depth ? undefined : left.type === "identifier" ? this.valueText(right).slice(0, MAX_VALUE_TEXT) : OPAQUE;
    const roots = this.depth && left.type === "identifier" && !augmented ? this.rootsOf(right) : [];
    for (const name of names) {
      if (roots.length) this.derived.set(name, roots);
      else if (!augmented) this.derived.delete(name);
      if (origin !== undefined && !augmented) this.origins.set(name, origin);
      this.shapes.set(name, augmented && this.shapes.get(name) === "literal" && shape === "literal" ? "literal" : shape);
      if (taint) {
        const kinds = new Set(taint.kinds);
        kinds.add("assignment");
        if (augmented) kinds.add("concat");
        const lines = new Set(taint.lines);
        if (kinds.has("concat") || kinds.has("interpolation")) lines.add(node.line);
        this.env.set(name, { sources: taint.sources, kinds, cleaned: taint.cleaned, lines });
      } else if (!augmented) this.env.delete(name);
    }
  }

  /**
   * A function's local matches no rule by its name: `const res = await fetch(u)` … `res.json()` is no
   * response, as it is not once `res` is renamed. A local that copies a name reads as that name.
   */
  private shadowLocals(left: SyntaxNode, alias: string[]): void {
    for (const name of this.patternNames(left)) {
      if (this.trustedByName(name)) continue;
      this.shadowed.push([name, this.aliases.get(name), this.roleBound.has(name)]);
      this.aliases.set(name, alias);
      this.roleBound.add(name);
    }
  }

  /** Puts back the names that locals of a function shadowed. */
  private unshadow(mark: number): void {
    for (const [name, alias, bound] of this.shadowed.splice(mark).reverse()) {
      if (bound) this.roleBound.add(name);
      else this.roleBound.delete(name);
      if (alias) this.aliases.set(name, alias);
      else this.aliases.delete(name);
    }
  }

  /** `key = value`, `key=value`, `{ key: value }`: settings that weaken or guard, and credentials in literals. */
  private setting(key: SyntaxNode | undefined, value: SyntaxNode | undefined): void {
    if (!key || !value) return;
    const words = this.src(key).match(/[A-Za-z_$][\w$-]*/g);
    const name = words ? words[words.length - 1] : "";
    if (!name) return;
    const valueText = this.valueText(value);
    for (const rule of SETTINGS) {
      if (!rule.key.test(name) || !rule.value.test(valueText)) continue;
      if (rule.sink) this.addSink(rule.sink, value, LITERAL);
      if (rule.guard) this.guard(rule.guard);
    }
    if (GUARD_LIST_KEY.test(name)) {
      for (const g of this.compiled.table.guardDecorators) if (g.name.test(valueText)) this.guard(g.concept);
    }
    this.valueSetting(key, value, valueText);
  }

  /**
   * What a value says whatever it is assigned to: read from the environment, or a credential in a literal
   * assigned to a name that says so or that looks random (`password = "…"`).
   */
  private valueSetting(key: SyntaxNode, value: SyntaxNode, valueText: string): void {
    if (/^(os\.environ|os\.getenv|process\.env|env\(|config\(|getenv)/.test(valueText) || /(\.|^)(environ|getenv|env)\b/.test(valueText)) this.guard("secret-from-env");
    if (value.type !== "string") return;
    const words = this.src(key).match(/[A-Za-z_$][\w$-]*/g);
    const name = words ? words[words.length - 1] : "";
    if (value.children.some((c) => c.type === "interpolation" || c.type === "template_substitution")) return;
    const literal = this.stringValue(value).replace(/^[rbuf]+["']|["']$/gi, "");
    const keyLike = KEY_NAME.test(name) && looksLikeSecret(literal);
    if (!keyLike && (!SECRET_NAME.test(name) || NOT_A_SECRET.test(literal) || literal.length < 6 || /\s/.test(literal))) return;
    this.addSink("secret-literal", value, LITERAL);
  }

  /** `key=value` / `key: value`: a setting, or a sensitive record field handed out under a key. */
  private keyed(key: SyntaxNode | undefined, value: SyntaxNode | undefined): void {
    this.setting(key, value);
    if (!value || (value.type !== "attribute" && value.type !== "member_expression")) return;
    const last = this.path(value, false).pop() ?? "";
    if (SENSITIVE_NAME.test(last)) this.addSink("sensitive-data", value, null);
  }

  /** Strings: credentials in literals, SQL scoped to an owner, keys built from the signed-in user. */
  private stringText(node: SyntaxNode): void {
    const text = this.src(node);
    if (SQL_OWNER_SCOPE.test(text)) this.guard("ownership");
    if (SQL_GRANT_PUBLIC.test(text)) this.addSink("permissive-config", node, LITERAL);
    if (node.children.some((c) => SUBSTITUTION.has(c.type) && CURRENT_USER.test(this.valueText(c)))) this.guard("ownership");
    if (node.type === "string") this.secretText(node);
  }

  /** A literal that is a credential by its shape: passed to a call, compared, or put in a tuple/array. */
  private secretText(node: SyntaxNode): void {
    const text = this.src(node);
    if (SECRET_TEXT.test(text)) return this.addSink("secret-literal", node, LITERAL);
    const where = node.parent?.type ?? "";
    if (!SECRET_CONTEXT.has(where) || node.children.some((c) => c.type === "interpolation" || c.type === "template_substitution")) return;
    if (looksLikeSecret(text.replace(/^[rbuf]*["'`]+|["'`]+$/gi, ""))) this.addSink("secret-literal", node, LITERAL);
  }

  private patternNames(node: SyntaxNode): string[] {
    if (node.type === "identifier" || node.type === "shorthand_property_identifier_pattern") return [this.src(node)];
    if (node.type === "attribute" || node.type === "member_expression" || node.type === "subscript") return [];
    const out: string[] = [];
    for (const c of node.children) {
      if (!c.named) continue;
      if (c.field === "type" || c.field === "value" && node.type !== "pair_pattern" || c.field === "key" || c.type === "type_annotation" || c.field === "right" && node.type === "assignment_pattern") continue;
      out.push(...this.patternNames(c));
    }
    return out;
  }

  private call(node: SyntaxNode): void {
    this.calls++;
    const callee = field(node, "function") ?? field(node, "constructor");
    if (!callee) return;
    const args = field(node, "arguments");
    const argList = args ? namedChildren(args) : [];
    for (const g of this.guardRules(callee, argList)) this.guard(g.concept);
    for (const s of this.match(this.compiled.sources, callee)) this.sources.add(s.concept);
    this.permissiveMode(callee, argList);
    this.spreads(argList);
    const calleePath = this.path(callee, false);
    const sinkRules = this.match(this.compiled.sinks, callee);
    const queried = QUERY_CALL.test(calleePath[calleePath.length - 1] ?? "");
    const argText = args && (queried || sinkRules.length) ? this.valueText(args) : "";
    const owned = OWNER_ARG.test(argText) || CURRENT_USER.test(argText);
    if (queried && owned) this.guard("ownership");
    if (!sinkRules.length) return;
    const positional = argList.filter((a) => a.type !== "keyword_argument" && a.type !== "object");
    const options = new Map<string, SyntaxNode>();
    for (const a of argList) {
      if (a.type === "keyword_argument") {
        const n = field(a, "name"), v = field(a, "value");
        if (n && v) options.set(this.src(n), v);
      } else if (a.type === "object") {
        for (const p of a.children) {
          if (p.type !== "pair") continue;
          const k = field(p, "key"), v = field(p, "value");
          if (k && v) options.set(this.src(k).replace(/^["']|["']$/g, ""), v);
        }
      }
    }
    const own = this.optionGuards(options);
    if (owned) own.push("ownership");
    const seen = new Set<SinkConcept>();
    for (const rule of sinkRules) {
      if (seen.has(rule.concept)) continue;
      if (rule.when && !rule.when.value.test(options.has(rule.when.keyword) ? this.src(options.get(rule.when.keyword)!) : "")) continue;
      if (rule.unless && options.has(rule.unless.keyword) && rule.unless.value.test(this.src(options.get(rule.unless.keyword)!))) continue;
      const dangerous = rule.args ? rule.args.map((i) => positional[i]).filter((a): a is SyntaxNode => !!a) : argList;
      for (const k of rule.keywords ?? []) if (options.has(k)) dangerous.push(options.get(k)!);
      let taint: Taint | null = null;
      for (const a of dangerous) taint = merge(taint, this.taint(a));
      let shape: ArgShape = "none";
      for (const a of dangerous) shape = worse(shape, this.shapeOf(a));
      let bound = rule.parameterisedAfter !== undefined && positional.length > rule.parameterisedAfter;
      for (const k of options.keys()) if (BOUND_KEYWORDS.test(k)) bound = true;
      if (bound) this.guard("parameterised");
      seen.add(rule.concept);
      if (rule.concept === "dynamic-import" && !taint) continue;
      if ((rule.concept === "spawn" || rule.concept === "shell") && /["'`]--["'`]/.test(this.src(args ?? node))) this.guard("option-terminator");
      if (CURRENT_USER.test(argText)) this.guard("ownership");
      this.addSink(rule.concept, node, taint, shape, bound, own);
      if (SHOWN.has(rule.concept) && dangerous.some((a) => this.namesSensitive(a))) this.addSink("sensitive-data", node, null);
    }
  }

  /** Guards a call's own keyword arguments or options set (`allow_redirects=False`, `{ maxRedirects: 0 }`). */
  private optionGuards(options: Map<string, SyntaxNode>): GuardConcept[] {
    const out: GuardConcept[] = [];
    for (const [key, value] of options) {
      let text: string | undefined;
      for (const rule of SETTINGS) if (rule.guard && rule.key.test(key) && rule.value.test((text ??= this.valueText(value)))) out.push(rule.guard);
    }
    return out;
  }

  /** `f(**data)`, `f({ ...req.body })`: an untrusted mapping spread into a call sets whatever fields it names. */
  private spreads(argList: SyntaxNode[]): void {
    for (const a of argList) {
      const spread = a.type === "dictionary_splat" ? [a] : a.type === "object" ? a.children.filter((c) => c.type === "spread_element") : [];
      for (const s of spread) {
        const inner = namedChildren(s)[0];
        const taint = inner ? this.taint(inner) : null;
        if (taint) this.addSink("mass-assignment", s, taint, this.shapeOf(inner!), false);
      }
    }
  }

  /** Does an argument read a field named like a credential or personal datum (not a string literal)? */
  private namesSensitive(node: SyntaxNode): boolean {
    const t = node.type;
    if (t === "identifier" || t === "property_identifier") return SENSITIVE_NAME.test(this.src(node));
    if (STRINGS.has(t) || t === "keyword_argument" && field(node, "name") && this.src(field(node, "name")!) === "exc_info") return false;
    for (const c of node.children) if (c.named && c.field !== "object" && c.field !== "function" && this.namesSensitive(c)) return true;
    return false;
  }

  /**
   * An expression's text with each local name replaced by what it holds (`origins`): member, keyword and key
   * names stay, names never bound here (imports, globals, builtins) stay. Renaming a local leaves it unchanged.
   */
  private valueText(node: SyntaxNode): string {
    const text = this.src(node);
    if (!this.origins.size) return text;
    const names: SyntaxNode[] = [];
    const stack = [node];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === "identifier" || n.type === "shorthand_property_identifier") {
        if (this.origins.has(this.src(n))) names.push(n);
        continue;
      }
      if (isFunctionNode(n.type)) continue;
      for (const c of n.children) {
        if (!c.named || c.field === "attribute" || c.field === "property") continue;
        if ((n.type === "keyword_argument" && c.field === "name") || (n.type === "pair" && c.field === "key")) continue;
        stack.push(c);
      }
    }
    if (!names.length) return text;
    names.sort((a, b) => a.start - b.start);
    let out = "", at = node.start;
    for (const n of names) {
      const name = this.src(n);
      const origin = this.origins.get(name)!;
      out += this.text.slice(at - this.base, n.start - this.base) + (n.type === "shorthand_property_identifier" ? `${name}: ${origin}` : origin);
      at = n.end;
    }
    return out + this.text.slice(at - this.base, node.end - this.base);
  }


  /** How a value was built: constant, interpolated or concatenated text, an escaper's output, or another value. */
  private shapeOf(node: SyntaxNode): ArgShape {
    const t = node.type;
    if (t === "string" || t === "template_string") return node.children.some((c) => SUBSTITUTION.has(c.type)) ? "interpolated" : "literal";
    if (t === "concatenated_string") return namedChildren(node).reduce<ArgShape>((w, c) => worse(w, this.shapeOf(c)), "literal");
    if (CONSTANTS.has(t)) return "literal";
    if (t === "identifier") return this.shapes.get(this.src(node)) ?? "value";
    if (t === "keyword_argument" || t === "pair") {
      const v = field(node, "value");
      return v ? this.shapeOf(v) : "value";
    }
    if (SEQUENCES.has(t)) return namedChildren(node).reduce<ArgShape>((w, c) => worse(w, this.shapeOf(c)), "literal");
    if (t === "binary_operator" || t === "binary_expression") {
      const op = node.children.find((c) => !c.named)?.type ?? "";
      const parts = namedChildren(node).map((c) => this.shapeOf(c));
      if (parts.every((p) => p === "literal")) return "literal";
      if (op === "%") return parts[0] === "literal" ? "interpolated" : "value";
      if (op === "+") return parts.some((p) => p === "literal" || p === "interpolated" || p === "concat") ? "concat" : "value";
      return "value";
    }
    if (t === "call" || t === "call_expression") {
      const callee = field(node, "function");
      if (!callee) return "value";
      const argNodes = field(node, "arguments") ? namedChildren(field(node, "arguments")!) : [];
      if (this.guardRules(callee, argNodes).some((g) => g.cleans !== false)) return "escaped";
      const method = this.path(callee, false).pop() ?? "";
      const obj = field(callee, "object");
      if ((method === "format" || method === "format_map") && obj && STRINGS.has(obj.type)) return argNodes.length ? "interpolated" : "literal";
      if (method === "join" || method === "concat") return argNodes.reduce<ArgShape>((w, c) => worse(w, this.shapeOf(c) === "literal" ? "literal" : "concat"), "literal");
      return "value";
    }
    return "value";
  }

  private guardRules(callee: SyntaxNode, argList: SyntaxNode[]): GuardRule[] {
    return this.match(this.compiled.guards, callee).filter((g) => !g.firstArg || (argList[0] !== undefined && g.firstArg.test(this.src(argList[0]))));
  }

  private permissiveMode(callee: SyntaxNode, argList: SyntaxNode[]): void {
    const last = this.path(callee, false).pop() ?? "";
    if (!/chmod|mkdir|makedirs|umask|writefile|open/i.test(last)) return;
    for (const a of argList) {
      const v = a.type === "keyword_argument" ? field(a, "value") : a;
      if (v && /^0o?[0-7]*[2367]$|^0o?777$|^511$/.test(this.src(v))) this.addSink("permissive-config", a, LITERAL);
    }
  }

  private addSink(concept: SinkConcept, node: SyntaxNode, taint: Taint | null, shape: ArgShape = "none", bound = false, own: GuardConcept[] = []): void {
    const lines = new Set<number>([node.line]);
    if (taint) for (const l of taint.lines) lines.add(l);
    const protection = PROTECTIONS[concept];
    const onValue = [...(taint?.cleaned ?? []), ...own, ...(bound ? ["parameterised" as const] : [])];
    this.sinks.push({
      unguarded: protection?.on === "value" && !!taint && shape !== "literal" && !protection.guards.some((g) => onValue.includes(g)),
      guards: [...new Set([...this.scope, ...own])].sort(),
      concept,
      line: node.line,
      lines: [...lines].sort((a, b) => a - b),
      tainted: !!taint,
      sources: taint ? [...taint.sources].sort() : [],
      kinds: taint ? [...taint.kinds].sort() : [],
      cleanedBy: taint ? [...taint.cleaned].sort() : [],
      shape,
      bound,
    });
    if (taint?.sources.has("exception") && (concept === "html-output" || concept === "response")) this.addSink("exception-detail", node, null);
  }

  /**
   * A condition reads as the guards its text names. When its branch rejects (raise/return/abort/throw), or it
   * is an assertion, the tainted variables it tests count as checked from then on. Otherwise returns them as
   * checked for its branch only (an `if` that names a check and is not negated), for `visitChecked`.
   */
  private condition(statement: SyntaxNode, node: SyntaxNode | undefined): [string, Taint][] {
    if (!node) return [];
    const text = this.src(node);
    const valueText = this.valueText(node);
    const found: GuardConcept[] = [];
    for (const g of CONDITION_GUARDS) if (g.test.test(valueText)) found.push(g.concept);
    for (const g of found) this.guard(g);
    const consequence = field(statement, "consequence") ?? field(statement, "body");
    const rejects = statement.type === "assert_statement" || (!!consequence && this.exits(consequence));
    const negated = /^\s*\(?\s*(not\b|!)/.test(text);
    if (!rejects) {
      // `if host in ALLOWED: fetch(host)`: inside the branch the tested values passed the check.
      return found.length && !negated && consequence && (statement.type === "if_statement" || statement.type === "elif_clause") ? this.checkedTaints(node, found) : [];
    }
    this.rejects++;
    if (FAIL_OPEN.test(text)) this.addSink("fail-open-check", node, LITERAL);
    const checks: GuardConcept[] = found.length ? found : ["validation"];
    // "reject unless it matches" is an allow-list; "reject if it matches" only a deny-list.
    if (negated) checks.push("allow-list");
    else if (found.includes("extension-check") || found.includes("pattern-check")) checks.push("deny-list");
    for (const [name, t] of this.checkedTaints(node, checks)) this.env.set(name, t);
    return [];
  }

  /** The tainted locals a condition tests (and those they were computed from), as cleaned by `checks`. */
  private checkedTaints(node: SyntaxNode, checks: GuardConcept[]): [string, Taint][] {
    const tested = this.identifiers(node);
    const out: [string, Taint][] = [];
    for (const name of new Set([...tested, ...tested.flatMap((n) => this.derived.get(n) ?? [])])) {
      const t = this.env.get(name);
      if (t) out.push([name, { ...t, cleaned: new Set([...t.cleaned, ...checks]) }]);
    }
    return out;
  }

  /** Visits an `if` whose branch runs only for checked values: they are clean in that branch, as before after it. */
  private visitChecked(statement: SyntaxNode, checked: [string, Taint][]): void {
    const consequence = field(statement, "consequence") ?? field(statement, "body");
    for (const c of statement.children) {
      if (!c.named) continue;
      if (c !== consequence) {
        this.visit(c);
        continue;
      }
      const before = checked.map(([name]) => this.env.get(name));
      for (const [name, t] of checked) this.env.set(name, t);
      this.visit(c);
      checked.forEach(([name, t], i) => {
        // A value reassigned in the branch keeps its new taint.
        if (this.env.get(name) === t) this.env.set(name, before[i]!);
      });
    }
  }

  /**
   * The tainted locals a value is computed from by calls on them as arguments (`urlsplit(url)`,
   * `new URL(u)`, `realpath(join(base, name))`), with theirs in turn; a member or item of a local is a part
   * of it, not the whole, so `body.get("name")` derives nothing.
   */
  private rootsOf(node: SyntaxNode): string[] {
    const t = node.type;
    if (t === "identifier") {
      const name = this.src(node);
      return this.env.has(name) ? [name, ...(this.derived.get(name) ?? [])] : [];
    }
    if (t !== "call" && t !== "call_expression" && t !== "new_expression" && t !== "await" && t !== "await_expression") return [];
    if (t === "await" || t === "await_expression") return namedChildren(node).flatMap((c) => this.rootsOf(c));
    const args = field(node, "arguments");
    return args ? namedChildren(args).flatMap((a) => this.rootsOf(a)) : [];
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
          if (callee && EXIT_CALL.test(this.path(callee, false).slice(0, 2).join("."))) return true;
        }
      }
    }
    return false;
  }

  private identifiers(node: SyntaxNode): string[] {
    if (node.type === "identifier") return [this.src(node)];
    const out: string[] = [];
    for (const c of node.children) if (c.named && c.field !== "attribute" && c.field !== "property") out.push(...this.identifiers(c));
    return out;
  }

  /** What a request handler returns is its response. */
  private returned(node: SyntaxNode): void {
    const value = namedChildren(node)[0];
    if (!value || !this.inHandler) return;
    const taint = this.taint(value);
    if (!taint) return;
    const html = STRINGS.has(value.type) || value.type === "binary_operator" || value.type === "binary_expression" ? HTML_TEXT.test(this.src(value)) : false;
    this.addSink(html ? "html-output" : "response", node, taint);
  }

  private caught(node: SyntaxNode): void {
    let name: SyntaxNode | undefined = field(node, "parameter");
    if (!name) {
      const as = node.children.find((c) => c.type === "as_pattern");
      name = as && (field(as, "alias") ?? namedChildren(as)[1]);
      if (name && name.type === "as_pattern_target") name = namedChildren(name)[0];
    }
    if (name && this.depth) for (const n of this.patternNames(name)) this.origins.set(n, OPAQUE);
    if (name) for (const n of this.patternNames(name)) this.env.set(n, { sources: new Set(["exception"]), kinds: new Set(["direct"]), cleaned: new Set(), lines: new Set() });
  }

  private forLoop(node: SyntaxNode): void {
    const left = field(node, "left");
    const right = field(node, "right");
    const taint = right ? this.taint(right) : null;
    if (left && this.depth) {
      for (const n of this.patternNames(left)) this.origins.set(n, OPAQUE);
      this.shadowLocals(left, [OPAQUE]);
    }
    if (left && taint) for (const n of this.patternNames(left)) this.env.set(n, taint);
    if (right && taint && this.src(right).match(/^range\(/)) this.addSink("loop-bound", node, taint);
  }

  private jsxAttribute(node: SyntaxNode): void {
    const name = namedChildren(node)[0];
    if (name && this.src(name) === "dangerouslySetInnerHTML") this.addSink("html-output", node, this.taint(namedChildren(node)[1] ?? node));
  }

  /** Does untrusted data reach this expression, how, and through which escapers? */
  private taint(node: SyntaxNode): Taint | null {
    const t = node.type;
    if (NO_TAINT.has(t) || isFunctionNode(t)) return null;
    if (t === "identifier") {
      const bound = this.env.get(this.src(node));
      return bound ?? null;
    }
    if (t === "attribute" || t === "member_expression" || t === "subscript" || t === "subscript_expression") {
      const src = this.match(this.compiled.members, node)[0];
      if (src) return this.fromSource(src.concept);
      const obj = field(node, "object") ?? field(node, "value");
      const base = obj ? this.taint(obj) : null;
      const slice = t === "subscript" ? field(node, "subscript") : undefined;
      if (base && slice?.type === "slice" && /:\s*-?[\w.]+\s*$|^\s*-[\w.]+\s*:\s*$/.test(this.src(slice))) {
        this.guard("size-limit");
        return { ...base, cleaned: new Set([...base.cleaned, "size-limit"]) };
      }
      const index = t.startsWith("subscript") ? field(node, "subscript") ?? field(node, "index") : undefined;
      return merge(base, index && t === "subscript_expression" ? this.taint(index) : null);
    }
    if (t === "call" || t === "call_expression" || t === "new_expression") return this.callTaint(node);
    if (t === "conditional_expression" || t === "ternary_expression") return this.conditionalTaint(node);
    let out: Taint | null = null;
    for (const c of node.children) if (c.named && c.field !== "operator") out = merge(out, this.taint(c));
    if (!out) return null;
    if (t === "binary_operator" || t === "binary_expression") {
      // Operators are anonymous nodes whose type is their text.
      const opText = node.children.find((c) => !c.named)?.type ?? "";
      if (opText === "+") return withKind(out, "concat", node.line);
      if (opText === "%") return withKind(out, "interpolation", node.line);
      if (opText === "||" || opText === "&&" || opText === "??") return out;
      return opText === "*" ? out : null;
    }
    if (t === "boolean_operator") return out;
    if ((t === "string" && node.children.some((c) => c.type === "interpolation")) || t === "template_string") return withKind(out, "interpolation", node.line);
    return out;
  }

  /** `x if x in ALLOWED else "en"` / `ok(x) ? x : d`: a value chosen by a check is as clean as the check. */
  private conditionalTaint(node: SyntaxNode): Taint | null {
    const parts = namedChildren(node);
    const cond = field(node, "condition") ?? (node.type === "conditional_expression" ? parts[1] : undefined);
    let out: Taint | null = null;
    for (const p of parts) if (p !== cond) out = merge(out, this.taint(p));
    if (!out || !cond) return out;
    const text = this.valueText(cond);
    const checks = CONDITION_GUARDS.filter((g) => g.test.test(text)).map((g) => g.concept);
    return checks.length ? { ...out, cleaned: new Set([...out.cleaned, ...checks]) } : out;
  }

  private callTaint(node: SyntaxNode): Taint | null {
    const callee = field(node, "function") ?? field(node, "constructor");
    if (!callee) return null;
    const path = this.path(callee);
    // `request.get_json()`: a call on a member the table lists as input reads that input.
    const source = this.match(this.compiled.sources, callee)[0] ?? this.match(this.compiled.members, callee)[0];
    if (source) return this.fromSource(source.concept);
    // Rows read back are stored data (second-order flows); statuses and handles carry nothing.
    const sinkConcepts = this.match(this.compiled.sinks, callee).map((r) => r.concept);
    if (sinkConcepts.some((c) => c === "sql" || c === "object-lookup")) return this.fromSource("stored");
    if (sinkConcepts.some((c) => DERIVED_RESULT.has(c))) return null;
    const args = field(node, "arguments");
    let argTaint: Taint | null = null;
    if (args) for (const a of namedChildren(args)) argTaint = merge(argTaint, this.taint(a));
    const cleaner = this.guardRules(callee, args ? namedChildren(args) : []).find((g) => g.cleans !== false);
    if (cleaner) {
      if (!argTaint) return null;
      const cleaned = new Set(argTaint.cleaned);
      cleaned.add(cleaner.concept);
      return { ...argTaint, cleaned };
    }
    let receiver: Taint | null = null;
    if (callee.type === "attribute" || callee.type === "member_expression") {
      const obj = field(callee, "object");
      if (obj) {
        receiver = this.taint(obj);
        const method = path[path.length - 1];
        if ((method === "format" || method === "format_map") && STRINGS.has(obj.type) && argTaint) return withKind(argTaint, "interpolation", node.line);
        if ((method === "join" || method === "concat") && argTaint) return withKind(merge(receiver, argTaint)!, "concat", node.line);
      }
    }
    return merge(receiver, argTaint);
  }

  private fromSource(concept: SourceConcept): Taint {
    this.sources.add(concept);
    return { sources: new Set([concept]), kinds: new Set(["direct"]), cleaned: new Set(), lines: new Set() };
  }
}

/** The plain name a parameter binds (`req`, `req: Request`), or undefined for patterns and defaults. */
function paramName(param: SyntaxNode): SyntaxNode | undefined {
  if (param.type === "identifier") return param;
  if (param.type !== "required_parameter" && param.type !== "optional_parameter") return undefined;
  const parts = namedChildren(param);
  return parts.length && parts[0].type === "identifier" && parts.every((p, i) => i === 0 || p.type === "type_annotation") ? parts[0] : undefined;
}

function worse(a: ArgShape, b: ArgShape): ArgShape {
  if (a === "none") return b;
  if (b === "none") return a;
  return ARG_SHAPES.indexOf(a) <= ARG_SHAPES.indexOf(b) ? a : b;
}
