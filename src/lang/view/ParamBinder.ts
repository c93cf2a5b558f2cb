// Binds a function's parameters when the walk enters it: handler roles, untrusted values, declared defaults.
import { MAX_VALUE_TEXT, PARAM, type Bindings, type Shadowed } from "./Bindings.js";
import type { CompiledTable } from "./CompiledTable.js";
import type { Findings } from "./Findings.js";
import { field, namedChildren, type SyntaxNode } from "./SyntaxNode.js";
import { cleanedBy, sourceTaint } from "./Taint.js";
import type { ValueReader } from "./ValueReader.js";

export class ParamBinder {
  constructor(
    private readonly compiled: CompiledTable,
    private readonly values: ValueReader,
    private readonly bindings: Bindings,
    private readonly findings: Findings,
    /** The walk, to read a default value like code. */
    private readonly visit: (node: SyntaxNode) => void,
  ) {}

  /** The roles of a registered handler's parameters, by position (`(a, b, next)` → req, res, next). */
  handlerRoles(callee: SyntaxNode, fn: SyntaxNode, params: SyntaxNode | undefined): string[] | undefined {
    const entry = this.values.match(this.compiled.handlerParams, callee)[0];
    if (!entry || !params) return undefined;
    const names = params.type === "identifier" ? [params] : namedChildren(params);
    const ctx = this.compiled.table.contextHandler;
    const head = names[0] && paramName(names[0]);
    const first = head ? this.values.src(head) : "";
    if (ctx && first) {
      const body = field(fn, "body");
      const text = body ? this.values.src(body) : "";
      const uses = text.split(new RegExp(`(?<![\\w$.])${first.replace(/\$/g, "\\$")}(?![\\w$])`)).slice(1);
      if (uses.some((u) => ctx.firstParamUse.test(u))) return ctx.roles;
    }
    return entry.shapes.find((s) => s.length === names.length) ?? entry.shapes[0];
  }

  /**
   * Parameters: untrusted (`param`) unless a request object or never tainted. With `roles` (a registered
   * handler), a parameter is read as its role whatever its name: `a.query` is `req.query`. Outside a handler
   * (`inHandler` false), a parameter without a role matches no rule by its name. Returns the aliases to put
   * back when the function ends. `marked`: each parameter's value carries its position (a summary is read).
   */
  bindParams(params: SyntaxNode, roles: string[] | undefined, inHandler: boolean, marked = false): Shadowed[] {
    const restore: Shadowed[] = [];
    const origins = this.bindings.origins;
    const list = params.type === "identifier" ? [params] : namedChildren(params);
    list.forEach((param, i) => {
      const role = roles?.[i];
      const id = role ? paramName(param) : undefined;
      const value = defaultValue(param);
      const origin = role ?? (value ? this.values.valueText(value).slice(0, MAX_VALUE_TEXT) : PARAM);
      for (const name of this.values.patternNames(param)) if (role || !this.bindings.trustedByName(name)) origins.set(name, origin);
      if (role && id) {
        const name = this.values.src(id);
        restore.push(this.bindings.saved(name));
        if (name !== role) this.bindings.rebind(name, [role]);
        else this.bindings.unbind(name);
        if (this.isRequestOrUntainted(role)) return;
      } else if (!inHandler) {
        // A helper's parameter without a role matches no rule by its name (`res.send` in
        // `function render(res, html)` is the same call as `oscar.send` once renamed): it is a plain value.
        this.bindings.shadow(this.values.patternNames(param), [PARAM], restore);
      }
      for (const name of this.values.patternNames(param)) this.bindParam(name, param, marked && i < 30 ? 1 << i : undefined);
      if (param.type !== "identifier") this.paramDefault(param);
    });
    return restore;
  }

  private isRequestOrUntainted(name: string): boolean {
    const { requestParams, untaintedParams } = this.compiled.table;
    return requestParams.test(name) || untaintedParams.test(name);
  }

  private bindParam(name: string, param: SyntaxNode, bit: number | undefined): void {
    if (this.bindings.trustedByName(name)) return;
    this.bindings.env.set(name, sourceTaint("param", this.findings.step(param, "source", "parameter"), bit));
  }

  /** A default value is read like code (`size: int = Query(1024, le=…)`); checks it declares clean the parameter. */
  private paramDefault(param: SyntaxNode): void {
    const value = defaultValue(param);
    if (!value) return;
    const before = new Set(this.findings.guards);
    this.visit(value);
    const added = [...this.findings.guards].filter((g) => !before.has(g));
    if (!added.length) return;
    for (const name of this.values.patternNames(param)) {
      const t = this.bindings.env.get(name);
      if (t) this.bindings.env.set(name, cleanedBy(t, added));
    }
  }
}

/** A parameter's declared default (`size=10`, `size = 10` in a pattern), if any. */
function defaultValue(param: SyntaxNode): SyntaxNode | undefined {
  return field(param, "value") ?? (param.type === "assignment_pattern" || param.type === "object_assignment_pattern" ? field(param, "right") : undefined);
}

/** The plain name a parameter binds (`req`, `req: Request`), or undefined for patterns and defaults. */
function paramName(param: SyntaxNode): SyntaxNode | undefined {
  if (param.type === "identifier") return param;
  if (param.type !== "required_parameter" && param.type !== "optional_parameter") return undefined;
  const parts = namedChildren(param);
  return parts.length && parts[0].type === "identifier" && parts.every((p, i) => i === 0 || p.type === "type_annotation") ? parts[0] : undefined;
}
