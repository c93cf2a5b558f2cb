#!/usr/bin/env node
// Datasheet figures that `data stats` does not print: the surface-cue (length) audit per language, and the
// most similar cross-file pairs by exact Jaccard over all pairs (no LSH), for data/README.md.
// Usage (after `npm run build`): node scripts/dataset-audit.mjs [--top 10] data/python/*.jsonl data/javascript/test.jsonl
import { loadJsonl, DatasetRecordSchema, jaccard } from "../dist/data/index.js";
import { surfaceCues } from "../dist/data/surfaceCues.js";
import { shingleHashes } from "../dist/data/normalize.js";

const args = process.argv.slice(2);
const topAt = args.indexOf("--top");
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 10;
const items = [];
for (const file of args) for (const r of await loadJsonl(file, DatasetRecordSchema)) items.push({ file, r, sh: shingleHashes(r.code) });

const f1 = (x) => x.toFixed(1);
const pct = (x) => `${(100 * x).toFixed(1)}%`;
console.log("| language | pairs | vulnerable lines mean / median | fixed lines mean / median | vulnerable chars mean / median | fixed chars mean / median | fix longer (chars) | fix has more lines | same line count | best length-only rule (pairs) | length AUC (one snippet) |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const c of surfaceCues(items.map((i) => i.r)))
  console.log(
    `| ${c.language} | ${c.pairs} | ${f1(c.vulnerable.meanLines)} / ${c.vulnerable.medianLines} | ${f1(c.fixed.meanLines)} / ${c.fixed.medianLines} | ` +
      `${f1(c.vulnerable.meanChars)} / ${c.vulnerable.medianChars} | ${f1(c.fixed.meanChars)} / ${c.fixed.medianChars} | ` +
      `${pct(c.fixLongerShare)} | ${pct(c.fixMoreLinesShare)} | ${pct(c.sameLinesShare)} | ${pct(c.lengthRuleAccuracy)} | ${c.singleSnippetLengthAuc.toFixed(3)} |`,
  );

const best = [];
for (let i = 0; top > 0 && i < items.length; i++)
  for (let j = i + 1; j < items.length; j++) {
    if (items[i].file === items[j].file) continue;
    const s = jaccard(items[i].sh, items[j].sh);
    if (best.length < top || s > best[best.length - 1].s) {
      best.push({ s, a: items[i], b: items[j] });
      best.sort((x, y) => y.s - x.s);
      if (best.length > top) best.pop();
    }
  }
console.log(`\n| similarity | record | record |\n|---:|---|---|`);
for (const { s, a, b } of best) console.log(`| ${s.toFixed(3)} | ${a.file} ${a.r.id} | ${b.file} ${b.r.id} |`);
