// bench/scale: `cwescope scan` over generated trees of 250k, 500k and 1M lines of realistic Python and
// JavaScript (the dataset snippets, varied). Prints wall time, lines/s, peak RSS and the time ratio against
// the 250k tree (linear growth ≈ 2× and 4×). Figures only, never assertions. After `npm run build`:
//   node bench/scale.mjs [--model embedded] [--sizes 250000,500000,1000000] [--jobs N]
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const model = option("--model", "embedded");
const sizes = option("--sizes", "250000,500000,1000000").split(",").map(Number);
const jobs = option("--jobs");
const LINES_PER_FILE = 240;
if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("build first: npm run build");

const snippets = (file) =>
  readFileSync(join(ROOT, file), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .map((r) => r.code.replace(/\n*$/, "\n"));
const corpus = {
  py: [...snippets("data/python/train.jsonl"), ...snippets("data/python/test.jsonl")],
  js: snippets("data/javascript/test.jsonl"),
};

/** A tree of `total` lines: files of ~240 lines made of snippets whose function names carry the file and slot. */
function generate(dir, total) {
  let lines = 0;
  let files = 0;
  let k = 0;
  while (lines < total) {
    const ext = files % 5 < 3 ? "py" : "js"; // 60% Python, 40% JavaScript
    const pool = corpus[ext];
    const parts = [];
    let fileLines = 0;
    while (fileLines < LINES_PER_FILE && lines + fileLines < total) {
      const slot = k++;
      const code = pool[(slot * 7919) % pool.length]
        .replace(/\b(def|function|class)\s+([A-Za-z_$][\w$]*)/g, (_m, kw, name) => `${kw} ${name}_${files}_${slot}`)
        .replace(/(["'`])\/([a-z][\w-]*)/g, (_m, q, seg) => `${q}/${seg}-${slot % 97}`);
      parts.push(code);
      fileLines += code.split("\n").length - 1 + 1;
    }
    const sub = join(dir, `pkg${Math.floor(files / 100)}`);
    if (files % 100 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `mod_${files}.${ext}`), parts.join("\n"));
    lines += fileLines;
    files++;
  }
  return { files, lines };
}

/** Run the scan; peak RSS from /proc/<pid>/status VmHWM, polled until exit (threads included). */
function scan(dir) {
  return new Promise((resolve, reject) => {
    const out = join(dir, "..", `report-${Date.now()}.json`);
    const flags = ["scan", dir, "--model", model, "--format", "json", "--output", out, "--allow-incomplete", "--no-progress", "--no-gitignore", "--root", dir, ...(jobs ? ["--jobs", jobs] : [])];
    const started = performance.now();
    const child = spawn(process.execPath, [join(ROOT, "bin", "cwescope.js"), ...flags], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    let peakKb = 0;
    const poll = setInterval(async () => {
      try {
        const status = await readFile(`/proc/${child.pid}/status`, "utf8");
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {
        // the process is gone
      }
    }, 20);
    child.on("error", reject);
    child.on("close", async (code) => {
      clearInterval(poll);
      const ms = performance.now() - started;
      let summary = {};
      try {
        summary = JSON.parse(await readFile(out, "utf8")).summary ?? {};
      } catch {
        // no report
      }
      rmSync(out, { force: true });
      resolve({ code, ms, peakMb: peakKb / 1024, summary, stderr });
    });
  });
}

const tmp = mkdtempSync(join(tmpdir(), "cwescope-scale-"));
const rows = [];
try {
  for (const size of sizes) {
    const dir = join(tmp, `tree-${size}`);
    const g = generate(dir, size);
    const r = await scan(dir);
    if (r.code !== 0 && r.code !== 1) console.error(`scan of ${size} lines exited ${r.code}: ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`);
    rows.push({ size, ...g, ...r });
    rmSync(dir, { recursive: true, force: true });
    const base = rows[0];
    console.log(
      `${String(size).padStart(8)} lines  ${String(g.files).padStart(5)} files  ${(r.ms / 1000).toFixed(1).padStart(6)} s  ` +
        `${Math.round(g.lines / (r.ms / 1000)).toLocaleString("en-US").padStart(9)} lines/s  peak ${r.peakMb.toFixed(0).padStart(4)} MB  ` +
        `time ×${(r.ms / base.ms).toFixed(2)} for size ×${(size / base.size).toFixed(1)}  findings ${r.summary.findings ?? "?"}  units ${r.summary.units ?? "?"}`,
    );
  }
  const worst = Math.max(...rows.map((r) => r.peakMb));
  console.log(`model ${model}; peak memory ${worst.toFixed(0)} MB (budget 500 MB); time per line relative to the first size: ${rows.map((r) => ((r.ms / r.lines) / (rows[0].ms / rows[0].lines)).toFixed(2)).join(" / ")}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
