// Options that several commands share (waiting, failure tolerance, comment stripping): declared and parsed in
// one place, so every command spells, documents and checks them the same way.
import type { Command } from "commander";
import { DEFAULT_MAX_FAILURE_RATE } from "../eval/spec.js";
import { CliError } from "./errors.js";
import { probabilityOption } from "./intOption.js";

/** `--timeout <seconds>`: the most one sample may wait for its model, retries included. */
export function addTimeoutOption(command: Command, what = "one sample may wait for the model, retries included"): Command {
  return command.option("--timeout <seconds>", `seconds ${what} (default: the backend's own)`);
}

/** `--timeout` in milliseconds, or undefined when not given. */
export function timeoutOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (text.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) throw new CliError(`--timeout must be a number of seconds > 0 (got "${text}")`);
  return Math.round(seconds * 1000);
}

/** `--max-failure-rate <p>`: above this share of failed samples a result is incomplete and the command exits 2. */
export function addMaxFailureRateOption(command: Command): Command {
  return command.option(
    "--max-failure-rate <p>",
    `share of failed samples (0-1) above which a result is incomplete and the command exits 2 (default: ${DEFAULT_MAX_FAILURE_RATE})`,
  );
}

/** `--max-failure-rate` as a number, or undefined when not given. */
export function maxFailureRateOption(text: string | undefined): number | undefined {
  return text === undefined ? undefined : probabilityOption(text, "--max-failure-rate");
}

/** `--strip-comments` / `--no-strip-comments`: comments (attacker-written text) kept away from language models. */
export function addStripCommentsOption(command: Command, byDefault = false): Command {
  return byDefault
    ? command.option("--no-strip-comments", "send comments and docstrings to language models verbatim (default: removed)")
    : command.option("--strip-comments", "remove comments and docstrings from code before it reaches a language model");
}
