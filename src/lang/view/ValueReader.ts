// Reads what a node says through the names in scope: its text, callee path, matching rules, value text and shape.
import type { GuardRule } from "../tables/ApiTable.js";
import { END_ANCHOR, PATTERN_BUILDER, START_ANCHOR } from "../tables/conditions.js";
import { isFunctionNode } from "../unitNodes.js";
import type { Bindings } from "./Bindings.js";
import { ARG_SHAPES, type ArgShape } from "./concepts.js";
import type { CompiledTable } from "./CompiledTable.js";
import { stringValue } from "./importAliases.js";
import { CONSTANTS, STRINGS, SUBSTITUTION } from "./nodeTypes.js";
import type { RuleIndex } from "./RuleIndex.js";
import { field, namedChildren, type SyntaxNode } from "./SyntaxNode.js";

const SEQUENCES = new Set(["list", "array", "tuple", "parenthesized_expression", "await", "await_expression", "expression_list", "list_splat", "spread_element"]);

export class ValueReader {
  constructor(
    private readonly compiled: CompiledTable,
    private readonly text: string,
    /** Offset of `text` in the file the node offsets index into. */
    private readonly base: number,
    private readonly bindings: Bindings,
  ) {}

  src(node: SyntaxNode): string {
    return this.text.slice(node.start - this.base, node.end - this.base);
  }

  /** Where a node is, as a finding reports it: 1-based columns, the end just past its last character. */
  locate(node: SyntaxNode): { column: number; endLine: number; endColumn: number } {
    const start = node.start - this.base;
    const end = node.end - this.base;
    const column = start - (this.text.lastIndexOf("\n", start - 1) + 1) + 1;
    let endLine = node.line;
    let lastBreak = this.text.lastIndexOf("\n", start - 1);
    for (let i = this.text.indexOf("\n", start); i !== -1 && i < end; i = this.text.indexOf("\n", i + 1)) {
      endLine++;
      lastBreak = i;
    }
    return { column, endLine, endColumn: end - (lastBreak + 1) + 1 };
  }

  /** `src` as a value, for helpers that take a reader of node text. */
  readonly srcFn = (node: SyntaxNode) => this.src(node);

  /** The text of a string literal node without its quotes. */
  stringValue(node: SyntaxNode): string {
    return stringValue(this.src(node));
  }

  /** Rules matching the callee's resolved path (`sp.run` → `subprocess.run`), else its path as written. */
  match<R>(index: RuleIndex<R>, node: SyntaxNode): R[] {
    const raw = this.path(node, false);
    const alias = raw.length ? this.bindings.aliases.get(raw[0]) : undefined;
    if (alias) {
      const resolved = index.match([...alias, ...raw.slice(1)]);
      // A parameter bound to a role is that role only: `.then((res) => res.json())` is no response.
      if (resolved.length || this.bindings.roleBound.has(raw[0])) return resolved;
    }
    const direct = index.match(raw);
    const assumed = !alias && !direct.length ? this.assumedPath(raw) : undefined;
    return assumed ? index.match(assumed) : direct;
  }

  /** A pasted snippet's module name no import, parameter or local binds (`cp` → `child_process`), resolved. */
  private assumedPath(raw: string[]): string[] | undefined {
    const known = this.compiled.table.assumedModules;
    // Own names only: `constructor` or `toString` in a snippet is no module.
    const module = raw.length && known && Object.hasOwn(known, raw[0]) ? known[raw[0]] : undefined;
    if (!module || this.bindings.env.has(raw[0]) || this.bindings.assigned.has(raw[0]) || this.bindings.origins.has(raw[0])) return undefined;
    return [...module, ...raw.slice(1)];
  }

  /** What a callee was assumed to be (`cp read as child_process (no import)`), when `match` assumed it. */
  assumedModule<R>(index: RuleIndex<R>, callee: SyntaxNode): string | undefined {
    const raw = this.path(callee, false);
    if (!raw.length || this.bindings.aliases.has(raw[0]) || index.match(raw).length) return undefined;
    const assumed = this.assumedPath(raw);
    return assumed ? `${raw[0]} read as ${assumed.slice(0, assumed.length - raw.length + 1).join(".")} (no import)` : undefined;
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
    const alias = resolve && out.length ? this.bindings.aliases.get(out[0]) : undefined;
    return alias ? [...alias, ...out.slice(1)] : out;
  }

  /**
   * The dotted text a field is tracked under: a name, `self`/`this`, or a member of one (`self.items`,
   * `this.opts`); undefined for anything computed (`a[i].b`, `f().x`).
   */
  fieldKey(node: SyntaxNode): string | undefined {
    if (node.type === "identifier" || node.type === "this") return this.src(node);
    if (node.type !== "attribute" && node.type !== "member_expression") return undefined;
    const object = field(node, "object");
    const prop = field(node, "attribute") ?? field(node, "property");
    if (!object || !prop || (object.type !== "identifier" && object.type !== "this")) return undefined;
    return `${this.src(object)}.${this.src(prop)}`;
  }

