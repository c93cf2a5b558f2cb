// Bundle entry for the device check: the CLI from src/ (bin/cwescope.js runs the same runCli from dist/).
import { runCli } from "../src/cli/main.ts";

const code = await runCli(process.argv.slice(2));
process.stdout.write("", () => process.exit(code));
