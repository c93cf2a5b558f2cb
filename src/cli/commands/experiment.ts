// `cwescope experiment`: not built yet.
import type { Command } from "commander";
import { CliError } from "../errors.js";
import { action, type ProgramState } from "../program.js";

export function registerExperiment(program: Command, state: ProgramState): void {
  program
    .command("experiment")
    .description("experiment (not built yet)")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(state, async () => {
        throw new CliError("cwescope experiment is not built yet");
      }),
    );
}
