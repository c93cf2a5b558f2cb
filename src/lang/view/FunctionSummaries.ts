// What each function of a file does with its parameters, computed once per file and read at every call:
// parameter → return, parameter → sink, untrusted data it returns by itself, fields of `self`/`this` it sets.
import { isFunctionNode } from "../unitNodes.js";
import type { SinkSite } from "./Findings.js";
import { field, namedChildren, type SyntaxNode } from "./SyntaxNode.js";
import { merge, type Taint } from "./Taint.js";

/** A sink of the function that one or more of its parameters reach (`taint.params`), as it reached it. */
export interface SummarySink {
  site: SinkSite;
  taint: Taint;
}

export interface FunctionSummary {
  /** What reaches its return value from its parameters (`params` bits; the guards and kinds on the way). */
  returns: Taint | null;
  /** Untrusted data it returns by itself (`def name(): return request.args["n"]`). */
  source: Taint | null;
  sinks: SummarySink[];
  /** Fields of `self`/`this` it sets to untrusted data, by field name. */
  fields: Map<string, Taint>;
}

/** A parameter by position: its name, and whether it takes the remaining arguments (`*args`, `...rest`). */
export interface ParamSlot {
  name: string;
  rest: boolean;
}

/** A call resolved to a function of the file. */
export interface Callee {
  name: string;
  summary: FunctionSummary;
  params: ParamSlot[];
  /** Arguments start at this parameter (1 for `self.m(x)` on `def m(self, x)`). */
  offset: number;
}

const CLASSES = new Set(["class_definition", "class_declaration", "class"]);
/** Summaries computed inside one another (a helper's helper) at most this deep; deeper calls read as before. */
const MAX_NESTED = 6;

export class FileSummaries {
  private functions: Map<string, SyntaxNode | null> | undefined;
  private readonly methods = new Map<SyntaxNode, Map<string, SyntaxNode>>();
  private readonly memo = new Map<SyntaxNode, FunctionSummary | null>();
  private readonly written = new Map<SyntaxNode, Set<string>>();
  private active = 0;

  constructor(
    private readonly root: SyntaxNode,
    private readonly src: (node: SyntaxNode) => string,
    /** Reads one function of the file with its parameters marked (`ViewBuilder.summarise`). */
    private readonly read: (fn: SyntaxNode, summaries: FileSummaries) => FunctionSummary | undefined,
  ) {}

  /**
   * The function of the file a call names: `build_query(q)` (a top-level function not rebound by an import or
   * a local), `self.load(q)` / `this.load(q)` (a method of the class the call is in).
   */
  callee(callee: SyntaxNode, aliases: ReadonlyMap<string, string[]>): Callee | undefined {
    let fn: SyntaxNode | null | undefined;
    let name: string;
    let method = false;
    if (callee.type === "identifier") {
      name = this.src(callee);
      if (aliases.has(name)) return undefined;
      fn = this.topLevel().get(name);
    } else if (callee.type === "attribute" || callee.type === "member_expression") {
      const object = field(callee, "object");
      const prop = field(callee, "attribute") ?? field(callee, "property");
      if (!object || !prop || !(object.type === "this" || (object.type === "identifier" && this.src(object) === "self"))) return undefined;
      const cls = enclosingClass(callee);
      name = this.src(prop);
      fn = cls && this.methodsOf(cls).get(name);
      method = true;
    } else return undefined;
    if (!fn) return undefined;
    const summary = this.summary(fn);
    if (!summary) return undefined;
    const params = this.params(fn);
    const offset = method && params[0] && /^(self|cls)$/.test(params[0].name) ? 1 : 0;
    return { name, summary, params, offset };
  }

  /** Untrusted data a method of the class around `node` stores in `self.<prop>` / `this.<prop>`. */
  field(node: SyntaxNode, prop: string): Taint | null {
    const cls = enclosingClass(node);
    if (!cls || !this.writes(cls).has(prop)) return null;
    let out: Taint | null = null;
    for (const fn of this.methodsOf(cls).values()) {
      if (!this.writes(fn).has(prop)) continue;
      out = merge(out, this.summary(fn)?.fields.get(prop) ?? null);
    }
    return out;
  }

  private summary(fn: SyntaxNode): FunctionSummary | undefined {
    if (this.memo.has(fn)) return this.memo.get(fn) ?? undefined;
    // A function calling itself, directly or not, reads that call as an unknown one.
    if (this.active >= MAX_NESTED) return undefined;
    this.memo.set(fn, null);
    this.active++;
    try {
      const summary = this.read(fn, this);
      this.memo.set(fn, summary ?? null);
      return summary;
    } finally {
      this.active--;
    }
  }

