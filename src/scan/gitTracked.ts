// Files git tracks in a repository: a tracked file is not ignored by `.gitignore` (git's own rule), so the
// scan reads it. Asks `git ls-files` with the repository's fsmonitor hook switched off (the scanned
// repository is untrusted: its config must run nothing); without git, nothing counts as tracked.
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

const cache = new Map<string, Set<string> | undefined>();

/** Absolute paths of the files tracked in the repository at `top`, or undefined when git cannot say. */
export function gitTrackedFiles(top: string): Set<string> | undefined {
  if (cache.has(top)) return cache.get(top);
  let tracked: Set<string> | undefined;
  try {
    const out = execFileSync("git", ["-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false", "-C", top, "ls-files", "-z", "--cached"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 256 * 1024 * 1024,
      timeout: 30_000,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" },
    });
    tracked = new Set(out.split("\0").filter(Boolean).map((p) => resolve(join(top, p))));
  } catch {
    tracked = undefined;
  }
  cache.set(top, tracked);
  return tracked;
}
