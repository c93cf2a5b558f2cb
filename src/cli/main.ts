// Entry point used by bin/cwescope.js: parse, run, return the exit code (never calls process.exit).
import { CommanderError } from "commander";
import { buildProgram, type ProgramState } from "./program.js";
import { EXIT } from "./errors.js";

export async function runCli(argv: string[], stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const state: ProgramState = { exitCode: EXIT.ok, stdout };
  const program = buildProgram(state);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return EXIT.ok;
      return EXIT.error;
    }
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.error;
  }
  return state.exitCode;
}