  /** The key a literal index or key names (`"q"`, `0`), or undefined for a computed one. */
  literalKey(node: SyntaxNode): string | undefined {
    if (node.type === "integer" || node.type === "number") return String(Number(this.src(node)));
    if (node.type !== "string" || node.children.some((c) => SUBSTITUTION.has(c.type))) return undefined;
    return this.src(node).replace(/^[rbuRBU]*("""|'''|["'`])|("""|'''|["'`])$/g, "");
  }

  /** Guard rules of a callee whose first-argument condition, if any, holds. */
  guardRules(callee: SyntaxNode, argList: SyntaxNode[]): GuardRule[] {
    return this.match(this.compiled.guards, callee).filter((g) => !g.firstArg || (argList[0] !== undefined && g.firstArg.test(this.src(argList[0]))));
  }

  /** Does a value hand out a whole record, the environment or an upstream body (the table's `wholeRecord`)? */
  wholeRecord(node: SyntaxNode): boolean {
    return !!this.compiled.table.wholeRecord?.test(this.valueText(node));
  }

  /**
   * Does a pattern test accept a value when only part of it matches (`re.match(r"[a-z]+", s)`, `/\d+/.test(s)`)?
   * `undefined` when the call is no pattern test or its pattern is out of sight (a parameter, an import).
   */
  partialMatch(callee: SyntaxNode, argList: SyntaxNode[]): boolean | undefined {
    const object = field(callee, "object");
    // A regex literal has no name to match `**.test` by: it stands as its own receiver.
    const rules = object?.type === "regex" ? this.compiled.patternCalls.match(["regex", ...this.path(callee, false)]) : this.match(this.compiled.patternCalls, callee);
    const rule = rules[0];
    if (!rule) return undefined;
    const at = rule.pattern === "receiver" ? object : argList[rule.pattern];
    const pattern = at && this.patternSource(at, 0);
    if (pattern === undefined) return undefined;
    const end = END_ANCHOR.test(pattern);
    return rule.anchors === "end" ? !end : !(end && START_ANCHOR.test(pattern));
  }

  /** The source of a regular expression: a literal, `re.compile("…")`/`new RegExp("…")`, or a name assigned one. */
  private patternSource(node: SyntaxNode, depth: number): string | undefined {
    const t = node.type;
    if (t === "regex") return this.src(node).replace(/^\/|\/[a-z]*$/g, "");
    if (t === "string") return this.src(node).replace(/^[rbuRBU]*("""|'''|["'`])|("""|'''|["'`])$/g, "");
    if (depth > 4) return undefined;
    if (t === "identifier") {
      const value = this.bindings.assigned.get(this.src(node));
      return value && this.patternSource(value, depth + 1);
    }
    if (t !== "call" && t !== "call_expression" && t !== "new_expression") return undefined;
    const builder = field(node, "function") ?? field(node, "constructor");
    const args = field(node, "arguments");
    const first = args && namedChildren(args)[0];
    return builder && first && PATTERN_BUILDER.test(this.path(builder, false).pop() ?? "") ? this.patternSource(first, depth + 1) : undefined;
  }

  /**
   * An expression's text with each local name replaced by what it holds (`origins`): member, keyword and key
   * names stay, names never bound here (imports, globals, builtins) stay. Renaming a local leaves it unchanged.
   */
  valueText(node: SyntaxNode): string {
    // On one line: the text patterns read from it must see a value the same however it is laid out over lines.
    const text = this.substituted(node);
    return text.includes("\n") ? text.replace(/\s+/g, " ") : text;
  }

  private substituted(node: SyntaxNode): string {
    const text = this.src(node);
    const origins = this.bindings.origins;
    if (!origins.size) return text;
    const names: SyntaxNode[] = [];
    const stack = [node];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === "identifier" || n.type === "shorthand_property_identifier") {
        if (origins.has(this.src(n))) names.push(n);
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
      const origin = origins.get(name)!;
      out += this.text.slice(at - this.base, n.start - this.base) + (n.type === "shorthand_property_identifier" ? `${name}: ${origin}` : origin);
      at = n.end;
    }
    return out + this.text.slice(at - this.base, node.end - this.base);
  }

  /** How a value was built: constant, interpolated or concatenated text, an escaper's output, or another value. */
  shapeOf(node: SyntaxNode): ArgShape {
    const t = node.type;
    if (t === "string" || t === "template_string") return node.children.some((c) => SUBSTITUTION.has(c.type)) ? "interpolated" : "literal";
    if (t === "concatenated_string") return namedChildren(node).reduce<ArgShape>((w, c) => worseShape(w, this.shapeOf(c)), "literal");
    if (CONSTANTS.has(t)) return "literal";
    if (t === "identifier") return this.bindings.shapes.get(this.src(node)) ?? "value";
    if (t === "keyword_argument" || t === "pair") {
      const v = field(node, "value");
      return v ? this.shapeOf(v) : "value";
    }
    if (SEQUENCES.has(t)) return namedChildren(node).reduce<ArgShape>((w, c) => worseShape(w, this.shapeOf(c)), "literal");
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
      // `" ".join(words)` / `parts.join(" ")`: the parts may be the receiver or the argument.
      if (method === "join" || method === "concat") return (obj ? [obj, ...argNodes] : argNodes).reduce<ArgShape>((w, c) => worseShape(w, this.shapeOf(c) === "literal" ? "literal" : "concat"), "literal");
      return "value";
    }
    return "value";
  }

  /** The names a binding target binds (`a`, `(a, b)`, `{ a, b: c }`, `[a, ...rest]`), not its types or defaults. */
  patternNames(node: SyntaxNode): string[] {
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
}

/** The worse of two argument shapes (`none` yields to any). */
export function worseShape(a: ArgShape, b: ArgShape): ArgShape {
  if (a === "none") return b;
  if (b === "none") return a;
  return ARG_SHAPES.indexOf(a) <= ARG_SHAPES.indexOf(b) ? a : b;
}
