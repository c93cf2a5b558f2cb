// Numeric command-line options: one parser, one error message, for every command.
import { parseModelId } from "../models/registry.js";
import { CliError } from "./errors.js";

/** Parse `text` as an integer >= `min` (default 1), or throw a UserError naming the flag. */
export function intOption(text: string, flag: string, min = 1): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < min) throw new CliError(`${flag} must be an integer >= ${min} (got "${text}")`);
  return n;
}

/** Parse `text` as a probability in [0, 1], or throw a UserError naming the flag. */
export function probabilityOption(text: string, flag: string): number {
  const p = Number(text);
  if (text.trim() === "" || !Number.isFinite(p) || p < 0 || p > 1) throw new CliError(`${flag} must be a number between 0 and 1 (got "${text}")`);
  return p;
}

/**
 * `--threshold`: the calibrated score the embedded model needs to flag a unit, instead of the operating point it
 * was trained with. Language models answer yes or no, so it is refused for them.
 */
export function embeddedThreshold(text: string | undefined, model: string): number | undefined {
  if (text === undefined) return undefined;
  if (parseModelId(model).backend !== "embedded") throw new CliError(`--threshold applies to the embedded model only (got --model ${model})`);
  return probabilityOption(text, "--threshold");
}

/** Like `intOption`, but an absent option stays undefined. */
export function optionalIntOption(text: string | undefined, flag: string, min = 1): number | undefined {
  return text === undefined ? undefined : intOption(text, flag, min);
}
