// `cwescope predict`: not built yet.
import type { Command } from "commander";
import { CliError } from "../errors.js";
import { action, type ProgramState } from "../program.js";

export function registerPredict(program: Command, state: ProgramState): void {
  program
    .command("predict")
    .description("predict (not built yet)")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(state, async () => {
        throw new CliError("cwescope predict is not built yet");
      }),
    );
}
