// Reads whether untrusted data reaches an expression, how it was built, and which escapers or checks it passed.
import { CONDITION_GUARDS } from "../tables/conditions.js";
import { isFunctionNode } from "../unitNodes.js";
import type { Bindings } from "./Bindings.js";
import type { SinkConcept, SourceConcept } from "./concepts.js";
import type { CompiledTable } from "./CompiledTable.js";
import type { Findings } from "./Findings.js";
import { STRINGS } from "./nodeTypes.js";
import { field, namedChildren, type SyntaxNode } from "./SyntaxNode.js";
import { argumentsOf, type Callee, type FileSummaries } from "./FunctionSummaries.js";
import { cleanedBy, merge, sourceTaint, through, withKind, withStep, type Taint } from "./Taint.js";
import type { ValueReader } from "./ValueReader.js";

const DERIVED_RESULT = new Set<SinkConcept>(["state-change", "log-output", "shell", "spawn", "file-write"]);
const NO_TAINT = new Set(["comparison_operator", "not_operator", "lambda", "integer", "float", "true", "false", "none", "null", "undefined", "number", "comment"]);

export class TaintReader {
  constructor(
    private readonly compiled: CompiledTable,
    private readonly values: ValueReader,
    private readonly bindings: Bindings,
    /** Sources read and slices that bound a size are found while reading. */
    private readonly findings: Findings,
    /** What the file's functions do with their parameters, read at calls to them. */
    private readonly summaries?: FileSummaries,
  ) {}

  /** Does untrusted data reach this expression, how, and through which escapers? */
  taint(node: SyntaxNode): Taint | null {
    const t = node.type;
    if (NO_TAINT.has(t) || isFunctionNode(t)) return null;
    if (t === "identifier") {
      const bound = this.bindings.env.get(this.values.src(node));
      return bound ?? null;
    }
    if (t === "attribute" || t === "member_expression" || t === "subscript" || t === "subscript_expression") {
      const src = this.values.match(this.compiled.members, node)[0];
      if (src) return this.fromSource(src.concept, node);
      const obj = field(node, "object") ?? field(node, "value");
      const key = t === "attribute" || t === "member_expression" ? field(node, "attribute") ?? field(node, "property") : field(node, "subscript") ?? field(node, "index");
      const known = obj && key ? this.known(node, obj, key, t === "attribute" || t === "member_expression") : undefined;
      if (known !== undefined) return known;
      const base = obj ? this.taint(obj) : null;
      const slice = t === "subscript" ? field(node, "subscript") : undefined;
      if (base && slice?.type === "slice" && /:\s*-?[\w.]+\s*$|^\s*-[\w.]+\s*:\s*$/.test(this.values.src(slice))) {
        this.findings.guard("size-limit");
        return cleanedBy(base, ["size-limit"]);
      }
      const index = t.startsWith("subscript") ? field(node, "subscript") ?? field(node, "index") : undefined;
      return merge(this.widened(base, obj!, node), index && t === "subscript_expression" ? this.taint(index) : null);
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

  /**
   * The tainted locals a value is computed from by calls on them as arguments (`urlsplit(url)`,
   * `new URL(u)`, `realpath(join(base, name))`), with theirs in turn; a member or item of a local is a part
   * of it, not the whole, so `body.get("name")` derives nothing.
   */
  rootsOf(node: SyntaxNode): string[] {
    const t = node.type;
    if (t === "identifier") {
      const name = this.values.src(node);
      return this.bindings.env.has(name) ? [name, ...(this.bindings.derived.get(name) ?? [])] : [];
    }
    if (t !== "call" && t !== "call_expression" && t !== "new_expression" && t !== "await" && t !== "await_expression") return [];
    if (t === "await" || t === "await_expression") return namedChildren(node).flatMap((c) => this.rootsOf(c));
    const args = field(node, "arguments");
    return args ? namedChildren(args).flatMap((a) => this.rootsOf(a)) : [];
  }

  /** `x if x in ALLOWED else "en"` / `ok(x) ? x : d`: a value chosen by a check is as clean as the check. */
  private conditionalTaint(node: SyntaxNode): Taint | null {
    const parts = namedChildren(node);
    const cond = field(node, "condition") ?? (node.type === "conditional_expression" ? parts[1] : undefined);
    let out: Taint | null = null;
    for (const p of parts) if (p !== cond) out = merge(out, this.taint(p));
    if (!out || !cond) return out;
    const text = this.values.valueText(cond);
    const checks = CONDITION_GUARDS.filter((g) => g.test.test(text)).map((g) => g.concept);
    return checks.length ? cleanedBy(out, checks) : out;
  }

  private callTaint(node: SyntaxNode): Taint | null {
    const callee = field(node, "function") ?? field(node, "constructor");
    if (!callee) return null;
    const path = this.values.path(callee);
    // `request.get_json()`: a call on a member the table lists as input reads that input.
    const source = this.values.match(this.compiled.sources, callee)[0] ?? this.values.match(this.compiled.members, callee)[0];
    if (source) return this.fromSource(source.concept, node);
    const helper = this.summaries?.callee(callee, this.bindings.aliases);
    if (helper) return this.returnedBy(node, helper);
    // Rows read back are stored data (second-order flows); statuses and handles carry nothing.
    const sinkConcepts = this.values.match(this.compiled.sinks, callee).map((r) => r.concept);
    if (sinkConcepts.some((c) => c === "sql" || c === "object-lookup")) return this.fromSource("stored", node);
    if (sinkConcepts.some((c) => DERIVED_RESULT.has(c))) return null;
    const args = field(node, "arguments");
    let argTaint: Taint | null = null;
    if (args) for (const a of namedChildren(args)) argTaint = merge(argTaint, this.taint(a));
    const cleaner = this.values.guardRules(callee, args ? namedChildren(args) : []).find((g) => g.cleans !== false);
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
        receiver = this.widened(this.taint(obj), obj, node);
        const method = path[path.length - 1];
        // `d.get("k")` on a container whose keys are known reads that element.
        const element = method === "get" && args ? this.known(node, obj, namedChildren(args)[0], false) : undefined;
        if (element !== undefined) return element;
        if ((method === "format" || method === "format_map") && STRINGS.has(obj.type) && argTaint) return withKind(argTaint, "interpolation", node.line);
        if ((method === "join" || method === "concat") && argTaint) return withKind(merge(receiver, argTaint)!, "concat", node.line);
      }
    }
    return merge(receiver, argTaint);
  }

