// `data lint`: the authoring rules of data/src/README.md over YAML files, every problem with file and line.
import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { InputError } from "./jsonl.js";
import { findHelperLeaks, findLabelLeaks, formatLabelLeak } from "./leakage.js";
import { jaccard } from "./minhash.js";
import { shingleHashes } from "./normalize.js";
import { SourceFileSchema } from "./build.js";
import { formatZodError } from "./record.js";
import { changedLines } from "./generate/changedLines.js";
import type { SyntaxChecker } from "./generate/SyntaxChecker.js";

export interface LintProblem {
  file: string;
  /** YAML line of the snippet the problem is in. */
  line: number;
  where: string;
  message: string;
}

export interface LintOptions {
  syntax: SyntaxChecker;
  /** Most lines a fix may change. Defaults to `10`. */
  maxChangedLines?: number;
  /** Shape similarity at which two snippets of one file are near-duplicates. Defaults to `0.6`. */
  threshold?: number;
}

interface Snippet {
  where: string;
  line: number;
  code: string;
}

export async function lintSourceFile(file: string, options: LintOptions): Promise<{ problems: LintProblem[]; pairs: number; negatives: number }> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(await readFile(file, "utf8"), { lineCounter });
  if (doc.errors.length) throw new InputError(file, doc.errors[0].linePos?.[0]?.line ?? 1, `YAML: ${doc.errors[0].message.split("\n")[0]}`);
  const parsed = SourceFileSchema.safeParse(doc.toJS());
  if (!parsed.success) throw new InputError(file, 1, formatZodError(parsed.error));
  const src = parsed.data;
  const lineOf = (path: (string | number)[]) => {
    const node = doc.getIn(path, true) as YamlNode | undefined;
    return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  };
  const problems: LintProblem[] = [];
  const say = (s: Snippet, message: string) => problems.push({ file, line: s.line, where: s.where, message });
  const snippets: Snippet[] = [];
  src.pairs.forEach((p, i) => {
    const v = { where: `pair ${i + 1}.vulnerable`, line: lineOf(["pairs", i, "vulnerable"]), code: p.vulnerable };
    const f = { where: `pair ${i + 1}.fixed`, line: lineOf(["pairs", i, "fixed"]), code: p.fixed };
    snippets.push(v, f);
    const lines = p.vulnerable.replace(/\n$/, "").split("\n");
    for (const n of p.lines) if (n > lines.length || !lines[n - 1].trim()) say(v, `line ${n} is not a non-blank line of vulnerable`);
    if (p.vulnerable.trimEnd() === p.fixed.trimEnd()) say(f, "vulnerable and fixed are identical");
    const changed = changedLines(p.vulnerable, p.fixed);
    if (changed > (options.maxChangedLines ?? 10)) say(f, `fix changes ${changed} lines; keep pairs minimal`);
    for (const leak of findHelperLeaks(p.vulnerable, p.fixed, { language: src.language })) say(f, `${formatLabelLeak(leak)}, a helper only the fix calls`);
  });
  src.negatives.forEach((n, i) => snippets.push({ where: `negative ${i + 1}`, line: lineOf(["negatives", i, "code"]), code: n.code }));
  for (const s of snippets) {
    const count = s.code.replace(/\n$/, "").split("\n").length;
    if (count < 5 || count > 60) say(s, `${count} lines (want 5-60)`);
    for (const leak of findLabelLeaks(s.code, { language: src.language })) say(s, formatLabelLeak(leak));
  }
  const syntax = await options.syntax.check(snippets.map((s) => ({ code: s.code, language: src.language })));
  snippets.forEach((s, i) => syntax[i] && say(s, `does not parse: ${syntax[i]}`));
  // Near-duplicates inside the file; a pair's twins are meant to be alike.
  const heads = snippets.filter((s) => !s.where.endsWith(".fixed")).map((s) => ({ s, sh: shingleHashes(s.code) }));
  const threshold = options.threshold ?? 0.6;
  for (let i = 0; i < heads.length; i++)
    for (let j = i + 1; j < heads.length; j++) {
      const sim = jaccard(heads[i].sh, heads[j].sh);
      if (sim > threshold) say(heads[j].s, `near-duplicate of ${heads[i].s.where} (shape similarity ${sim.toFixed(2)})`);
    }
  problems.sort((a, b) => a.line - b.line);
  return { problems, pairs: src.pairs.length, negatives: src.negatives.length };
}

