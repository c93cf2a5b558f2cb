// How much of a labelled set the engine's knowledge reaches, whatever the scorer does with it: the share of
// vulnerable records whose view holds a flagged sink hit (a tainted flow no protection cleaned, or a setting or
// literal that is itself the weakness) of the record's CWE family, beside the same share for safe records.
// Measure only: never choose a row, threshold or weight by these figures (see ../shared/realcode/README.md).
// Run: npx vite-node bench/knowledge-coverage.ts [set.jsonl …]
//   (defaults to ../shared/realcode/codeql-{javascript,python}.jsonl; skips a set that is absent)
import { existsSync, readFileSync } from "node:fs";
import { sameFamily } from "../src/cwe/index.js";
import { extractViewOfNode, grammarOf, UnitSplitter, type SinkHit } from "../src/lang/index.js";
import { PROTECTIONS } from "../src/lang/tables/protections.js";

const sets = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ["/work/shared/realcode/codeql-javascript.jsonl", "/work/shared/realcode/codeql-python.jsonl"];

/** A hit that stands as a candidate finding by itself: an unguarded flow, or a weakness with no protection table. */
function flagged(hit: SinkHit): boolean {
  if (hit.unguarded) return true;
  return hit.tainted && !hit.cleanedBy.length && (!PROTECTIONS[hit.concept] || PROTECTIONS[hit.concept]!.on === "scope");
}

const splitter = await UnitSplitter.create();
const pct = (n: number, d: number) => (d ? (n / d).toFixed(3) : "—");
for (const set of sets) {
  if (!existsSync(set)) {
    console.log(`${set}: absent, skipped`);
    continue;
  }
  let vulnerable = 0, anySink = 0, anyFlagged = 0, rightFamily = 0, rightExact = 0, safe = 0, safeFlagged = 0;
  const missedByCwe = new Map<string, number>();
  for (const line of readFileSync(set, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { code: string; language: string; cwe: string | null };
    const language = grammarOf(r.language);
    const tree = splitter.parse(r.code, language);
    let hits: SinkHit[];
    try {
      hits = extractViewOfNode(tree.rootNode, language).sinks;
    } finally {
      tree.delete();
    }
    const flags = hits.filter(flagged);
    if (!r.cwe) {
      safe++;
      if (flags.length) safeFlagged++;
      continue;
    }
    vulnerable++;
    if (hits.length) anySink++;
    if (flags.length) anyFlagged++;
    if (flags.some((h) => h.cwe === r.cwe)) rightExact++;
    if (flags.some((h) => h.cwe === r.cwe || sameFamily(h.cwe, r.cwe!))) rightFamily++;
    else missedByCwe.set(r.cwe, (missedByCwe.get(r.cwe) ?? 0) + 1);
  }
  console.log(`${set}: ${vulnerable} vulnerable, ${safe} safe`);
  console.log(`  vulnerable with any sink ${pct(anySink, vulnerable)}, a flagged hit ${pct(anyFlagged, vulnerable)}, of the right CWE family ${pct(rightFamily, vulnerable)}, exact CWE ${pct(rightExact, vulnerable)}`);
  console.log(`  safe with a flagged hit ${pct(safeFlagged, safe)}`);
  const top = [...missedByCwe].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log(`  missed (no flagged hit of the family), most first: ${top.map(([c, n]) => `${c} ${n}`).join(", ")}`);
}
splitter.delete();
