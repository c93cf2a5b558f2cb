// Features of one candidate (a `SinkHit`): what the candidate scorer reads, identical at training and prediction
// time. Only shared concept ids appear, never identifiers from the code.
import type { SinkHit, UnitView } from "../../lang/index.js";

/** Sources the model tells apart; every other source kind is untrusted input (`input`). */
const SOURCE_CLASSES = new Set(["param", "exception", "stored"]);

/**
 * Facts of a candidate shared across sink concepts: what reached it (tainted, from which kind of source, how),
 * whether anything cleaned or guarded it, how its argument was built. A concept never seen in training still
 * scores from these (a tainted, unguarded, concatenated flow into a new `nosql` sink scores like one into `sql`).
 */
export function sharedFeatures(hit: SinkHit, view: UnitView): string[] {
  const out: string[] = [];
  if (hit.tainted) {
    out.push("tainted");
    for (const s of new Set(hit.sources.map((s) => (SOURCE_CLASSES.has(s) ? s : "input")))) out.push(`from:${s}`);
    for (const k of hit.kinds) out.push(`kind:${k}`);
    if (hit.cleanedBy.length) {
      out.push("cleaned");
      for (const g of hit.cleanedBy) out.push(`cleaned:${g}`);
    } else if (hit.unguarded) out.push("exposed");
    else out.push("tainted&guarded");
  } else out.push("untainted");
  if (hit.unguarded) out.push("unguarded");
  out.push(`shape:${hit.shape}`);
  if (hit.bound) out.push("bound");
  else if (hit.shape === "interpolated" || hit.shape === "concat") out.push(hit.tainted ? "built-unbound&tainted" : "built-unbound");
  for (const g of hit.guards) out.push(`guard:${g}`);
  if (hit.inferred.length) out.push("inferred");
  if (view.handler) out.push(hit.tainted ? "handler&tainted" : "handler");
  return out;
}

/**
 * All features of a candidate: the shared facts, the concept alone, each shared fact refined by the concept
 * (`sql&exposed`: what the facts mean for this kind of sink), and a few facts of the unit around it.
 */
export function candidateFeatures(hit: SinkHit, view: UnitView): string[] {
  const shared = sharedFeatures(hit, view);
  const c = hit.concept;
  const out = new Set<string>(shared);
  out.add(`sink:${c}`);
  for (const f of shared) out.add(`${c}&${f}`);
  out.add(`unit:sinks:${bucket(view.sinks.length)}`);
  out.add(`unit:rejects:${bucket(view.rejects)}`);
  if (view.hasError) out.add("unit:syntax-error");
  return [...out];
}

/** The feature a CWE head reads beside the candidate's: the CWE of the knowledge row that matched the sink. */
export function rowFeature(hit: Pick<SinkHit, "cwe">): string {
  return `row:${hit.cwe}`;
}

function bucket(n: number): string {
  return n === 0 ? "0" : n === 1 ? "1" : n <= 3 ? "2-3" : n <= 7 ? "4-7" : "8+";
}
