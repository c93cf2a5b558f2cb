// `cwescope eval`: not built yet.
import type { Command } from "commander";
import { CliError } from "../errors.js";
import { action, type ProgramState } from "../program.js";

export function registerEval(program: Command, state: ProgramState): void {
  program
    .command("eval")
    .description("eval (not built yet)")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(state, async () => {
        throw new CliError("cwescope eval is not built yet");
      }),
    );
}
