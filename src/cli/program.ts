// The commander program: one file per command under commands/, each adding itself to the program.
import { Command, CommanderError } from "commander";
import { VERSION } from "../version.js";
import { CliError, EXIT } from "./errors.js";
import { contextFor, type CliContext } from "./context.js";
import { registerData } from "./commands/data.js";
import { registerTrain } from "./commands/train.js";
import { registerPredict } from "./commands/predict.js";
import { registerEval } from "./commands/eval.js";
import { registerExperiment } from "./commands/experiment.js";
import { registerFinetune } from "./commands/finetune.js";
import { registerServe } from "./commands/serve.js";
import { registerScan } from "./commands/scan.js";
import { registerCwes } from "./commands/cwes.js";
import { registerConfig } from "./commands/config.js";
import { addHelpExamples } from "./helpExamples.js";

export interface ProgramState {
  exitCode: number;
  stdout: NodeJS.WritableStream;
}

/**
 * Wrap a handler for commander: builds the context, records the exit code, and turns CliError and
 * other failures into exit 2 with one line on stderr.
 */
export function action<A extends unknown[]>(state: ProgramState, handler: (ctx: CliContext, ...args: A) => Promise<number>) {
  return async function (this: Command, ...args: unknown[]) {
    const ctx = contextFor(this, state.stdout);
    try {
      state.exitCode = await handler(ctx, ...(args as A));
    } catch (err) {
      // A usage error raised from inside a handler (command.error) was printed already; main() exits 2.
      if (err instanceof CommanderError) throw err;
      if (err instanceof CliError) {
        ctx.log.error(err.message);
        state.exitCode = err.code;
      } else if (err instanceof Error && err.name === "InputError") {
        ctx.log.error(err.message);
        state.exitCode = EXIT.error;
      } else {
        ctx.log.error(err instanceof Error ? (ctx.log.verbosity === "verbose" ? (err.stack ?? err.message) : err.message) : String(err));
        state.exitCode = EXIT.error;
      }
    }
  };
}

export function buildProgram(state: ProgramState): Command {
  const program = new Command("cwescope")
    .description("Private, on-premise detection of CWE weaknesses with small and fine-tuned language models")
    .version(VERSION, "-V, --version")
    .option("-q, --quiet", "print only results and errors")
    .option("-v, --verbose", "print debugging detail to stderr")
    // A usage error is one line and a pointer, not the whole help (subcommands inherit this).
    .showHelpAfterError("(see --help)")
    .exitOverride();
  registerData(program, state);
  registerTrain(program, state);
  registerPredict(program, state);
  registerEval(program, state);
  registerExperiment(program, state);
  registerFinetune(program, state);
  registerServe(program, state);
  registerScan(program, state);
  registerCwes(program, state);
  registerConfig(program, state);
  addHelpExamples(program);
  return program;
}
