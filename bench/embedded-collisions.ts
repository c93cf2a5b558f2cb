// Minimal pairs whose vulnerable and fixed twins get the same features: what the view cannot yet tell apart.
// Run: npx vite-node bench/embedded-collisions.ts [dataset.jsonl …] [--diff]   (defaults to Python train and val)
// Only for training and validation data: reading test errors to design features would leak the test set.
import { readFileSync } from "node:fs";
import { grammarOf, UnitSplitter } from "../src/lang/index.js";
import { featurizeRecords } from "../src/train/featurizeRecords.js";
import { DatasetRecordSchema, type DatasetRecord } from "../src/data/record.js";

const argv = process.argv.slice(2);
const showDiff = argv.includes("--diff");
const files = argv.filter((a) => !a.startsWith("--"));
const inputs = files.length ? files : ["data/python/train.jsonl", "data/python/val.jsonl"];
const splitter = await UnitSplitter.create();

function lineDiff(a: string, b: string): string {
  const al = a.split("\n"), bl = b.split("\n");
  const bs = new Set(bl), as = new Set(al);
  return [...al.filter((l) => !bs.has(l)).map((l) => `  - ${l}`), ...bl.filter((l) => !as.has(l)).map((l) => `  + ${l}`)].join("\n");
}

for (const file of inputs) {
  const records: DatasetRecord[] = readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => DatasetRecordSchema.parse(JSON.parse(l)));
  void grammarOf;
  const featurized = featurizeRecords(records, "view", splitter);
  const byPair = new Map<string, { v?: (typeof featurized)[number]; f?: (typeof featurized)[number] }>();
  for (const r of featurized) {
    if (!r.record.pair) continue;
    const entry = byPair.get(r.record.pair) ?? {};
    if (r.record.cwe) entry.v = r;
    else entry.f = r;
    byPair.set(r.record.pair, entry);
  }
  const perCwe = new Map<string, [number, number]>();
  let same = 0, total = 0;
  for (const [pair, { v, f }] of byPair) {
    if (!v || !f) continue;
    total++;
    const cwe = v.record.cwe!;
    const row = perCwe.get(cwe) ?? [0, 0];
    row[1]++;
    const a = [...v.features].sort().join(" "), b = [...f.features].sort().join(" ");
    if (a === b) {
      same++;
      row[0]++;
      if (showDiff) console.log(`\n## ${pair} ${cwe}\n${lineDiff(f.record.code, v.record.code)}`);
    }
    perCwe.set(cwe, row);
  }
  console.log(`\n${file}: ${same}/${total} pairs with identical features`);
  console.log([...perCwe].sort().map(([c, [s, t]]) => `${c} ${s}/${t}`).join(", "));
}
splitter.delete();
