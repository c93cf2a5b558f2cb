// Writes every view the embedded model would read, one JSON line each, so a pure refactor of the view can be
// proved byte-identical: run it before and after, then `cmp` the two files.
// Views of (a) whole dataset records (as EmbeddedDetector.scoreCode reads them) and (b) every unit of real files.
// Run: npx vite-node bench/view-snapshot.ts OUT.jsonl [dataset.jsonl …]
//   (datasets default to data/python/{train,val,test}.jsonl and data/javascript/test.jsonl; files are the
//    top-level Python standard library and npm's own lib/, where installed)
import { createWriteStream, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { extractView, extractViewOfNode, grammarOf, languageOfPath, UnitSplitter } from "../src/lang/index.js";

const [out, ...datasets] = process.argv.slice(2);
if (!out) throw new Error("usage: view-snapshot.ts OUT.jsonl [dataset.jsonl …]");
const recordFiles = datasets.length
  ? datasets
  : ["data/python/train.jsonl", "data/python/val.jsonl", "data/python/test.jsonl", "data/javascript/test.jsonl"];

/** Source files under `dir` (recursively when asked), sorted so the snapshot's order is stable. */
function sourceFiles(dir: string, recursive: boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive, withFileTypes: true })
    .filter((e) => e.isFile() && languageOfPath(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const realFiles = [...sourceFiles("/usr/lib/python3.11", false), ...sourceFiles("/usr/lib/node_modules/npm/lib", true)];
const splitter = await UnitSplitter.create();
const sink = createWriteStream(out);
let records = 0;
let units = 0;

for (const file of recordFiles) {
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id: string; code: string; language: string };
    const language = grammarOf(r.language);
    const tree = splitter.parse(r.code, language);
    try {
      sink.write(`${JSON.stringify({ id: r.id, view: extractViewOfNode(tree.rootNode, language) })}\n`);
    } finally {
      tree.delete();
    }
    records++;
  }
}

for (const file of realFiles) {
  // The splitter copies each tree out of WASM and frees it; units carry the copy.
  for (const u of splitter.split(readFileSync(file, "utf8"), languageOfPath(file)!, file).units) {
    sink.write(`${JSON.stringify({ id: `${file}:${u.startLine}:${u.kind}:${u.name}`, view: extractView(u) })}\n`);
    units++;
  }
}

await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
splitter.delete();
console.log(`${records} records from ${recordFiles.join(", ")}; ${units} units from ${realFiles.length} files → ${out}`);
