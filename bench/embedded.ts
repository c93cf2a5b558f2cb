// Embedded model throughput once files are parsed: copying each tree out of WASM and finding its units
// (`UnitSplitter.split` less the parse), then the view and the model (`scoreUnit`) and the model alone, against the bare
// tree-sitter parse of the same files measured in the same rounds.
// Run: npx vite-node bench/embedded.ts [dataset.jsonl …]   (defaults to the Python and JavaScript test sets)
import { readFileSync } from "node:fs";
import { extractView, grammarOf, UnitSplitter, type CodeUnit, type SourceLanguage } from "../src/lang/index.js";
import { candidatesOf, createEmbeddedDetector, judge } from "../src/models/embedded/index.js";

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

// The snippets are small, so the first rounds mostly measure the JIT warming up.
const warmup = 2;
const rounds = 8;
const ms = { parse: 0, split: 0, score: 0 };
let units: CodeUnit[] = [];
let counted = 0;
for (let i = 0; i < warmup + rounds; i++) {
  let start = performance.now();
  for (const s of sources) splitter.parse(s.code, s.language).delete();
  const parse = performance.now() - start;
  start = performance.now();
  units = sources.flatMap((s) => splitter.split(s.code, s.language).units);
  const split = performance.now() - start;
  start = performance.now();
  for (const u of units) detector.scoreUnit(u);
  const score = performance.now() - start;
  if (i < warmup) continue;
  ms.parse += parse;
  ms.split += split;
  ms.score += score;
  counted += units.length;
}

// The model alone: candidate features, scores and findings of views computed beforehand.
const views = units.map((u) => ({ code: u.code, view: extractView(u) }));
let modelMs = 0;
for (let i = 0; i < warmup + rounds; i++) {
  const start = performance.now();
  for (const { code, view } of views) judge(detector.model, candidatesOf(detector.model.features, code, () => view));
  if (i >= warmup) modelMs += performance.now() - start;
}

const rate = (elapsed: number) => Math.round(counted / (elapsed / 1000)).toLocaleString("en").padStart(10);
const predict = ms.split - ms.parse + ms.score;
console.log(`${"tree-sitter parse (baseline)".padEnd(44)} ${rate(ms.parse)} units/s`);
console.log(`${"copy + units (split less the parse)".padEnd(44)} ${rate(ms.split - ms.parse)} units/s`);
console.log(`${"view + model (scoreUnit)".padEnd(44)} ${rate(ms.score)} units/s`);
console.log(`${"prediction once parsed (copy, view, model)".padEnd(44)} ${rate(predict)} units/s`);
console.log(`${"model alone (candidates → findings)".padEnd(44)} ${rate(modelMs)} units/s (${views.reduce((n, v) => n + v.view.sinks.length, 0)} candidates)`);
console.log(`${units.length} units from ${sources.length} files: ${files.join(", ")}`);
console.log(`prediction once parsed takes ${(predict / ms.parse).toFixed(2)}× the parse time`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
