// Run the real CLI in-process (from src via vitest) or as a child process of the built bin.
import { spawnSync } from "node:child_process";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { runCli } from "../../src/cli/main.js";

export const BIN = fileURLToPath(new URL("../../bin/cwescope.js", import.meta.url));
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Run in-process; captures stdout. stderr goes to the test output. */
export async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const sink = new Writable({
    write(chunk, _enc, done) {
      stdout += String(chunk);
      done();
    },
  });
  const code = await runCli(args, sink);
  return { code, stdout };
}

/** Run the built bin as a separate process (needs `npm run build`). */
export function cliProcess(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    input: options.input,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