  /**
   * A source read through a member, item or method of it is shown whole: `request.args.get("q")`, not
   * `request.args`; a value that came from elsewhere keeps its path.
   */
  private widened(taint: Taint | null, part: SyntaxNode, node: SyntaxNode): Taint | null {
    const first = taint?.path?.length === 1 ? taint.path[0]! : undefined;
    if (!first || first.kind !== "source" || first.note || first.line !== part.line || part.type === "identifier") return taint;
    return { ...taint!, path: [this.findings.step(node, "source")] };
  }

  private fromSource(concept: SourceConcept, node: SyntaxNode): Taint {
    this.findings.sources.add(concept);
    return sourceTaint(concept, this.findings.step(node, "source"));
  }

  /**
   * What a field or element read holds when the function says so: a field written here (`self.q = …`), an
   * element of a container whose keys are known, a field another method of the class sets; else undefined.
   */
  private known(node: SyntaxNode, object: SyntaxNode, key: SyntaxNode | undefined, member: boolean): Taint | null | undefined {
    const { fields, elements } = this.bindings;
    const self = object.type === "this" || (object.type === "identifier" && this.values.src(object) === "self");
    if (!key || (!self && !fields.size && !elements.size)) return undefined;
    const owner = this.values.fieldKey(object);
    const name = member ? this.values.src(key) : this.values.literalKey(key);
    if (!owner || name === undefined) return undefined;
    const field = `${owner}.${name}`;
    if (member && fields.has(field)) return fields.get(field)!;
    const known = elements.get(owner);
    if (known) return known.get(name) ?? null;
    if (self && member && this.summaries) return this.summaries.field(node, name) ?? undefined;
    return undefined;
  }

  /** A call to a function of the file: what its summary says reaches its result, through the call. */
  private returnedBy(node: SyntaxNode, helper: Callee): Taint | null {
    const { returns, source } = helper.summary;
    const args = field(node, "arguments");
    let out: Taint | null = null;
    if (returns?.params && args) {
      const step = this.findings.step(node, "step", `through ${helper.name}`);
      for (const [i, arg] of argumentsOf(helper, namedChildren(args), this.values.srcFn)) {
        if (!(returns.params & (1 << i))) continue;
        const t = this.taint(arg);
        if (t) out = merge(out, through(t, returns, step, false));
      }
    }
    if (source) out = merge(out, withStep(source, this.findings.step(node, "step", `returned by ${helper.name}`)));
    return out;
  }
}
