// Reads what an assignment does to the values in scope: names (plain, destructured, pairwise), fields of an
// object (`self.q = …`, `opts.cmd = …`), elements of a container (`d["k"] = …`) and calls that add to one.
import { MAX_VALUE_TEXT, OPAQUE, PARAM, type Bindings } from "./Bindings.js";
import type { CompiledTable } from "./CompiledTable.js";
import type { Findings } from "./Findings.js";
import { bindModule } from "./importAliases.js";
import type { SettingReader } from "./SettingReader.js";
import { field, namedChildren, type SyntaxNode } from "./SyntaxNode.js";
import { merge, withStep, type Taint } from "./Taint.js";
import type { TaintReader } from "./TaintReader.js";
import type { ValueReader } from "./ValueReader.js";

const MEMBER = new Set(["member_expression", "attribute", "subscript", "subscript_expression"]);
/** Targets and values that hold several names or values side by side. */
const PATTERNS = new Set(["pattern_list", "tuple_pattern", "list_pattern", "array_pattern"]);
const SEQUENCES = new Set(["expression_list", "tuple", "list", "array"]);
/** Methods that put a value into their receiver (`items.append(q)`, `parts.push(q)`, `d.update(form)`). */
const ADDERS = new Set(["append", "appendleft", "extend", "add", "insert", "update", "push", "unshift", "setdefault", "set", "write"]);
/** Functions whose promised form takes other arguments (Node's `util.promisify.custom`): no wrapper reads as them. */
const CUSTOM_PROMISIFIED = new Set(["setTimeout", "setImmediate", "setInterval", "timers.setTimeout", "timers.setImmediate"]);
/** Container literals read element by element. */
const CONTAINERS = new Set(["dictionary", "object", "list", "array", "tuple"]);

export class Assignments {
  constructor(
    private readonly compiled: CompiledTable,
    private readonly values: ValueReader,
    private readonly bindings: Bindings,
    private readonly taints: TaintReader,
    private readonly findings: Findings,
    private readonly settings: SettingReader,
    /** How many functions deep the walk is: a plain name assigned in a function is a local. */
    private readonly depth: () => number,
  ) {}

  /**
   * `obj[a][b] = v` with `a` from input: `a = "__proto__"` (or `constructor` then `prototype`) writes into the
   * prototype every object shares (CWE-1321). JavaScript's computed members only; a checked key is cleaned.
   */
  private pollutingAssignment(node: SyntaxNode, left: SyntaxNode): void {
    const inner = field(left, "object");
    const key = inner?.type === "subscript_expression" ? field(inner, "index") : undefined;
    const taint = key && key.type !== "string" && key.type !== "number" ? this.taints.taint(key) : null;
    if (taint) this.findings.addSink("prototype-pollution", node, taint, this.values.shapeOf(key!));
  }

  /** `left = right` (or `+=`, or a declarator); `right` has been visited. */
  assign(node: SyntaxNode, left: SyntaxNode, right: SyntaxNode): void {
    const { values, bindings } = this;
    const depth = this.depth();
    const member = MEMBER.has(left.type);
    // A function's local matches no rule by its name: `const res = await fetch(u)` … `res.json()` is no
    // response, as it is not once `res` is renamed. A local that copies a name reads as that name.
    if (depth && !member) bindings.shadow(values.patternNames(left), right.type === "identifier" ? values.path(right) : [OPAQUE]);
    const factory = left.type === "identifier" && (right.type === "call" || right.type === "call_expression") ? field(right, "function") : undefined;
    const made = factory && values.match(this.compiled.moduleFactories, factory)[0];
    if (made) {
      // `audit = logging.getLogger("audit")`: the name is that module, in its function or its file.
      // The factory says what the name holds, whatever it is called: `session = requests.Session()` is a
      // requests session even though a parameter named `session` is trusted by its name.
      if (depth) bindings.shadow([values.src(left)], [made.module], undefined, true);
      else bindings.aliases.set(values.src(left), [made.module]);
    }
    if (!made && left.type === "identifier" && right.type === "attribute") this.memberAlias(left, right, depth);
    const wrapped = factory && !made ? this.wrappedPath(factory, right) : undefined;
    if (wrapped) {
      // `const run = util.promisify(cp.exec)`: the name is what was wrapped.
      if (depth) bindings.shadow([values.src(left)], wrapped);
      else bindings.aliases.set(values.src(left), wrapped);
    }
    if (!wrapped && node.type === "variable_declarator" && (right.type === "call_expression" || right.type === "member_expression") && values.src(right).startsWith("require(")) {
      // A module bound in a function is that module only (`const log = require("./logging")` is no `log.info` rule).
      const p = values.path(right);
      // `var exec = require("child_process").exec` names the member, not the module.
      if (p.length > 1 && left.type === "identifier") bindings.aliases.set(values.src(left), p);
      else if (p.length) bindModule(left.type === "identifier" ? { ...node, children: [left] } : left, p[0], values.srcFn, bindings.aliases);
    }
    const taint = this.taints.taint(right);
    if (member || left.type === "identifier") {
      for (const rule of values.match(this.compiled.properties, left)) this.findings.addSink(rule.concept, node, taint, "none", false, [], rule.cwe);
    }
    if (left.type === "subscript_expression") this.pollutingAssignment(node, left);
    // A function's local is named by its author, not by an API: its name is no setting (`limit = …`).
    if (!(depth && left.type === "identifier")) this.settings.setting(left, right);
    else this.settings.valueSetting(left, right, values.valueText(right));
    if (member) return this.store(node, left, taint);
    const augmented = node.type.startsWith("augmented");
    const parts = !augmented && PATTERNS.has(left.type) && SEQUENCES.has(right.type) ? pairs(namedChildren(left), namedChildren(right)) : undefined;
    if (parts) for (const [l, r] of parts) this.bind(node, l, r, this.taints.taint(r), false);
    else this.bind(node, left, right, taint, augmented);
  }

