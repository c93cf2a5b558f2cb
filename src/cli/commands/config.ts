// `cwescope config --show`: the effective settings (environment, configuration file, defaults) and where each came from.
import type { Command } from "commander";
import { loadConfig } from "../../config/loadConfigFile.js";
import { resolveSettings } from "../../config/resolveSettings.js";
import { settingsJson, settingsText } from "../../config/showSettings.js";
import { EXIT } from "../errors.js";
import { action, type ProgramState } from "../program.js";

interface ConfigFlags {
  show?: boolean;
  json?: boolean;
  config?: string | false;
}

export function registerConfig(program: Command, state: ProgramState): void {
  program
    .command("config")
    .description("check the project configuration (.cwescope.yml, [tool.cwescope] in pyproject.toml, \"cwescope\" in package.json)")
    .option("--show", "print every setting's effective value and where it came from (the default)")
    .option("--json", "print it as JSON")
    .option("--config <file>", "read this configuration file instead of looking for one")
    .option("--no-config", "read no configuration file")
    .action(
      action(state, async (ctx, flags: ConfigFlags) => {
        const file = flags.config === false ? undefined : await loadConfig({ explicit: flags.config || process.env.CWESCOPE_CONFIG || undefined });
        const settings = resolveSettings({ env: process.env, file });
        ctx.stdout.write(flags.json ? settingsJson(settings) : settingsText(settings));
        ctx.log.info(file ? `${file.label}: valid` : "no configuration file: defaults and environment only");
        return EXIT.ok;
      }),
    );
}
