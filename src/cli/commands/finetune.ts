// `cwescope finetune`: not built yet.
import type { Command } from "commander";
import { CliError } from "../errors.js";
import { action, type ProgramState } from "../program.js";

export function registerFinetune(program: Command, state: ProgramState): void {
  program
    .command("finetune")
    .description("finetune (not built yet)")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(state, async () => {
        throw new CliError("cwescope finetune is not built yet");
      }),
    );
}