  /**
   * `gen = rsa.generate_private_key`, `run = subprocess.run`: a name bound to a member of an imported module
   * reads as that member when it is called: a member of an imported name, or a sink's own path (`import
   * subprocess` binds no alias). `f = self.handler` or a local's member is no alias.
   */
  private memberAlias(left: SyntaxNode, right: SyntaxNode, depth: number): void {
    const raw = this.values.path(right, false);
    if (raw.length < 2) return;
    const module = this.bindings.aliases.get(raw[0]);
    const local = this.bindings.env.has(raw[0]) || this.bindings.assigned.has(raw[0]);
    const member = module ? [...module, ...raw.slice(1)] : !local && this.compiled.sinks.match(raw).length ? raw : undefined;
    if (!member || member[0] === OPAQUE || member[0] === PARAM) return;
    if (depth) this.bindings.shadow([this.values.src(left)], member);
    else this.bindings.aliases.set(this.values.src(left), member);
  }

  /** `items.append(q)`, `parts.push(q)`, `Object.assign(target, q)`: the receiver now holds what was added. */
  added(call: SyntaxNode): void {
    const callee = field(call, "function");
    if (!callee || (callee.type !== "attribute" && callee.type !== "member_expression")) return;
    const method = field(callee, "attribute") ?? field(callee, "property");
    const args = field(call, "arguments");
    if (!method || !args) return;
    const name = this.values.src(method);
    const argList = namedChildren(args);
    let receiver = field(callee, "object");
    let parts = argList;
    if (name === "assign" && receiver && this.values.src(receiver) === "Object") [receiver, ...parts] = argList;
    else if (!ADDERS.has(name)) return;
    if (!receiver || !parts.length) return;
    const key = this.values.fieldKey(receiver);
    // A module or a handler's role (`logging`, `res`) is no container; a local or a plain parameter may be.
    const alias = key && this.bindings.aliases.get(key)?.[0];
    if (!key || (alias !== undefined && alias !== OPAQUE && alias !== PARAM)) return;
    let taint: Taint | null = null;
    for (const p of parts) taint = merge(taint, this.taints.taint(p));
    if (!taint) return;
    const stepped = withStep(taint, this.findings.step(call, "step", `added to ${key}`));
    this.bindings.elements.delete(key);
    if (key.includes(".")) this.bindings.fields.set(key, merge(this.bindings.fields.get(key) ?? null, stepped));
    else {
      this.bindings.env.set(key, merge(this.bindings.env.get(key) ?? null, stepped)!);
      // `words = []` then `words.append(q)`: the list is no constant any more.
      if (this.bindings.shapes.get(key) === "literal") this.bindings.shapes.set(key, "value");
    }
  }

  /** The resolved path of what a wrapper call wraps (`util.promisify(cp.exec.bind(cp))` → child_process.exec). */
  private wrappedPath(factory: SyntaxNode, call: SyntaxNode): string[] | undefined {
    if (!this.values.match(this.compiled.wrappers, factory).length) return undefined;
    const args = field(call, "arguments");
    let first = args ? namedChildren(args)[0] : undefined;
    // `f.bind(receiver)` is `f`.
    const bound = first?.type === "call_expression" ? field(first, "function") : undefined;
    if (bound?.type === "member_expression" && this.values.src(field(bound, "property") ?? bound) === "bind") first = field(bound, "object");
    if (!first || (first.type !== "identifier" && first.type !== "member_expression" && !this.values.src(first).startsWith("require("))) return undefined;
    const path = this.values.path(first);
    // Node's timers define their own promised form (util.promisify.custom): `(delay, value)`, not the callback API.
    return path.length && !CUSTOM_PROMISIFIED.has(path.join(".")) ? path : undefined;
  }

