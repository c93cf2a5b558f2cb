// bench/scan: whole-process throughput and peak memory of `cwescope scan` (embedded model) side by side with
// Debian's bandit on the CPython standard library and with ESLint 9 + eslint-plugin-security on npm's own
// code, plus the floor: bare tree-sitter parsing of the same files. Prints lines/s and the ratios
// (targets: >= 5x each baseline, <= 2x the parse floor). Figures only, never assertions.
//
// Prerequisites (not in CI): `apt-get install -y bandit time` (Debian 12: bandit 1.6.2, python3.11), the
// devDependencies (eslint, eslint-plugin-security), and `npm run build`. Run:
//   node bench/scan.mjs [--model <id>] [--only stdlib|npm]
import { execSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const model = option("--model") ?? "embedded";
const only = option("--only");
const tmp = mkdtempSync(join(tmpdir(), "cwescope-bench-"));

if (!existsSync("/usr/bin/time")) throw new Error("needs GNU time for peak memory: apt-get install -y time");
if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("build first: npm run build");

/** Run a command under GNU time: wall time measured here, peak RSS from `time -v`. */
function measure(label, command, commandArgs, cwd = ROOT) {
  const started = performance.now();
  const r = spawnSync("/usr/bin/time", ["-v", command, ...commandArgs], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  // GNU time appends its report to stderr; keep the command's own lines apart.
  const stderr = r.stderr.split(/\n\s*Command being timed:/)[0];
  return { label, code: r.status, wallMs, rssMb: rssKb / 1024, stdout: r.stdout, stderr };
}

function cwescope(dir, extra, jobs) {
  const out = join(tmp, "cwescope.json");
  const flags = ["scan", dir, "--model", model, "--format", "json", "--output", out, "--allow-incomplete", "--no-progress", "--no-gitignore", "--root", dir, "--jobs", String(jobs), ...extra];
  const run = measure(`cwescope (${model}, ${jobs} thread${jobs > 1 ? "s" : ""})`, process.execPath, [join(ROOT, "bin", "cwescope.js"), ...flags]);
  if (run.code !== 0 && run.code !== 1) return { ...run, failed: run.stderr.trim().split("\n").slice(-3).join(" | ") };
  const { summary } = JSON.parse(readFileSync(out, "utf8"));
  return { ...run, summary };
}

function floor(dir, extra) {
  const run = measure("tree-sitter parse only", process.execPath, [join(ROOT, "bench", "scan-parse-floor.mjs"), "--no-gitignore", ...extra, dir]);
  return { ...run, facts: JSON.parse(run.stdout.trim().split("\n").at(-1)) };
}

const targets = [];
if (only !== "npm") {
  const dir = execSync("dpkg -L libpython3.11-stdlib | grep -m1 'python3.11$'", { encoding: "utf8" }).trim();
  targets.push({
    name: `CPython 3.11 standard library (${dir})`,
    dir,
    extra: [],
    baseline: () => {
      const out = join(tmp, "bandit.json");
      const run = measure(`bandit ${execSync("bandit --version", { encoding: "utf8" }).split("\n")[0].split(" ")[1]}`, "bandit", ["-r", dir, "-f", "json", "-o", out, "-q"]);
      const report = JSON.parse(readFileSync(out, "utf8"));
      return { ...run, own: `${report.metrics._totals.loc} loc, ${report.results.length} issues` };
    },
  });
}
if (only !== "stdlib") {
  const dir = join(execSync("npm root -g", { encoding: "utf8" }).trim(), "npm");
  const eslint = join(ROOT, "node_modules", "eslint", "bin", "eslint.js");
  targets.push({
    name: `npm's own code, bundled dependencies included (${dir})`,
    dir,
    extra: ["--scan-vendored"],
    baseline: () => {
      const out = join(tmp, "eslint.json");
      const cfg = join(ROOT, "bench", "scan-eslint.config.mjs");
      const run = measure(`eslint ${execSync(`${process.execPath} ${eslint} --version`, { encoding: "utf8" }).trim()} + security`, process.execPath, [eslint, "-c", cfg, "--no-warn-ignored", "-f", "json", "-o", out, "."], dir);
      const report = JSON.parse(readFileSync(out, "utf8"));
      return { ...run, own: `${report.length} files, ${report.reduce((n, f) => n + f.messages.length, 0)} messages` };
    },
  });
}

const threads = [...new Set([1, availableParallelism()])];
const row = (cells) => cells.map((c, i) => String(c).padEnd([40, 8, 9, 9, 11, 10][i] ?? 0)).join(" ");
for (const target of targets) {
  console.log(`\n${target.name}`);
  const ours = threads.map((jobs) => cwescope(target.dir, target.extra, jobs));
  const base = target.baseline();
  const flo = floor(target.dir, target.extra);
  const lines = ours.find((r) => r.summary)?.summary.lines ?? flo.facts.lines;
  console.log(row(["tool", "files", "lines", "wall s", "lines/s", "peak MB"]));
  const print = (r, files, note = "") =>
    console.log(row([r.label, files, lines, (r.wallMs / 1000).toFixed(2), Math.round(lines / (r.wallMs / 1000)), r.rssMb.toFixed(0)]) + note);
  for (const r of ours) {
    if (r.failed) console.log(row([r.label, "-", "-", "-", "-", "-"]) + `failed (exit ${r.code}): ${r.failed}`);
    else {
      const s = r.summary;
      const stages = s.stages.map((st) => `${st.model} ${st.units} units ${st.ms} ms`).join(", ");
      print(r, s.files, `  parse ${s.parseMs} ms; ${stages} (thread-summed); ${s.findings} findings, ${s.skipped} skipped`);
    }
  }
  print(base, "-", `  exit ${base.code}; ${base.own}`);
  print(flo, flo.facts.files, `  ${flo.facts.ms} ms in-process`);
  for (const r of ours.filter((x) => !x.failed)) {
    console.log(`ratio  ${r.label} vs ${base.label}: ${(base.wallMs / r.wallMs).toFixed(2)}x the throughput (target >= 5x)`);
    console.log(`ratio  ${r.label} vs parse floor: ${(r.wallMs / flo.wallMs).toFixed(2)}x the time (target <= 2x)`);
  }
}
console.log(`\nload average at the end: ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")} on ${availableParallelism()} cores (other work on the machine skews wall times)`);
rmSync(tmp, { recursive: true, force: true });
