// Find and read the project configuration: `.cwescope.yml`, `[tool.cwescope]` in pyproject.toml, or `cwescope` in package.json.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parse as parseToml, TomlError } from "smol-toml";
import { LineCounter, parseDocument, isNode } from "yaml";
import type { z } from "zod";
import { UserError } from "../util/errors.js";
import { keyLine, lineAt } from "./keyLine.js";
import { ConfigFileSchema, type ConfigFile } from "./schema.js";

/** Names looked for in each folder, first found wins. */
export const CONFIG_NAMES = [".cwescope.yml", ".cwescope.yaml", "pyproject.toml", "package.json"] as const;

export interface LoadedConfig {
  /** Absolute path of the file. */
  file: string;
  /** Its folder: relative paths in it, and per-path overrides, are read from here. */
  dir: string;
  /** How to name it in messages: relative to the current directory, with the table for pyproject.toml. */
  label: string;
  values: ConfigFile;
  /** 1-based line of a key path, when it can be told. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

interface Parsed {
  data: unknown;
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/**
 * The configuration in effect for `cwd`: the `explicit` file when given, else the nearest one in `cwd` or a folder
 * above it, stopping at the git work tree's top. Undefined when there is none.
 */
export async function loadConfig(options: { explicit?: string; cwd?: string } = {}): Promise<LoadedConfig | undefined> {
  const cwd = options.cwd ?? process.cwd();
  if (options.explicit) {
    const file = resolve(cwd, options.explicit);
    if (!existsSync(file)) throw new UserError(`${options.explicit}: no such configuration file`);
    const loaded = await readConfig(file, cwd);
    if (!loaded) throw new UserError(`${options.explicit}: holds no cwescope configuration (${sectionOf(file)})`);
    return loaded;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const file = join(dir, name);
      if (!existsSync(file)) continue;
      const loaded = await readConfig(file, cwd);
      if (loaded) return loaded;
    }
    if (existsSync(join(dir, ".git")) || dirname(dir) === dir) return undefined;
  }
}

function sectionOf(file: string): string {
  const name = basename(file);
  return name.endsWith(".toml") ? "no [tool.cwescope] table" : name === "package.json" ? 'no "cwescope" key' : "empty";
}

/** Read one file; undefined when a pyproject.toml or package.json has no cwescope section. */
async function readConfig(file: string, cwd: string): Promise<LoadedConfig | undefined> {
  const text = await readFile(file, "utf8");
  const name = basename(file);
  const shown = relative(cwd, file) || name;
  const kind = name.endsWith(".toml") ? "toml" : name.endsWith(".json") ? "json" : "yaml";
  const label = kind === "toml" ? `${shown} [tool.cwescope]` : kind === "json" ? `${shown} "cwescope"` : shown;
  const parsed = kind === "toml" ? parseTomlSection(text, shown) : kind === "json" ? parseJsonSection(text, shown) : parseYaml(text, shown);
  if (!parsed) return undefined;
  const result = ConfigFileSchema.safeParse(parsed.data ?? {});
  if (!result.success) throw new UserError(describeIssues(result.error.issues, shown, parsed.lineOf));
  return { file, dir: dirname(file), label, values: result.data, lineOf: parsed.lineOf };
}

function parseYaml(text: string, shown: string): Parsed {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  const error = doc.errors[0];
  if (error) throw new UserError(`${shown}:${error.linePos?.[0].line ?? 1}: not valid YAML: ${error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`);
  return {
    data: doc.toJS(),
    lineOf: (path) => {
      for (let n = path.length; n > 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

function parseTomlSection(text: string, shown: string): Parsed | undefined {
  const header = /^\s*\[\[?\s*tool\.cwescope\s*[\].]/m.exec(text);
  if (!header) return undefined;
  let data: Record<string, unknown>;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof TomlError) throw new UserError(`${shown}:${err.line}: not valid TOML: ${err.message.split("\n")[0]}`);
    throw err;
  }
  const tool = data.tool as Record<string, unknown> | undefined;
  return { data: tool?.cwescope, lineOf: (path) => keyLine(text, path, header.index, "toml") };
}

function parseJsonSection(text: string, shown: string): Parsed | undefined {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    // Only a package.json that means to configure cwescope is worth an error here.
    if (!/"cwescope"\s*:\s*\{/.test(text)) return undefined;
    const at = /position (\d+)/.exec((err as Error).message);
    throw new UserError(`${shown}:${at ? lineAt(text, Number(at[1])) : 1}: not valid JSON: ${(err as Error).message}`);
  }
  if (!data || typeof data !== "object" || !("cwescope" in data)) return undefined;
  const start = /"cwescope"\s*:\s*\{/.exec(text)?.index ?? 0;
  return { data: data.cwescope, lineOf: (path) => keyLine(text, path, start, "json") };
}

/** Every problem on its own line: `file:line: key: what is wrong`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], shown: string, lineOf: (path: readonly (string | number)[]) => number | undefined): string {
  return issues
    .map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      const unknownKey = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
      const where = unknownKey ? [...path, unknownKey] : path;
      const line = lineOf(where) ?? 1;
      const key = where.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").replace(/^\./, "") || "(top level)";
      const message = !unknownKey ? issue.message : path.length ? "unknown key" : `unknown key (known keys: ${Object.keys(ConfigFileSchema.shape).join(", ")})`;
      return `${shown}:${line}: ${key}: ${message}`;
    })
    .join("\n");
}