  /** Functions defined at the top of the file (or exported there), by name; null for a name defined twice. */
  private topLevel(): Map<string, SyntaxNode | null> {
    if (this.functions) return this.functions;
    const out = new Map<string, SyntaxNode | null>();
    const add = (name: SyntaxNode | undefined, fn: SyntaxNode) => {
      if (!name) return;
      const n = this.src(name);
      out.set(n, out.has(n) ? null : fn);
    };
    for (let c of this.root.children) {
      if (c.type === "export_statement") c = field(c, "declaration") ?? namedChildren(c)[0] ?? c;
      if (c.type === "decorated_definition") c = field(c, "definition") ?? c;
      if (isFunctionNode(c.type)) add(field(c, "name"), c);
      else if (c.type === "lexical_declaration" || c.type === "variable_declaration") {
        for (const d of c.children) {
          const value = d.type === "variable_declarator" ? field(d, "value") : undefined;
          if (value && isFunctionNode(value.type)) add(field(d, "name"), value);
        }
      }
    }
    this.functions = out;
    return out;
  }

  private methodsOf(cls: SyntaxNode): Map<string, SyntaxNode> {
    let out = this.methods.get(cls);
    if (out) return out;
    out = new Map();
    const body = field(cls, "body");
    for (let c of body ? body.children : []) {
      if (c.type === "decorated_definition") c = field(c, "definition") ?? c;
      const name = isFunctionNode(c.type) ? field(c, "name") : undefined;
      if (name) out.set(this.src(name), c);
    }
    this.methods.set(cls, out);
    return out;
  }

  /** Fields of `self`/`this` a class or function assigns anywhere (`self.q = …`), read from its syntax alone. */
  private writes(scope: SyntaxNode): Set<string> {
    let out = this.written.get(scope);
    if (out) return out;
    out = new Set();
    const stack = [scope];
    while (stack.length) {
      const n = stack.pop()!;
      const left = n.type === "assignment" || n.type === "assignment_expression" || n.type === "augmented_assignment" ? field(n, "left") : undefined;
      const object = left && (left.type === "attribute" || left.type === "member_expression") ? field(left, "object") : undefined;
      const prop = left && (field(left, "attribute") ?? field(left, "property"));
      if (object && prop && (object.type === "this" || this.src(object) === "self")) out.add(this.src(prop));
      for (const c of n.children) if (c.named) stack.push(c);
    }
    this.written.set(scope, out);
    return out;
  }

  private params(fn: SyntaxNode): ParamSlot[] {
    const list = field(fn, "parameters") ?? field(fn, "parameter");
    if (!list) return [];
    const params = list.type === "identifier" ? [list] : namedChildren(list);
    return params.map((p) => {
      let id: SyntaxNode | undefined = p;
      while (id && id.type !== "identifier") id = field(id, "name") ?? field(id, "pattern") ?? field(id, "left") ?? namedChildren(id)[0];
      return { name: id ? this.src(id) : "", rest: /splat|rest/.test(p.type) };
    });
  }
}

/** The class a node is written in, not counting a function nested between them. */
export function enclosingClass(node: SyntaxNode): SyntaxNode | undefined {
  let inFunction = false;
  for (let p = node.parent; p; p = p.parent) {
    if (CLASSES.has(p.type)) return p;
    if (isFunctionNode(p.type) && p.type !== "arrow_function") {
      // A method is the one function allowed between the node and its class (an arrow keeps its `this`).
      if (inFunction) return undefined;
      inFunction = true;
    }
  }
  return undefined;
}

/** The argument nodes of a call by the parameter they bind (positional, `name=` keywords, a rest parameter). */
export function argumentsOf(callee: Callee, args: SyntaxNode[], src: (node: SyntaxNode) => string): [number, SyntaxNode][] {
  const out: [number, SyntaxNode][] = [];
  const { params, offset } = callee;
  let position = offset;
  for (const a of args) {
    if (a.type === "keyword_argument") {
      const name = field(a, "name"), value = field(a, "value");
      const at = name ? params.findIndex((p) => p.name === src(name)) : -1;
      if (at >= 0 && value) out.push([at, value]);
      continue;
    }
    const rest = params.findIndex((p, i) => p.rest && i <= position);
    const at = rest >= 0 ? rest : position;
    if (at < params.length && at < 30) out.push([at, a]);
    position++;
  }
  return out;
}
