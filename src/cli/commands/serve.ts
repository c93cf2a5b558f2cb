// `cwescope serve`: not built yet.
import type { Command } from "commander";
import { CliError } from "../errors.js";
import { action, type ProgramState } from "../program.js";

export function registerServe(program: Command, state: ProgramState): void {
  program
    .command("serve")
    .description("serve (not built yet)")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(state, async () => {
        throw new CliError("cwescope serve is not built yet");
      }),
    );
}
