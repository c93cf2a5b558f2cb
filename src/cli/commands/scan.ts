// `cwescope scan`: not built yet.
import type { Command } from "commander";
import { CliError } from "../errors.js";
import { action, type ProgramState } from "../program.js";

export function registerScan(program: Command, state: ProgramState): void {
  program
    .command("scan")
    .description("scan (not built yet)")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(state, async () => {
        throw new CliError("cwescope scan is not built yet");
      }),
    );
}
