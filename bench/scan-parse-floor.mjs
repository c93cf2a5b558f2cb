// The floor for bench/scan.mjs: read and parse with tree-sitter the very files `cwescope scan` scans (same
// discovery, same skips), nothing else. Run after `npm run build`:
//   node bench/scan-parse-floor.mjs [--scan-vendored] [--no-gitignore] <paths…>
import { Parser } from "web-tree-sitter";
import { loadGrammars } from "../dist/lang/grammars.js";
import { discoverFiles } from "../dist/scan/discoverFiles.js";
import { readSource } from "../dist/scan/readSource.js";

const args = process.argv.slice(2);
const paths = args.filter((a) => !a.startsWith("--"));
const grammars = await loadGrammars();
const parsers = Object.fromEntries(Object.entries(grammars).map(([lang, grammar]) => [lang, new Parser().setLanguage(grammar)]));
let files = 0;
let lines = 0;
const started = performance.now();
for await (const item of discoverFiles(paths, { root: process.cwd(), vendored: args.includes("--scan-vendored"), gitignore: !args.includes("--no-gitignore") })) {
  if (item.kind !== "file") continue;
  const source = readSource(item.path);
  if (!source.ok) continue;
  parsers[item.language].parse(source.text)?.delete();
  files++;
  lines += source.lines;
}
console.log(JSON.stringify({ files, lines, ms: Math.round(performance.now() - started) }));
