// Matches callee paths against an API table's dotted patterns, indexed by last segment for speed.
import type { CalleePattern } from "../tables/ApiTable.js";

interface Compiled<R> {
  anyReceiver: boolean;
  segments: string[];
  rule: R;
}

function segmentMatches(pattern: string, name: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith("*")) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}

/** A set of rules keyed by callee pattern; `match(path)` returns every rule whose pattern fits the path. */
export class RuleIndex<R> {
  private readonly byLast = new Map<string, Compiled<R>[]>();
  private readonly wild: Compiled<R>[] = [];

  constructor(rules: readonly R[], patternOf: (rule: R) => CalleePattern) {
    for (const rule of rules) {
      const raw = patternOf(rule);
      const anyReceiver = raw.startsWith("**.");
      const segments = (anyReceiver ? raw.slice(3) : raw).split(".");
      const last = segments[segments.length - 1];
      const entry = { anyReceiver, segments, rule };
      if (last.endsWith("*")) this.wild.push(entry);
      else {
        const list = this.byLast.get(last) ?? [];
        list.push(entry);
        this.byLast.set(last, list);
      }
    }
  }

  match(path: readonly string[]): R[] {
    if (!path.length) return [];
    const out: R[] = [];
    const candidates = this.byLast.get(path[path.length - 1]);
    if (candidates) for (const c of candidates) if (fits(c, path)) out.push(c.rule);
    for (const c of this.wild) if (fits(c, path)) out.push(c.rule);
    return out;
  }
}

function fits<R>(c: Compiled<R>, path: readonly string[]): boolean {
  const n = c.segments.length;
  if (c.anyReceiver ? path.length <= n : path.length !== n) return false;
  const offset = path.length - n;
  for (let i = 0; i < n; i++) if (!segmentMatches(c.segments[i], path[offset + i])) return false;
  return true;
}
