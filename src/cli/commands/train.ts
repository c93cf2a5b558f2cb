// `cwescope train`: not built yet.
import type { Command } from "commander";
import { CliError } from "../errors.js";
import { action, type ProgramState } from "../program.js";

export function registerTrain(program: Command, state: ProgramState): void {
  program
    .command("train")
    .description("train (not built yet)")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(state, async () => {
        throw new CliError("cwescope train is not built yet");
      }),
    );
}
