// Which commit a scan saw, when its root is inside a git work tree: SARIF `versionControlProvenance`. Local git only.
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";

export interface Provenance {
  /** The remote `origin` without credentials, else the work tree as a file URL. */
  repositoryUri: string;
  revisionId: string;
  branch?: string;
}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", ["-C", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 5000 }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A remote URL as it may be shown: scp-like `git@host:org/repo.git` as `ssh://`, user and password removed. */
export function publicRemote(remote: string): string | undefined {
  const scp = /^([^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(remote);
  const text = scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(remote) ? `ssh://${scp[2]}/${scp[3]}` : remote;
  try {
    const url = new URL(text);
    url.username = "";
    url.password = "";
    return url.href;
  } catch {
    return undefined;
  }
}

/** The commit (and branch, remote) of the work tree holding `root`; undefined outside git or without a commit. */
export function gitProvenance(root: string): Provenance | undefined {
  const revisionId = git(root, ["rev-parse", "HEAD"]);
  if (!revisionId) return undefined;
  const top = git(root, ["rev-parse", "--show-toplevel"]);
  const remote = git(root, ["remote", "get-url", "origin"]);
  const repositoryUri = (remote && publicRemote(remote)) ?? (top ? pathToFileURL(top.endsWith("/") ? top : top + "/").href : undefined);
  if (!repositoryUri) return undefined;
  const branch = git(root, ["symbolic-ref", "--short", "-q", "HEAD"]);
  return { repositoryUri, revisionId, ...(branch ? { branch } : {}) };
}
