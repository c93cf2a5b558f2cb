// `--diff-base REF`: the lines changed since the merge base of REF and HEAD (work tree included), to report only findings there.
import { execFileSync } from "node:child_process";
import { relative, resolve, sep } from "node:path";
import { UserError } from "../util/errors.js";
import type { Finding, ScanResult } from "./Finding.js";

/** Changed lines per file, keyed by the path relative to the scan root; `"all"` for a file git does not track yet. */
export type ChangedLines = Map<string, Set<number> | "all">;

function git(cwd: string, args: string[]): string {
  return execFileSync("git", ["-C", cwd, "-c", "core.quotePath=false", ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 512 * 1024 * 1024,
    timeout: 60_000,
  });
}

/** Lines added or edited since `ref` (from the merge base of `ref` and HEAD to the work tree), and untracked files. */
export function changedLines(root: string, ref: string): { lines: ChangedLines; base: string } {
  if (ref.startsWith("-")) throw new UserError(`--diff-base: "${ref}" is not a git ref`);
  let top: string;
  try {
    top = git(root, ["rev-parse", "--show-toplevel"]).trim();
  } catch {
    throw new UserError(`--diff-base needs a git work tree (${root} is not inside one)`);
  }
  let commit: string;
  try {
    commit = git(top, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]).trim();
  } catch {
    throw new UserError(`--diff-base: "${ref}" is not a commit in this repository (in CI, fetch it: actions/checkout with fetch-depth: 0)`);
  }
  let base = commit;
  try {
    base = git(top, ["merge-base", commit, "HEAD"]).trim() || commit;
  } catch {
    // No common history (or no HEAD yet): compare with the ref itself.
  }
  const diff = git(top, ["diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames", "--src-prefix=a/", "--dst-prefix=b/", base, "--"]);
  const lines: ChangedLines = new Map();
  const key = (path: string) => relative(root, resolve(top, path)).split(sep).join("/");
  for (const [path, set] of parseUnifiedDiff(diff)) lines.set(key(path), set);
  for (const path of git(top, ["ls-files", "--others", "--exclude-standard", "-z"]).split("\0").filter(Boolean)) lines.set(key(path), "all");
  return { lines, base };
}

/**
 * The new-side lines of a `-U0` diff, per file. A hunk that only deletes marks the lines either side of the cut,
 * since removing a check changes what the code around it does.
 */
export function parseUnifiedDiff(diff: string): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of diff.split("\n")) {
    if (line.startsWith("+++ ")) {
      const path = line.slice(4);
      current = path === "/dev/null" ? undefined : new Set();
      if (current) out.set(path.replace(/^b\//, ""), current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk || !current) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    if (count === 0) {
      current.add(Math.max(1, start));
      current.add(start + 1);
    } else for (let n = start; n < start + count; n++) current.add(n);
  }
  return out;
}

/** Whether a finding's lines, or any step of its path, were changed. */
export function onChangedLines(finding: Finding, changed: ChangedLines): boolean {
  const set = changed.get(finding.file);
  if (!set) return false;
  if (set === "all") return true;
  for (let n = finding.startLine; n <= finding.endLine; n++) if (set.has(n)) return true;
  return finding.path.some((step) => set.has(step.line));
}

/** The result with only the findings on changed lines; `outside` counts the others. */
export function keepChanged(result: ScanResult, changed: ChangedLines): { result: ScanResult; outside: number } {
  const kept = result.findings.filter((f) => onChangedLines(f, changed));
  const active = kept.filter((f) => !f.suppression).length;
  return {
    result: { ...result, findings: kept, summary: { ...result.summary, findings: active, suppressed: kept.length - active } },
    outside: result.findings.length - kept.length,
  };
}
