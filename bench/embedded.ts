// Embedded model throughput once units are parsed, against a bare tree walk of the same units.
// Each round parses afresh (untimed), so the one-off copy of each file out of WASM is part of what is timed.
// Run: npx vite-node bench/embedded.ts [dataset.jsonl …]   (defaults to the Python and JavaScript test sets)
import { readFileSync } from "node:fs";
import type { Tree } from "web-tree-sitter";
import { grammarOf, UnitSplitter, type CodeUnit, type SourceLanguage } from "../src/lang/index.js";
import { createEmbeddedDetector } from "../src/models/embedded/index.js";

const files = process.argv.slice(2).length ? process.argv.slice(2) : ["data/python/test.jsonl", "data/javascript/test.jsonl"];
const splitter = await UnitSplitter.create();
const detector = await createEmbeddedDetector("", {});
const sources: { code: string; language: SourceLanguage }[] = [];
for (const file of files) {
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { code: string; language: string };
    sources.push({ code: r.code, language: grammarOf(r.language) });
  }
}

function parseAll(): { units: CodeUnit[]; trees: Tree[] } {
  const units: CodeUnit[] = [];
  const trees: Tree[] = [];
  for (const s of sources) {
    const split = splitter.split(s.code, s.language);
    units.push(...split.units);
    trees.push(split.tree);
  }
  return { units, trees };
}

function bareWalk(unit: CodeUnit): number {
  const cursor = unit.node!.walk();
  let n = 1;
  outer: for (;;) {
    if (cursor.gotoFirstChild() || cursor.gotoNextSibling()) {
      n++;
      continue;
    }
    while (cursor.gotoParent()) {
      if (cursor.gotoNextSibling()) {
        n++;
        continue outer;
      }
    }
    break;
  }
  cursor.delete();
  return n;
}

function time(label: string, fn: (units: CodeUnit[]) => void, rounds: number): number {
  let elapsed = 0;
  let count = 0;
  for (let i = 0; i <= rounds; i++) {
    const { units, trees } = parseAll();
    const start = performance.now();
    fn(units);
    if (i > 0) {
      elapsed += performance.now() - start; // round 0 warms up
      count += units.length;
    }
    for (const t of trees) t.delete();
  }
  const perSecond = count / (elapsed / 1000);
  console.log(`${label.padEnd(34)} ${Math.round(perSecond).toLocaleString("en").padStart(10)} units/s`);
  return perSecond;
}

const rounds = 5;
let nodes = 0;
const walk = time("bare tree walk (cursor)", (units) => {
  nodes = 0;
  for (const u of units) nodes += bareWalk(u);
}, rounds);
const score = time("embedded scoreUnit (view + model)", (units) => {
  for (const u of units) detector.scoreUnit(u);
}, rounds);
const { units, trees } = parseAll();
for (const t of trees) t.delete();
console.log(`${units.length} units (${nodes} syntax nodes walked) from ${sources.length} files: ${files.join(", ")}`);
console.log(`scoreUnit takes ${(walk / score).toFixed(2)}× the time of a bare walk of the same units`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
