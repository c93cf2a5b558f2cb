#!/usr/bin/env node
// The per-CWE count table of data/README.md, from `cwescope data stats --json` of each dataset file.
// Usage (after `npm run build`): node scripts/datasheet-counts.mjs
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { TARGET_CWES, cweName } from "../dist/cwe/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const stats = (file) => JSON.parse(execFileSync(process.execPath, ["bin/cwescope.js", "data", "stats", "--json", file], { cwd: root, encoding: "utf8" }));
const files = { train: "data/python/train.jsonl", val: "data/python/val.jsonl", test: "data/python/test.jsonl", js: "data/javascript/test.jsonl" };
const s = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, stats(f)]));
const per = (k, lang, cwe) => s[k].byLanguage[lang]?.perCwe[cwe] ?? { pairs: 0, negative: 0 };
console.log("| CWE | name | Python pairs train / val / test | Python hard negatives train / val / test | Python records | JavaScript pairs | JavaScript hard negatives | JavaScript records |");
console.log("|---|---|---:|---:|---:|---:|---:|---:|");
const total = { py: 0, js: 0 };
for (const cwe of TARGET_CWES) {
  const py = ["train", "val", "test"].map((k) => per(k, "python", cwe));
  const js = per("js", "javascript", cwe);
  const pyRecords = py.reduce((a, c) => a + 2 * c.pairs + c.negative, 0);
  const jsRecords = 2 * js.pairs + js.negative;
  total.py += pyRecords;
  total.js += jsRecords;
  console.log(`| ${cwe} | ${cweName(cwe)} | ${py.map((c) => c.pairs).join(" / ")} | ${py.map((c) => c.negative).join(" / ")} | ${pyRecords} | ${js.pairs} | ${js.negative} | ${jsRecords} |`);
}
console.log(`| **all** | | ${["train", "val", "test"].map((k) => s[k].records).join(" / ")} records | | **${total.py}** | | | **${total.js}** |`);
