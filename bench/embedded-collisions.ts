// Minimal pairs whose vulnerable and fixed twins get the same features: what the view cannot yet tell apart.
// Run: npx vite-node bench/embedded-collisions.ts [dataset.jsonl …] [--diff]   (defaults to Python train and val)
// Only for training and validation data: reading test errors to design features would leak the test set.
import { loadJsonl } from "../src/data/jsonl.js";
import { DatasetRecordSchema } from "../src/data/record.js";
import { UnitSplitter } from "../src/lang/index.js";
import { featurizeRecords } from "../src/train/featurizeRecords.js";
import { twinPairs } from "../src/train/twinPairs.js";

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
  const records = await loadJsonl(file, DatasetRecordSchema);
  const featurized = featurizeRecords(records, "view", splitter);
  const perCwe = new Map<string, [number, number]>();
  let same = 0;
  const pairs = twinPairs(records);
  for (const [vi, fi] of pairs) {
    const v = featurized[vi], f = featurized[fi];
    const cwe = v.record.cwe!;
    const row = perCwe.get(cwe) ?? [0, 0];
    row[1]++;
    const a = [...v.features].sort().join(" "), b = [...f.features].sort().join(" ");
    if (a === b) {
      same++;
      row[0]++;
      if (showDiff) console.log(`\n## ${v.record.pair} ${cwe}\n${lineDiff(f.record.code, v.record.code)}`);
    }
    perCwe.set(cwe, row);
  }
  console.log(`\n${file}: ${same}/${pairs.length} pairs with identical features`);
  console.log([...perCwe].sort().map(([c, [s, t]]) => `${c} ${s}/${t}`).join(", "));
}
splitter.delete();
