// Which features a meaning-preserving edit adds or removes (train/val only: never design from test errors).
// Run: npx vite-node bench/embedded-edit-features.ts [dataset.jsonl] [edit-kind] [--show N]
import { readFileSync } from "node:fs";
import { grammarOf, UnitSplitter, extractViewOfNode, viewFeatures } from "../src/lang/index.js";
import { DatasetRecordSchema, type DatasetRecord } from "../src/data/record.js";
import { editRecord } from "../src/eval/robustness/index.js";
import type { EditKind } from "../src/eval/robustness/index.js";

const argv = process.argv.slice(2);
const file = argv[0] ?? "data/python/train.jsonl";
const kind = (argv[1] ?? "dead-code") as EditKind;
const show = Number(argv[argv.indexOf("--show") + 1] || 0);
const splitter = await UnitSplitter.create();
const records: DatasetRecord[] = readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => DatasetRecordSchema.parse(JSON.parse(l)));
const feats = (code: string, lang: ReturnType<typeof grammarOf>) => {
  const tree = splitter.parse(code, lang);
  try { return new Set(viewFeatures(extractViewOfNode(tree.rootNode, lang))); } finally { tree.delete(); }
};
const counts = new Map<string, number>();
let changed = 0, n = 0, shown = 0;
for (const r of records) {
  const e = editRecord(splitter, r, kind, 1);
  if (!e) continue;
  n++;
  const lang = grammarOf(r.language);
  const a = feats(r.code, lang), b = feats(e.code, lang);
  const diff = [...[...b].filter((f) => !a.has(f)).map((f) => `+${f}`), ...[...a].filter((f) => !b.has(f)).map((f) => `-${f}`)];
  if (diff.length) changed++;
  for (const d of diff) counts.set(d, (counts.get(d) ?? 0) + 1);
  if (diff.length && shown < show) { shown++; console.log(`--- ${r.id}\n${diff.join(" ")}\n${e.code}\n`); }
}
console.log(`${file} ${kind}: ${changed}/${n} edited records change features`);
for (const [f, c] of [...counts].sort((x, y) => y[1] - x[1]).slice(0, 30)) console.log(`${String(c).padStart(4)} ${f}`);
