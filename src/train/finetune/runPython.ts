// Run a Python tool (llama.cpp's converters, trainer/merge.py) to completion; failures become one clear UserError.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { UserError } from "../../util/errors.js";
import { PACKAGE_ROOT } from "../../version.js";

/** The virtual environment `.ci/run` and the README's install step create. */
export const TRAINER_VENV = join(PACKAGE_ROOT, ".venv-trainer");

/** `$CWESCOPE_PYTHON`, else the project's trainer venv when it exists, else `python3`. */
export function defaultTrainerPython(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CWESCOPE_PYTHON) return env.CWESCOPE_PYTHON;
  const venv = join(TRAINER_VENV, "bin", "python");
  return existsSync(venv) ? venv : "python3";
}

export interface PythonRun {
  python: string;
  args: string[];
  /** What the step is, for error messages ("convert the adapter"). */
  what: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  onOutput?: (line: string, stream: "stdout" | "stderr") => void;
}

/** Resolves with stdout's lines; rejects with the step, the exit status and the last lines of stderr. */
export async function runPython(run: PythonRun): Promise<string[]> {
  const child = spawn(run.python, run.args, { cwd: run.cwd, env: { ...process.env, PYTHONUNBUFFERED: "1", ...run.env }, stdio: ["ignore", "pipe", "pipe"] });
  const stdout: string[] = [];
  const stderrTail: string[] = [];
  const drain = async (stream: "stdout" | "stderr") => {
    for await (const line of createInterface({ input: child[stream] })) {
      if (stream === "stdout") stdout.push(line);
      else if (stderrTail.push(line) > 20) stderrTail.shift();
      run.onOutput?.(line, stream);
    }
  };
  const drained = Promise.all([drain("stdout"), drain("stderr")]);
  const exit = await new Promise<{ code: number | null; error?: NodeJS.ErrnoException }>((resolve) => {
    child.once("error", (error: NodeJS.ErrnoException) => resolve({ code: null, error }));
    child.once("close", (code) => resolve({ code }));
  });
  await drained;
  if (exit.error?.code === "ENOENT") throw new UserError(`Python not found: "${run.python}" could not be started; pass --python /path/to/python3`);
  if (exit.error) throw new UserError(`could not ${run.what} with "${run.python}": ${exit.error.message}`);
  if (exit.code !== 0) {
    const missing = stderrTail.map((l) => /ModuleNotFoundError: No module named '([^']+)'/.exec(l)?.[1]).find(Boolean);
    if (missing) throw new UserError(`could not ${run.what}: ${run.python} cannot import "${missing.split(".")[0]}"; install trainer/requirements.txt into it`);
    throw new UserError(`could not ${run.what} (exit ${exit.code}): ${stderrTail.slice(-6).join("\n") || "no error message"}`);
  }
  return stdout;
}
