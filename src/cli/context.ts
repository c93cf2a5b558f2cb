// What every command gets: a logger, stdout for data, and a place to put its exit code.
import type { Command } from "commander";
import { createLogger, type Logger } from "./log.js";

export interface CliContext {
  log: Logger;
  stdout: NodeJS.WritableStream;
  exitCode: number;
}

/** Build the context lazily from the root program's global options (--quiet/--verbose). */
export function contextFor(command: Command, stdout: NodeJS.WritableStream): CliContext {
  let root = command;
  while (root.parent) root = root.parent;
  const opts = root.opts<{ quiet?: boolean; verbose?: boolean }>();
  const log = createLogger(opts.quiet ? "quiet" : opts.verbose ? "verbose" : "normal");
  return { log, stdout, exitCode: 0 };
}

/** Signature of a command handler: returns the exit code. */
export type Handler<A extends unknown[]> = (ctx: CliContext, ...args: A) => Promise<number>;
