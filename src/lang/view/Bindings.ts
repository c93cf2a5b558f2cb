// What each name in scope holds while a view is built: its taint, shape, origin text and import alias.
import type { ApiTable } from "../tables/ApiTable.js";
import type { ArgShape } from "./concepts.js";
import type { SyntaxNode } from "./SyntaxNode.js";
import type { Taint } from "./Taint.js";

/** What a parameter holds when nothing says more, and a value bound by destructuring, a loop or `except … as`. */
export const PARAM = "_p";
export const OPAQUE = "_v";
/** Longest text kept for what a local holds (chains of assignments stay bounded). */
export const MAX_VALUE_TEXT = 240;

/** How to put a shadowed name back: its alias before, and whether it was role-bound. */
export type Shadowed = [name: string, alias: string[] | undefined, roleBound: boolean];

export class Bindings {
  /** Taint of each name that untrusted data reached. */
  readonly env = new Map<string, Taint>();
  /** How each local variable's current value was built. */
  readonly shapes = new Map<string, ArgShape>();
  /**
   * What each local name holds, as the text of the value it was bound to with locals replaced in turn
   * (`uid = current_user.id` → `current_user.id`; a parameter → its handler role, its default, or `_p`).
   * Checks read conditions and query arguments through it, so a local's name is never the evidence.
   */
  readonly origins = new Map<string, string>();
  /** Import aliases and names bound to a role or value (`sp` → `subprocess`, a handler's `a` → `req`). */
  readonly aliases: Map<string, string[]>;
  /** Names a function's parameters and locals shadowed, to put back when it ends. */
  readonly shadowed: Shadowed[] = [];
  /** Parameters read as a role (handler or callback): their names alone match no rule. */
  readonly roleBound = new Set<string>();
  /** The value each plain name was last assigned (`P = re.compile(…)`): a pattern test reads its pattern there. */
  readonly assigned = new Map<string, SyntaxNode>();
  /** Tainted locals a local was computed from by calls (`parts = urlsplit(url)`): checking it checks them. */
  readonly derived = new Map<string, string[]>();
  /**
   * Fields written in this function (`self.q`, `this.q`, `opts.cmd`), keyed by their dotted text: what each
   * holds now (null: a value the code fixed). A field read is judged by what was written to it.
   */
  readonly fields = new Map<string, Taint | null>();
  /**
   * Containers whose keys are all known (`d = {}`, `args = ["ls", q]`, then `d["k"] = v`): the taint of each
   * element by its literal key or index. Replaced, never changed in place, so a branch can keep the old map.
   */
  readonly elements = new Map<string, ReadonlyMap<string, Taint | null>>();

  constructor(
    private readonly table: ApiTable,
    fileAliases?: ReadonlyMap<string, string[]>,
  ) {
    this.aliases = new Map(fileAliases);
  }

  /** `name` holds a new value: what was known of its fields and elements goes. */
  forget(name: string): void {
    this.elements.delete(name);
    if (!this.fields.size) return;
    const prefix = `${name}.`;
    for (const key of this.fields.keys()) if (key.startsWith(prefix)) this.fields.delete(key);
  }

  /** A parameter without a role read by its name (`self`, and in Python `request`): it keeps its name. */
  trustedByName(name: string): boolean {
    const { requestParams, untaintedParams, trustedParamNames } = this.table;
    return trustedParamNames ? trustedParamNames.test(name) : requestParams.test(name) || untaintedParams.test(name);
  }

  /** How to put `name` back as it is now. */
  saved(name: string): Shadowed {
    return [name, this.aliases.get(name), this.roleBound.has(name)];
  }

  /** `name` reads as `alias` only: it matches no rule by its own name. */
  rebind(name: string, alias: string[]): void {
    this.aliases.set(name, alias);
    this.roleBound.add(name);
  }

  /** `name` reads as itself again (a parameter named as its role). */
  unbind(name: string): void {
    this.aliases.delete(name);
    this.roleBound.delete(name);
  }

  /**
   * Rebinds each name the table does not trust (or, with `evenTrusted`, every name) to `alias`, noting in
   * `restore` how to put it back (by default the function's shadowed names).
   */
  shadow(names: string[], alias: string[], restore: Shadowed[] = this.shadowed, evenTrusted = false): void {
    for (const name of names) {
      if (!evenTrusted && this.trustedByName(name)) continue;
      restore.push(this.saved(name));
      this.rebind(name, alias);
    }
  }

  /** Puts back the names shadowed since `mark` (a length of `shadowed`). */
  unshadow(mark: number): void {
    for (const [name, alias, bound] of this.shadowed.splice(mark).reverse()) {
      if (bound) this.roleBound.add(name);
      else this.roleBound.delete(name);
      if (alias) this.aliases.set(name, alias);
      else this.aliases.delete(name);
    }
  }
}
