// Scores a model on the real-code development sets (../shared/realcode/codeql-{javascript,python}.jsonl) beside the
// always-vulnerable baseline, per gold CWE, and the scorer-independent coverage of the view: does the view of a
// vulnerable record hold any sink hit, any tainted hit, any hit of the gold CWE's family?
// MEASURE AND LOOK, NEVER FIT (../shared/realcode/README.md): these figures are reported, never used to choose a
// threshold, weight, rule or prompt.
// Run: npx vite-node bench/realcode.ts [--model <id>] [set.jsonl …]   (model defaults to `embedded`)
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sameFamily } from "../src/cwe/index.js";
import { loadJsonl } from "../src/data/jsonl.js";
import { DatasetRecordSchema, type DatasetRecord } from "../src/data/record.js";
import { alwaysVulnerable, answered, binaryMetrics, detectionMetrics, perCwe, type Scored } from "../src/eval/metrics.js";
import { extractViewOfNode, grammarOf, UnitSplitter, type UnitView } from "../src/lang/index.js";
import { createDetector } from "../src/models/registry.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf("--model");
const modelId = at === -1 ? "embedded" : args[at + 1];
if (!modelId) throw new Error("--model needs a model id");
const named = args.filter((_, i) => at === -1 || (i !== at && i !== at + 1));
const realcode = join(ROOT, "..", "shared", "realcode");
const sets = named.length ? named : ["codeql-javascript.jsonl", "codeql-python.jsonl"].map((f) => join(realcode, f));

const f3 = (x: number) => x.toFixed(3);
const pct = (n: number, d: number) => (d ? (n / d).toFixed(3) : "—");

/** Share of vulnerable samples whose predicted CWE matches the gold one (exactly, or in its family), over all vulnerable. */
function cweRecall(samples: readonly Scored[], family: boolean): number {
  const vulnerable = samples.filter((s) => s.gold.cwe !== null);
  const right = vulnerable.filter(({ gold, pred }) => pred.vulnerable && pred.cwe !== null && (family ? sameFamily(pred.cwe, gold.cwe!) : pred.cwe === gold.cwe));
  return vulnerable.length ? right.length / vulnerable.length : 0;
}

interface Coverage {
  sink: boolean;
  tainted: boolean;
  family: boolean;
}

function coverageOf(view: UnitView, gold: string): Coverage {
  return {
    sink: view.sinks.length > 0,
    tainted: view.sinks.some((h) => h.tainted),
    family: view.sinks.some((h) => sameFamily(h.cwe, gold)),
  };
}

function summaryRow(label: string, samples: readonly Scored[]): string {
  const m = detectionMetrics(samples);
  return [label.padEnd(22), f3(m.recall), f3(m.fpr), f3(m.precision), f3(m.f1), f3(m.mcc).padStart(6), f3(cweRecall(samples, false)), f3(cweRecall(samples, true))].join("  ") + `   (n ${m.n}, failed ${m.failed})`;
}

const splitter = await UnitSplitter.create();
const detector = await createDetector(modelId);
await detector.preflight();
console.log(`model ${modelId} (digest ${(await detector.digest()).slice(0, 12)}); figures are for looking, never for fitting`);
let found = 0;
for (const set of sets) {
  if (!existsSync(set)) {
    console.log(`\n${set}: absent, skipped (the real-code sets live in ../shared/realcode/ beside the repository)`);
    continue;
  }
  found++;
  const records: DatasetRecord[] = await loadJsonl(set, DatasetRecordSchema);
  const samples: Scored[] = [];
  const coverage = new Map<DatasetRecord, Coverage>();
  const started = performance.now();
  for (const r of records) {
    const pred = await detector.detect({ id: r.id, language: r.language, code: r.code });
    samples.push({ gold: { cwe: r.cwe }, pred });
    if (r.cwe === null) continue;
    const language = grammarOf(r.language);
    const tree = splitter.parse(r.code, language);
    try {
      coverage.set(r, coverageOf(extractViewOfNode(tree.rootNode, language), r.cwe));
    } finally {
      tree.delete();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const vulnerable = records.filter((r) => r.cwe !== null);
  console.log(`\n${set}: ${records.length} records, ${vulnerable.length} vulnerable, ${records.length - vulnerable.length} safe (${seconds.toFixed(1)} s, shared machine)`);
  console.log(`${"".padEnd(22)}  recall fpr    prec   f1     mcc     cwe-ex cwe-fam`);
  console.log(summaryRow(modelId, samples));
  console.log(summaryRow("always vulnerable", alwaysVulnerable(samples.map((s) => s.gold))));
  const cov = [...coverage.values()];
  const count = (key: keyof Coverage, of: readonly Coverage[]) => of.filter((c) => c[key]).length;
  console.log(`view coverage of vulnerable records (scorer-independent): any sink hit ${pct(count("sink", cov), cov.length)}, any tainted hit ${pct(count("tainted", cov), cov.length)}, a hit of the gold CWE's family ${pct(count("family", cov), cov.length)}`);

  // Per gold CWE: flagged at all (recall), with the exact CWE (from perCwe), with a family CWE, and view coverage.
  const exact = perCwe(answered(samples));
  const byCwe = new Map<string, number[]>();
  records.forEach((r, i) => r.cwe && byCwe.set(r.cwe, [...(byCwe.get(r.cwe) ?? []), i]));
  const top = [...byCwe].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).slice(0, 20);
  console.log(`top ${top.length} gold CWEs by count:`);
  console.log(`  ${"cwe".padEnd(9)} ${"n".padStart(4)}  recall cwe-ex cwe-fam  view: sink  taint  family`);
  for (const [cwe, idx] of top) {
    const sub = idx.map((i) => samples[i]);
    const subCov = idx.map((i) => coverage.get(records[i])!);
    console.log(
      `  ${cwe.padEnd(9)} ${String(idx.length).padStart(4)}  ${f3(binaryMetrics(answered(sub)).recall)}  ${f3(exact[cwe]?.recall ?? 0)}  ${f3(cweRecall(sub, true))}        ${pct(count("sink", subCov), subCov.length)}  ${pct(count("tainted", subCov), subCov.length)}  ${pct(count("family", subCov), subCov.length)}`,
    );
  }
}
splitter.delete();
await detector.close();
if (!found) console.log("no real-code set found: nothing measured");
