#!/usr/bin/env node
// Quick checker for data/src/<language>/CWE-*.yaml authoring files (see data/src/README.md).
// Usage: node scripts/check-data-src.mjs data/src/python/CWE-89.yaml [...more files]
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { parse } from "yaml";
import { Parser, Language } from "web-tree-sitter";

const require = createRequire(import.meta.url);
const BANNED = /(vulnerab|\bvuln|unsafe|insecure|fixed|\bfix|\bbad|\bgood|cwe|exploit|attack|malicious|\bevil|\bhack|taint|dangerous|sanitiz|\bsecure_(?!filename)|\bsafe_(?!load|dump)|_safe\b|_secure\b|\bis_?safe|\bisSafe|\bmakeSafe|\bsafe[A-Z])/i;
const ALLOWED = /(dangerouslySetInnerHTML|safe_load|safe_dump|SafeLoader|secure_filename|secure:\s*(true|false)|httponly|DOMPurify\.sanitize|bleach|markupsafe|sanitize-html|sanitizeHtml)/gi;

await Parser.init();
const jsLang = await Language.load(require.resolve("tree-sitter-javascript/tree-sitter-javascript.wasm"));
const jsParser = new Parser();
jsParser.setLanguage(jsLang);

function shingles(code) {
  const toks = code.replace(/#.*|\/\/.*/g, "").match(/[A-Za-z_]\w*|\S/g) ?? [];
  const kw = new Set(["def","return","if","else","for","in","import","from","const","let","var","function","async","await","try","except","catch","class","new","with","as","not","and","or","is","None","null","true","false","True","False"]);
  const norm = toks.map((t) => (/^[A-Za-z_]\w*$/.test(t) && !kw.has(t) ? "I" : t));
  const s = new Set();
  for (let i = 0; i + 5 <= norm.length; i++) s.add(norm.slice(i, i + 5).join(" "));
  return s;
}
function jaccard(a, b) {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
}
function pyParse(code) {
  try {
    execFileSync("python3", ["-c", "import ast,sys; ast.parse(sys.stdin.read())"], { input: code, stdio: ["pipe", "pipe", "pipe"] });
    return null;
  } catch (e) {
    return String(e.stderr).trim().split("\n").slice(-2).join(" ");
  }
}
function jsParse(code) {
  const tree = jsParser.parse(code);
  if (!tree.rootNode.hasError) return null;
  let where = "";
  const walk = (n) => {
    if (where) return;
    if (n.isError || n.isMissing) { where = `line ${n.startPosition.row + 1}`; return; }
    for (const c of n.children) if (c.hasError || c.isError || c.isMissing) walk(c);
  };
  walk(tree.rootNode);
  return `syntax error near ${where || "?"}`;
}

let problems = 0;
for (const file of process.argv.slice(2)) {
  const doc = parse(readFileSync(file, "utf8"));
  const lang = doc.language;
  const say = (where, msg) => { problems++; console.log(`${file}: ${where}: ${msg}`); };
  const snippets = [];
  const check = (where, code) => {
    if (typeof code !== "string" || !code.trim()) return say(where, "empty code");
    const lines = code.replace(/\n$/, "").split("\n");
    if (lines.length < 5 || lines.length > 60) say(where, `${lines.length} lines (want 5-60)`);
    const err = lang === "python" ? pyParse(code) : jsParse(code);
    if (err) say(where, `does not parse: ${err}`);
    lines.forEach((l, i) => {
      const m = l.replace(ALLOWED, "").match(BANNED);
      if (m) say(where, `line ${i + 1}: label-leaking word "${m[0]}": ${l.trim()}`);
    });
    snippets.push({ where, sh: shingles(code) });
  };
  (doc.pairs ?? []).forEach((p, i) => {
    const w = `pair ${i + 1}`;
    check(`${w}.vulnerable`, p.vulnerable);
    check(`${w}.fixed`, p.fixed);
    if (p.vulnerable === p.fixed) say(w, "vulnerable and fixed are identical");
    const vl = String(p.vulnerable ?? "").split("\n");
    if (!Array.isArray(p.lines) || !p.lines.length) say(w, "missing lines");
    else for (const n of p.lines) if (!Number.isInteger(n) || n < 1 || n > vl.length || !vl[n - 1].trim()) say(w, `line ${n} is not a non-blank line of vulnerable`);
    const fl = String(p.fixed ?? "").split("\n");
    const changed = Math.abs(vl.length - fl.length) + vl.filter((l) => !fl.includes(l)).length;
    if (changed > 10) say(w, `fix changes ~${changed} lines; keep pairs minimal`);
  });
  (doc.negatives ?? []).forEach((n, i) => check(`negative ${i + 1}`, n.code));
  // near-duplicates inside the file (pair twins excluded)
  const vulnOnly = snippets.filter((s) => !s.where.endsWith(".fixed"));
  for (let i = 0; i < vulnOnly.length; i++)
    for (let j = i + 1; j < vulnOnly.length; j++) {
      const sim = jaccard(vulnOnly[i].sh, vulnOnly[j].sh);
      if (sim > 0.6) say(`${vulnOnly[i].where} ~ ${vulnOnly[j].where}`, `near-duplicate (shape similarity ${sim.toFixed(2)})`);
    }
  console.log(`${file}: ${doc.pairs?.length ?? 0} pairs, ${doc.negatives?.length ?? 0} negatives`);
}
console.log(problems ? `${problems} problem(s)` : "ok");
process.exitCode = problems ? 1 : 0;
