// How noisy `cwescope scan` is on code nobody wrote to be vulnerable: findings per 1,000 units on the CPython standard
// library and on npm's own code (the trees bench/scan.mjs measures), by level, by CWE and by file context; with
// `--sample N --seed S`, N findings drawn at random with their path and ±3 lines of code, for a person to judge.
// Figures only, never assertions. Needs `npm run build` (the scan runs the built CLI, as a user would).
// Run: npx vite-node bench/noise.ts [--model <id>] [--only stdlib|npm] [--sample 30 --seed 1] [--keep DIR]
//   --keep DIR writes each tree's scan report there (stdlib.json, npm.json); --from DIR reads them instead of scanning.
import { execSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Finding, ScanResult } from "../src/scan/Finding.js";
import { createRng, shuffled } from "../src/util/random.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const model = option("--model") ?? "embedded";
const only = option("--only");
const sampleSize = Number(option("--sample") ?? 0);
const seed = Number(option("--seed") ?? 1);
const from = option("--from");
const keep = option("--keep");
if (!Number.isInteger(sampleSize) || sampleSize < 0 || !Number.isInteger(seed)) throw new Error("--sample and --seed take whole numbers");
if (!from && !existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("build first: npm run build");

interface Tree {
  name: string;
  key: string;
  dir: string;
  extra: string[];
}

const trees: Tree[] = [];
if (only !== "npm") {
  const dir = execSync("dpkg -L libpython3.11-stdlib | grep -m1 'python3.11$'", { encoding: "utf8" }).trim();
  trees.push({ name: `CPython 3.11 standard library (${dir})`, key: "stdlib", dir, extra: [] });
}
if (only !== "stdlib") {
  const dir = join(execSync("npm root -g", { encoding: "utf8" }).trim(), "npm");
  trees.push({ name: `npm's own code, bundled dependencies included (${dir})`, key: "npm", dir, extra: ["--scan-vendored"] });
}

/** Scan a tree with the built CLI (flags as in bench/scan.mjs) and return its JSON report. */
function scan(tree: Tree, out: string): ScanResult {
  const flags = ["scan", tree.dir, "--model", model, "--format", "json", "--output", out, "--allow-incomplete", "--no-progress", "--no-gitignore", "--root", tree.dir, ...tree.extra];
  const started = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "cwescope.js"), ...flags], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`cwescope scan ${tree.dir} exited ${r.status}: ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`);
  console.log(`  scanned in ${((performance.now() - started) / 1000).toFixed(1)} s (shared machine: wall time is indicative only)`);
  return JSON.parse(readFileSync(out, "utf8")) as ScanResult;
}

const per1000 = (n: number, units: number) => (units ? ((1000 * n) / units).toFixed(2) : "—");

/** Count findings by a key, most first. */
function tally(findings: readonly Finding[], key: (f: Finding) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

const work = keep ?? mkdtempSync(join(tmpdir(), "cwescope-noise-"));
if (keep) mkdirSync(keep, { recursive: true });
const pool: { tree: Tree; finding: Finding }[] = [];
console.log(`model ${model}`);
for (const tree of trees) {
  console.log(`\n${tree.name}`);
  const result = from ? (JSON.parse(readFileSync(join(from, `${tree.key}.json`), "utf8")) as ScanResult) : scan(tree, join(work, `${tree.key}.json`));
  const { summary } = result;
  const open = result.findings.filter((f) => !f.suppression);
  const units = summary.units;
  console.log(`  ${summary.files} files, ${summary.lines} lines, ${units} units; ${open.length} findings (${summary.suppressed} suppressed, ${summary.skipped} skipped files${summary.incomplete ? ", incomplete" : ""})`);
  const places = new Set(open.map((f) => `${f.file}:${f.startLine}`)).size;
  console.log(`  findings per 1,000 units: ${per1000(open.length, units)}   (per 1,000 lines: ${per1000(open.length, summary.lines)}; at ${places} distinct lines)`);
  const row = (label: string, counts: [string, number][]) => console.log(`  ${label}: ${counts.map(([k, n]) => `${k} ${n} (${per1000(n, units)})`).join(", ") || "none"}`);
  row("by level", tally(open, (f) => f.level));
  row("by file context", tally(open, (f) => f.context));
  row("by CWE", tally(open, (f) => `${f.cwe}`));
  const files = tally(open, (f) => f.file).slice(0, 5);
  console.log(`  files with most findings: ${files.map(([k, n]) => `${k} ${n}`).join(", ")}`);
  pool.push(...open.map((finding) => ({ tree, finding })));
}

if (sampleSize > 0) {
  const drawn = shuffled(pool, createRng(seed)).slice(0, sampleSize);
  console.log(`\n${drawn.length} of ${pool.length} findings drawn at random (seed ${seed}); judge each: real weakness / needs context / false positive`);
  drawn.forEach(({ tree, finding: f }, i) => {
    console.log(`\n#${i + 1} ${tree.key}:${f.file}:${f.startLine}  ${f.cwe} ${f.level} conf ${f.confidence.toFixed(2)} [${f.context}] in ${f.unit.kind} ${f.unit.name}`);
    console.log(`   ${f.message}`);
    for (const step of f.path) console.log(`   ${step.kind.padEnd(6)} L${step.line}: ${step.text}${step.note ? `  (${step.note})` : ""}`);
    if (f.inferred.length) console.log(`   inferred: ${f.inferred.join("; ")}`);
    const lines = readFileSync(join(tree.dir, f.file), "utf8").split("\n");
    for (let l = Math.max(1, f.startLine - 3); l <= Math.min(lines.length, f.endLine + 3); l++) {
      console.log(`   ${l >= f.startLine && l <= f.endLine ? ">" : " "}${String(l).padStart(5)}| ${lines[l - 1].slice(0, 160)}`);
    }
  });
}
if (!keep && !from) rmSync(work, { recursive: true, force: true });
