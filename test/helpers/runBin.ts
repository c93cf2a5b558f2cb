// Run the built bin as a child process without blocking the event loop (servers in the test process keep answering).
import { spawn, type ChildProcess } from "node:child_process";
import { BIN, ROOT } from "./cli.js";

export interface BinResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Start `node [nodeArgs] bin/cwescope.js args…`; `done` resolves when it exits. */
export function startBin(args: string[], options: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv; cwd?: string } = {}): { child: ChildProcess; done: Promise<BinResult> } {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += String(d)));
  child.stderr!.on("data", (d) => (stderr += String(d)));
  const done = new Promise<BinResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runBin(args: string[], options: Parameters<typeof startBin>[1] = {}): Promise<BinResult> {
  return startBin(args, options).done;
}
