// The shape of a per-language API table: library calls and members mapped to shared concept ids (data, not code).
import type { GuardConcept, SinkConcept, SourceConcept } from "../view/concepts.js";

/**
 * A dotted callee pattern, matched against the callee's path after import aliases are resolved
 * (`sp.run` → `subprocess.run`, `exec` imported from child_process → `child_process.exec`). Segments
 * match from the end; `*` matches any one segment, and a leading `**.` any receiver at all.
 * `"**.execute"` matches `cursor.execute` and `self.db.conn.execute`; `"eval"` only a bare `eval(…)`.
 */
export type CalleePattern = string;

export interface SinkRule {
  callee: CalleePattern;
  concept: SinkConcept;
  /** Argument positions that are dangerous when tainted. Defaults to all positional arguments. */
  args?: number[];
  /** Keyword/option names whose tainted value is dangerous too (`url=` in Python, `{ url }` in JS). */
  keywords?: string[];
  /** The rule applies only when a keyword argument/option has a value matching this (e.g. `shell=True`). */
  when?: { keyword: string; value: RegExp };
  /** The rule does not apply when a keyword argument/option matches (e.g. `Loader=SafeLoader`). */
  unless?: { keyword: string; value: RegExp };
  /** With more than `args` arguments the call binds values separately: counts as a `parameterised` guard. */
  parameterisedAfter?: number;
  /**
   * An object literal argument is a value in its position, not the call's options: a query document
   * (`users.find({ name: x })`), the objects a deep merge reads. Defaults to `false`.
   */
  objectArgs?: boolean;
  /** The rule applies only when the positional argument at `index` reads as `value` (`createHash("md5")`). */
  whenArg?: { index: number; value: RegExp };
  /**
   * The rule applies only when the statement holding the call (the name it is assigned to, the key it sets)
   * matches `near` and does not match `notNear`: `Math.random()` for a `token`, not for an animation.
   */
  context?: { near?: RegExp; notNear?: RegExp };
  /** The CWE this row stands for when it is more precise than its concept's (`SINK_CWE`). Defaults to the concept's. */
  cwe?: string;
  /**
   * A CWE the context decides: the first entry whose `text` matches the call's source text wins
   * (`hashlib.md5(password)` is CWE-916, other MD5 uses CWE-328). Defaults to none.
   */
  refine?: { text: RegExp; cwe: string }[];
}

export interface SourceRule {
  /** A call (`input`, `os.getenv`) or, with `member: true`, a member/attribute read (`request.args`). */
  pattern: CalleePattern;
  concept: SourceConcept;
  member?: boolean;
}

export interface GuardRule {
  callee: CalleePattern;
  concept: GuardConcept;
  /** The call's result is clean (an escaper or caster), so taint stops there. Defaults to `true`. */
  cleans?: boolean;
  /** The rule applies only when the first argument's text matches (`x.replace("/", "_")`). */
  firstArg?: RegExp;
}

/**
 * A call that tests a value against a regular expression and accepts it when only part of the value matches,
 * unless the pattern is anchored: `end` (`re.match` anchors the start itself) or `both` (`re.search`,
 * `/…/.test`). `pattern` says where the pattern is: the receiver (`P.match(s)`) or an argument position.
 */
export interface PatternCallRule {
  callee: CalleePattern;
  pattern: "receiver" | number;
  anchors: "end" | "both";
}

export interface ApiTable {
  sources: SourceRule[];
  sinks: SinkRule[];
  guards: GuardRule[];
  /** Property assignments that are sinks: `el.innerHTML = x`, `location.href = x`. */
  sinkProperties: { property: CalleePattern; concept: SinkConcept; cwe?: string }[];
  /** Decorator or middleware names (regular expressions over the name) that guard a handler. */
  guardDecorators: { name: RegExp; concept: GuardConcept }[];
  /** Decorator or middleware names that switch a protection off (`csrf_exempt`). Checked before `guardDecorators`. */
  riskDecorators: { name: RegExp; concept: SinkConcept }[];
  /**
   * Calls that hand back their first argument's function or module with the same behaviour, only promised
   * (`util.promisify(cp.exec)`, `pify(require("fs"))`): a name bound to the result reads as that argument.
   * Defaults to none.
   */
  wrappers?: CalleePattern[];
  /** Calls or decorators that make a function a request handler (`app.route`, `app.get`). */
  handlers: CalleePattern[];
  /** Parameter names that are request objects in handlers (`request`, `req`). */
  requestParams: RegExp;
  /** Parameter names and roles that are never tainted (`self`, `this`, `res`). */
  untaintedParams: RegExp;
  /**
   * Of `requestParams` and `untaintedParams`, the names trusted on a parameter that has no role (a helper's
   * or an unknown callback's): a local's name is no evidence once it can be renamed, so keep this to names a
   * language fixes (`self`). Defaults to both regular expressions.
   */
  trustedParamNames?: RegExp;
  /**
   * Parameters of a callback by position, by the API it is passed to (`db.query(sql, (err, rows) => …)`,
   * `p.then((value) => …)`): roles read like handler roles (`untaintedParams` roles are never tainted, others
   * are untrusted). The first entry whose callee matches wins. Defaults to none.
   */
  callbackParams?: { callee: CalleePattern; roles: string[] }[];
  /**
   * Handler parameters by position: a function passed to a handler call (`app.get(path, (a, b) => …)`) reads
   * its parameters as these roles whatever they are called, so `a.query` is `req.query`. The first entry whose
   * callee matches wins; of its shapes, the one with as many roles as the function has parameters, else the first.
   * Defaults to none (parameters are read by name only).
   */
  handlerParams?: { callee: CalleePattern; shapes: string[][] }[];
  /** A handler whose first parameter is used like a context object (`a.request`, `a.state`) takes these roles instead (Koa). */
  contextHandler?: { roles: string[]; firstParamUse: RegExp };
  /**
   * Functions that are handlers by the name they are defined or exported under, with their parameters' roles:
   * `exports.handler = async (event, context) =>` (AWS Lambda), `export async function GET(request)` (Next.js
   * route handlers). `name` is matched against the function's name or its assignment target
   * (`module.exports.handler`); `firstParam`, when given, must match the first parameter's name. The first entry
   * that matches wins. Defaults to none.
   */
  namedHandlers?: { name: RegExp; firstParam?: RegExp; roles: string[]; note: string }[];
  /** Roles of the parameters of a module's default-exported function (Next.js API routes). Defaults to none. */
  defaultExportHandler?: string[];
  /**
   * Calls whose result reads as a module, whatever name holds it: `audit = logging.getLogger("audit")` makes
   * `audit.warning(…)` read as `logging.warning(…)`. Defaults to none.
   */
  moduleFactories?: { callee: CalleePattern; module: string }[];
  /** Pattern tests that can match part of a value; the first rule whose callee matches wins. Defaults to none. */
  patternCalls?: PatternCallRule[];
  /**
   * Value text (locals read by value) that hands out a whole record, the whole environment or an upstream
   * service's body with no field list (`dict(os.environ)`, `.__dict__`, `res.json(await r.json())`): shown
   * to a user or a log, it exposes every field, present and future. Defaults to none.
   */
  wholeRecord?: RegExp;
  /**
   * Well-known module names a pasted snippet uses without the import that binds them (`cp.exec`, `sp.call`):
   * a name no import, parameter or local binds reads as this module path, and the hit says it was assumed.
   * Defaults to none.
   */
  assumedModules?: Record<string, string[]>;
}
