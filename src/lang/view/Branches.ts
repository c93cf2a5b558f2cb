// Walks statements whose parts may or may not run (if/elif/else, loops): each arm from the state its condition
// leaves, and after the statement the merge of the arms that fall through. A condition the code fixes picks its arm.
import type { Bindings } from "./Bindings.js";
import type { ArgShape } from "./concepts.js";
import type { ConditionReader } from "./ConditionReader.js";
import { constantTruth } from "./constantValue.js";
import { field, type SyntaxNode } from "./SyntaxNode.js";
import { merge, type Taint } from "./Taint.js";
import { worseShape, type ValueReader } from "./ValueReader.js";

/** What the names in scope hold at one point of the walk. */
interface Frame {
  env: Map<string, Taint>;
  fields: Map<string, Taint | null>;
  elements: Map<string, ReadonlyMap<string, Taint | null>>;
  shapes: Map<string, ArgShape>;
}

interface Arm {
  /** The statement holding the condition (the `if` or an `elif`); undefined for `else`. */
  statement?: SyntaxNode;
  condition?: SyntaxNode;
  body: SyntaxNode;
}

export class Branches {
  constructor(
    private readonly values: ValueReader,
    private readonly bindings: Bindings,
    private readonly conditions: ConditionReader,
    private readonly visit: (node: SyntaxNode) => void,
  ) {}

  /** `if … elif … else`: the taint after it is the merge of its arms that fall through, not the last one written. */
  ifStatement(node: SyntaxNode): void {
    const ends: Frame[] = [];
    let fallsThrough = true;
    for (const arm of this.arms(node)) {
      if (!arm.condition || !arm.statement) {
        this.visit(arm.body);
        if (!this.conditions.exits(arm.body)) ends.push(this.snapshot());
        fallsThrough = false;
        break;
      }
      const truth = constantTruth(arm.condition, this.values.srcFn);
      // `if 7 * 42 - 86 > 200:` always runs its arm; `if False:` never does.
      if (truth === false) continue;
      const checked = truth === true ? [] : this.conditions.condition(arm.statement, arm.condition);
      this.visit(arm.condition);
      const start = this.snapshot();
      const env = this.bindings.env;
      const before = checked.map(([name]) => env.get(name));
      for (const [name, t] of checked) env.set(name, t);
      this.visit(arm.body);
      // Values checked in the arm are as before after it, unless the arm gave them a new value.
      checked.forEach(([name, t], i) => {
        if (env.get(name) !== t) return;
        if (before[i]) env.set(name, before[i]!);
        else env.delete(name);
      });
      if (!this.conditions.exits(arm.body)) ends.push(this.snapshot());
      if (truth === true) {
        fallsThrough = false;
        break;
      }
      this.restore(start);
    }
    if (fallsThrough) ends.push(this.snapshot());
    // Every arm leaves (return/raise/throw): what follows does not run after any of them.
    if (ends.length) this.join(ends);
  }

  /** A loop's body may run no times: after it, the merge of the state before and after one pass. */
  loop(node: SyntaxNode, walk: () => void): void {
    const condition = node.type === "while_statement" ? field(node, "condition") : undefined;
    const truth = condition && constantTruth(condition, this.values.srcFn);
    if (truth === false) {
      for (const c of node.children) if (c.type === "else_clause") this.visit(c);
      return;
    }
    const start = truth === true ? undefined : this.snapshot();
    walk();
    if (start) this.join([start, this.snapshot()]);
  }

  private arms(node: SyntaxNode): Arm[] {
    const out: Arm[] = [];
    const condition = field(node, "condition");
    const consequence = field(node, "consequence");
    if (consequence) out.push({ statement: node, condition, body: consequence });
    for (const c of node.children) {
      if (c.field !== "alternative" && c.type !== "elif_clause" && c.type !== "else_clause") continue;
      if (c.type === "elif_clause") {
        const body = field(c, "consequence");
        if (body) out.push({ statement: c, condition: field(c, "condition"), body });
      } else if (c.type === "else_clause") out.push({ body: field(c, "body") ?? c.children.find((s) => s.named && s.type !== "comment") ?? c });
    }
    return out;
  }

  private snapshot(): Frame {
    const b = this.bindings;
    return { env: new Map(b.env), fields: new Map(b.fields), elements: new Map(b.elements), shapes: new Map(b.shapes) };
  }

  private restore(frame: Frame): void {
    const b = this.bindings;
    replace(b.env, frame.env);
    replace(b.fields, frame.fields);
    replace(b.elements, frame.elements);
    replace(b.shapes, frame.shapes);
  }

  /** The state where any of `frames` may have run: a name is tainted if it is in any of them. */
  private join(frames: Frame[]): void {
    if (frames.length === 1) return this.restore(frames[0]!);
    const b = this.bindings;
    b.env.clear();
    b.fields.clear();
    b.elements.clear();
    b.shapes.clear();
    const [first, ...rest] = frames as [Frame, ...Frame[]];
    for (const f of frames) {
      for (const [name, t] of f.env) b.env.set(name, merge(b.env.get(name) ?? null, t)!);
      for (const [name, s] of f.shapes) b.shapes.set(name, b.shapes.has(name) ? worseShape(b.shapes.get(name)!, s) : s);
    }
    // A field is known after the statement only where every arm knows it; a container's keys only where no arm changed them.
    for (const [key, t] of first.fields) {
      let out = t;
      let everywhere = true;
      for (const f of rest) {
        if (!f.fields.has(key)) everywhere = false;
        else out = merge(out, f.fields.get(key)!);
      }
      if (everywhere || out) b.fields.set(key, out);
    }
    for (const f of rest) for (const [key, t] of f.fields) if (!first.fields.has(key) && t) b.fields.set(key, merge(b.fields.get(key) ?? null, t));
    for (const [name, known] of first.elements) if (rest.every((f) => f.elements.get(name) === known)) b.elements.set(name, known);
  }
}

function replace<K, V>(target: Map<K, V>, source: Map<K, V>): void {
  target.clear();
  for (const [k, v] of source) target.set(k, v);
}
