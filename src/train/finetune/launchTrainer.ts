// `cwescope finetune run`: start trainer/train.py on a recipe, stream its progress, turn failures into clear errors.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { join, relative } from "node:path";
import { UserError } from "../../util/errors.js";
import { PACKAGE_ROOT } from "../../version.js";
import { parseTrainerEvent, type TrainerEvent } from "./trainerEvents.js";
import { accelerateLaunchArgs } from "./accelerateConfig.js";

export const TRAINER_SCRIPT = join(PACKAGE_ROOT, "trainer", "train.py");
export const TRAINER_REQUIREMENTS = join(PACKAGE_ROOT, "trainer", "requirements.txt");

export interface LaunchOptions {
  /** Recipe file (validated by the caller). */
  recipe: string;
  /** Python interpreter. Defaults to `python3`. */
  python?: string;
  /** Trainer script. Defaults to the package's `trainer/train.py`. */
  script?: string;
  /** Called for every JSON progress event. */
  onEvent?: (event: TrainerEvent) => void;
  /** Called for every other line the trainer prints (stdout or stderr). */
  onOutput?: (line: string, stream: "stdout" | "stderr") => void;
  /** Stops the trainer (SIGTERM). */
  signal?: AbortSignal;
  /** Extra environment for the trainer. */
  env?: NodeJS.ProcessEnv;
  /** Start one process per GPU with `accelerate launch` (placement fsdp / deepspeed / ddp). */
  accelerate?: { config: string; machineRank?: number; mainProcessIp?: string; mainProcessPort?: number; cpu?: boolean };
}

export interface LaunchResult {
  events: TrainerEvent[];
  /** Adapter folder from the trainer's `done` event. */
  adapter?: string;
}

/** Run the trainer to completion; rejects with a UserError (exit 2) naming the cause and the fix. */
export async function launchTrainer(options: LaunchOptions): Promise<LaunchResult> {
  const python = options.python ?? "python3";
  const script = options.script ?? TRAINER_SCRIPT;
  const args = options.accelerate ? accelerateLaunchArgs({ ...options.accelerate, script, recipe: options.recipe }) : ["-u", script, "--recipe", options.recipe];
  const child = spawn(python, args, {
    env: { ...process.env, PYTHONUNBUFFERED: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    signal: options.signal,
  });
  const events: TrainerEvent[] = [];
  const stderrTail: string[] = [];
  let missingModule: string | undefined;
  const lineOf = (stream: "stdout" | "stderr") => (line: string) => {
    const event = stream === "stdout" ? parseTrainerEvent(line) : undefined;
    if (event) {
      events.push(event);
      if (event.event === "error" && event.kind === "missing-module" && typeof event.module === "string") missingModule = event.module;
      options.onEvent?.(event);
      return;
    }
    const missing = /ModuleNotFoundError: No module named '([^']+)'/.exec(line);
    if (missing) missingModule ??= missing[1];
    if (stream === "stderr" && stderrTail.push(line) > 20) stderrTail.shift();
    options.onOutput?.(line, stream);
  };
  const stdoutDone = drain(createInterface({ input: child.stdout }), lineOf("stdout"));
  const stderrDone = drain(createInterface({ input: child.stderr }), lineOf("stderr"));

  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: NodeJS.ErrnoException }>((resolve) => {
    child.once("error", (error: NodeJS.ErrnoException) => resolve({ code: null, signal: null, error }));
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
  await Promise.all([stdoutDone, stderrDone]);

  if (exit.error?.code === "ENOENT") {
    throw new UserError(`Python not found: "${python}" could not be started. Install Python 3.10 or newer, or pass --python /path/to/python3`);
  }
  if (exit.error?.name === "AbortError") throw new UserError("training stopped");
  if (exit.error) throw new UserError(`could not start the trainer with "${python}": ${exit.error.message}`);
  if (missingModule) {
    throw new UserError(
      `the trainer needs the Python package "${missingModule.split(".")[0]}", which ${python} cannot import. ` +
        `Install the trainer's requirements: ${python} -m pip install -r ${relative(process.cwd(), TRAINER_REQUIREMENTS) || TRAINER_REQUIREMENTS}`,
    );
  }
  const done = events.findLast((e) => e.event === "done");
  if (exit.code !== 0 || !done) {
    const reported = events.findLast((e) => e.event === "error");
    const why = reported ? `${String(reported.kind)}: ${String(reported.message)}` : stderrTail.slice(-5).join("\n") || "no error message";
    const how = exit.signal ? `killed by ${exit.signal}` : exit.code === 0 ? "exit 0 without finishing" : `exit ${exit.code}`;
    throw new UserError(`trainer failed (${how}): ${why}`);
  }
  return { events, adapter: typeof done.adapter === "string" ? done.adapter : undefined };
}

async function drain(lines: AsyncIterable<string>, onLine: (line: string) => void): Promise<void> {
  for await (const line of lines) onLine(line);
}
