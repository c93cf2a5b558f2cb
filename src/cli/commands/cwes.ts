// `cwescope cwes [--json] [--all] [--language python|javascript]`: the CWEs cwescope detects, from the catalog.
import type { Command } from "commander";
import { formatSupportedText, supportedCwes } from "../../cwe/supportedCwes.js";
import type { CweLanguage } from "../../cwe/entries.js";
import { CliError, EXIT } from "../errors.js";
import { action, type ProgramState } from "../program.js";

interface CwesFlags {
  json?: boolean;
  all?: boolean;
  language?: string;
}

function parseLanguage(text: string | undefined): CweLanguage | undefined {
  if (text === undefined) return undefined;
  const lang = text === "typescript" || text === "ts" || text === "js" ? "javascript" : text === "py" ? "python" : text;
  if (lang !== "python" && lang !== "javascript") throw new CliError(`--language: expected python, javascript or typescript (got "${text}")`);
  return lang;
}

export function registerCwes(program: Command, state: ProgramState): void {
  program
    .command("cwes")
    .description("list the CWEs cwescope detects (id, severity, languages, name), from its catalog")
    .option("--json", "print a JSON array (id, name, group, severity, level, languages, parents, url)")
    .option("--all", "also list the catalog's other entries (parents, memory-safety CWEs), which are not detected")
    .option("--language <lang>", "only CWEs that apply to python or javascript (typescript reads as javascript)")
    .action(
      action(state, async (ctx, flags: CwesFlags) => {
        const cwes = supportedCwes({ all: flags.all, language: parseLanguage(flags.language) });
        ctx.stdout.write(flags.json ? JSON.stringify(cwes, null, 2) + "\n" : formatSupportedText(cwes));
        const targets = cwes.filter((c) => c.group === "study" || c.group === "breadth").length;
        ctx.log.info(`${targets} target CWEs${flags.all ? `, ${cwes.length - targets} other catalog entries` : ""}`);
        return EXIT.ok;
      }),
    );
}
