// Integer command-line options: one parser, one error message, for every command.
import { CliError } from "./errors.js";

/** Parse `text` as an integer >= `min` (default 1), or throw a UserError naming the flag. */
export function intOption(text: string, flag: string, min = 1): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < min) throw new CliError(`${flag} must be an integer >= ${min} (got "${text}")`);
  return n;
}

/** Like `intOption`, but an absent option stays undefined. */
export function optionalIntOption(text: string | undefined, flag: string, min = 1): number | undefined {
  return text === undefined ? undefined : intOption(text, flag, min);
}