  /** `obj.f = v`, `self.q = v`, `d["k"] = v`: the field or element holds `v`; a container holds what it holds. */
  private store(node: SyntaxNode, left: SyntaxNode, taint: Taint | null): void {
    const { values, bindings } = this;
    const object = field(left, "object") ?? field(left, "value");
    const owner = object && values.fieldKey(object);
    if (!object || !owner) return;
    const prop = field(left, "attribute") ?? field(left, "property");
    const index = prop ? undefined : field(left, "subscript") ?? field(left, "index");
    const key = prop ? values.src(prop) : index && values.literalKey(index);
    const stepped = taint && withStep(taint, this.findings.step(node, "step", `stored in ${owner}`));
    if (prop) bindings.fields.set(`${owner}.${key}`, stepped);
    // `self`/`this` are read field by field; another object is also read whole (`run(opts)`).
    if (owner.includes(".") || bindings.trustedByName(owner) || object.type === "this") return;
    const known = bindings.elements.get(owner);
    if (known && key !== undefined) {
      const next = new Map(known).set(key, stepped);
      bindings.elements.set(owner, next);
      let whole: Taint | null = null;
      for (const t of next.values()) whole = merge(whole, t);
      if (whole) bindings.env.set(owner, whole);
      else bindings.env.delete(owner);
      if (whole && bindings.shapes.get(owner) === "literal") bindings.shapes.set(owner, "value");
      return;
    }
    if (key === undefined) bindings.elements.delete(owner);
    if (!stepped) return;
    bindings.env.set(owner, merge(bindings.env.get(owner) ?? null, stepped)!);
    if (bindings.shapes.get(owner) === "literal") bindings.shapes.set(owner, "value");
  }

  /** Binds the names of `left` to the value `right` (whose taint is `taint`). */
  private bind(node: SyntaxNode, left: SyntaxNode, right: SyntaxNode, taint: Taint | null, augmented: boolean): void {
    const { values, bindings } = this;
    const depth = this.depth();
    const shape = augmented ? "concat" : values.shapeOf(right);
    const names = values.patternNames(left);
    const plain = left.type === "identifier";
    // Module-level names are not locals: they keep their names (`ALLOWED_HOSTS`).
    const origin = !depth ? undefined : plain ? values.valueText(right).slice(0, MAX_VALUE_TEXT) : OPAQUE;
    const roots = depth && plain && !augmented ? this.taints.rootsOf(right) : [];
    const elements = plain && !augmented && CONTAINERS.has(right.type) ? this.elementsOf(right) : undefined;
    let stepped: Taint | null = null;
    if (taint) {
      const kinds = new Set(taint.kinds);
      kinds.add("assignment");
      if (augmented) kinds.add("concat");
      const lines = new Set(taint.lines);
      if (kinds.has("concat") || kinds.has("interpolation")) lines.add(node.line);
      const note = shape === "concat" ? "concatenated" : shape === "interpolated" ? "interpolated" : "assigned";
      stepped = withStep({ ...taint, kinds, lines }, this.findings.step(node, "step", note));
    }
    for (const name of names) {
      if (plain && !augmented) bindings.assigned.set(name, right);
      else bindings.assigned.delete(name);
      if (roots.length) bindings.derived.set(name, roots);
      else if (!augmented) bindings.derived.delete(name);
      if (origin !== undefined && !augmented) bindings.origins.set(name, origin);
      bindings.shapes.set(name, augmented && bindings.shapes.get(name) === "literal" && shape === "literal" ? "literal" : shape);
      if (!augmented) bindings.forget(name);
      if (elements) bindings.elements.set(name, elements);
      if (stepped) bindings.env.set(name, augmented ? merge(bindings.env.get(name) ?? null, stepped)! : stepped);
      else if (!augmented) bindings.env.delete(name);
    }
  }

  /** The taint of each element of a container literal by its key or index; undefined when a key is not literal. */
  private elementsOf(node: SyntaxNode): Map<string, Taint | null> | undefined {
    const out = new Map<string, Taint | null>();
    let i = 0;
    for (const c of namedChildren(node)) {
      if (c.type === "pair") {
        const k = field(c, "key"), v = field(c, "value");
        const key = k && (k.type === "property_identifier" ? this.values.src(k) : this.values.literalKey(k));
        if (key === undefined || !v) return undefined;
        out.set(key, this.taints.taint(v));
      } else if (c.type === "shorthand_property_identifier") {
        out.set(this.values.src(c), this.bindings.env.get(this.values.src(c)) ?? null);
      } else if (node.type === "dictionary" || node.type === "object") {
        return undefined;
      } else if (c.type === "list_splat" || c.type === "spread_element") {
        return undefined;
      } else out.set(String(i++), this.taints.taint(c));
    }
    return out;
  }
}

/** Targets paired with values position by position, when both list the same number with no rest or splat. */
function pairs(left: SyntaxNode[], right: SyntaxNode[]): [SyntaxNode, SyntaxNode][] | undefined {
  if (left.length !== right.length) return undefined;
  const out: [SyntaxNode, SyntaxNode][] = [];
  for (let i = 0; i < left.length; i++) {
    const l = left[i]!, r = right[i]!;
    if (/splat|rest|spread/.test(l.type) || /splat|spread/.test(r.type)) return undefined;
    out.push([l, r]);
  }
  return out;
}
