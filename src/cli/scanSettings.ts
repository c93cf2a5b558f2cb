// The scan's settings from its flags, the environment and the project configuration, and the finding policy they make.
import { isAbsolute, relative, resolve } from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../config/loadConfigFile.js";
import { resolveSettings, type EffectiveSettings } from "../config/resolveSettings.js";
import type { FindingPolicy } from "../scan/findingPolicy.js";

export interface ScanPlan {
  settings: EffectiveSettings;
  /** Paths to scan: the arguments, else the configuration's `paths`. */
  paths: string[];
  /** `--root`, else the configuration file's folder when every path lies inside it. */
  root?: string;
  policy: FindingPolicy;
}

/** Read the layers for `scan`: `--config`/`--no-config`/`CWESCOPE_CONFIG` pick the file. */
export async function scanPlan(command: Command, args: string[]): Promise<ScanPlan> {
  const flags = command.opts<Record<string, unknown>>();
  const explicit = typeof flags.config === "string" ? flags.config : process.env.CWESCOPE_CONFIG || undefined;
  const file = flags.config === false ? undefined : await loadConfig({ explicit });
  const settings = resolveSettings({ flags, given: (attr) => command.getOptionValueSource(attr) === "cli", env: process.env, file });
  const v = settings.values;
  const paths = (args.length ? args : v.paths) ?? [];
  // As commander words it, so a missing path reads like every other usage error (one line, then "see --help").
  if (!paths?.length && !flags.showConfig) command.error("error: missing required argument 'paths' (or set `paths` in .cwescope.yml)");
  const inside = (dir: string) => paths.every((p) => {
    const rel = relative(dir, resolve(p));
    return !rel.startsWith("..") && !isAbsolute(rel);
  });
  const root = v.root ? resolve(v.root) : (file && inside(file.dir) ? file.dir : undefined);
  const policy: FindingPolicy = {
    severity: v.severity,
    cwes: v.cwes,
    tests: v.tests,
    overrides: (v.overrides ?? []).map((o) => ({ ...o, base: file?.dir ?? process.cwd() })),
  };
  return { settings, paths, root, policy };
}
