#!/usr/bin/env node
// The only place that calls process.exit: the CLI computes an exit code and returns it.
import { runCli } from "../dist/cli/main.js";

const code = await runCli(process.argv.slice(2));
process.stdout.write("", () => process.exit(code));
