// The manifest every report carries: what produced the numbers, so they can be reproduced.
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { PACKAGE_ROOT, VERSION } from "../version.js";
import type { Manifest } from "./reportTypes.js";

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: PACKAGE_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

export function cwescopeIdentity(): Manifest["cwescope"] {
  const commit = git(["rev-parse", "HEAD"]);
  const status = commit ? git(["status", "--porcelain", "--untracked-files=no"]) : null;
  return { version: VERSION, git_commit: commit, git_dirty: status === null ? null : status.length > 0 };
}

export function runtimeFacts(): Manifest["runtime"] {
  const cpu = cpus();
  return {
    node: process.versions.node,
    platform: process.platform,
    arch: process.arch,
    cpu: cpu[0]?.model.trim() ?? "unknown",
    cores: cpu.length,
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}

/** One line naming the machine, recorded beside every latency figure. */
export function machineLabel(): string {
  const r = runtimeFacts();
  return `${r.cpu}, ${r.cores} cores, ${r.memory_gib} GiB, ${r.platform}-${r.arch}, Node ${r.node}`;
}
