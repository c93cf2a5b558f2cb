// Precedence: flags > environment > configuration file > defaults; each effective value keeps where it came from.
import { isAbsolute, resolve } from "node:path";
import { UserError } from "../util/errors.js";
import type { LoadedConfig } from "./loadConfigFile.js";
import { ConfigFileSchema, type ConfigFile, type SettingKey } from "./schema.js";
import { envName, fromText, SETTINGS, type SettingSpec } from "./settings.js";

export type Origin =
  | { layer: "flag"; name: string }
  | { layer: "env"; name: string }
  | { layer: "file"; label: string; line?: number }
  | { layer: "default" };

export interface Setting<T = unknown> {
  value: T;
  /** Usually one; `exclude` lists each layer that added patterns. */
  origins: Origin[];
}

/** The effective value of every setting that has one; `file` is the configuration read, if any. */
export interface EffectiveSettings {
  values: Partial<ConfigFile>;
  origins: Partial<Record<SettingKey, Origin[]>>;
  file?: LoadedConfig;
}

export interface SettingLayers {
  /** Flag values by commander attribute, and whether each was given on the command line. */
  flags?: Record<string, unknown>;
  given?: (attr: string) => boolean;
  env?: NodeJS.ProcessEnv;
  file?: LoadedConfig;
}

/** Keys whose lists from every layer add up rather than replace (a project's exclusions stay excluded). */
const ADDITIVE = new Set<SettingKey>(["exclude"]);

export function resolveSettings(layers: SettingLayers): EffectiveSettings {
  const values: Record<string, unknown> = {};
  const origins: Partial<Record<SettingKey, Origin[]>> = {};
  const set = (key: SettingKey, value: unknown, origin: Origin) => {
    if (ADDITIVE.has(key) && Array.isArray(values[key]) && origins[key]?.[0]?.layer !== "default") {
      const merged = [...(values[key] as unknown[]), ...(value as unknown[])];
      values[key] = [...new Set(merged)];
      origins[key] = [...(origins[key] ?? []), origin];
    } else {
      values[key] = value;
      origins[key] = [origin];
    }
  };
  for (const spec of SETTINGS) {
    if (spec.default !== undefined) set(spec.key, spec.default, { layer: "default" });
    const file = layers.file;
    const fromFile = file?.values[spec.key];
    if (file && fromFile !== undefined) {
      const value = spec.relativePath ? relativeTo(file.dir, fromFile) : fromFile;
      set(spec.key, value, { layer: "file", label: file.label, line: file.lineOf([spec.key]) });
    }
    const env = envName(spec);
    const envText = env ? layers.env?.[env] : undefined;
    if (env && envText !== undefined && envText !== "") set(spec.key, validated(spec, fromText(spec.kind, envText), env, envText), { layer: "env", name: env });
    const raw = spec.attr ? layers.flags?.[spec.attr] : undefined;
    if (spec.attr && spec.flag && raw !== undefined && layers.given?.(spec.attr)) {
      const value = typeof raw === "string" ? fromText(spec.kind, raw) : raw;
      set(spec.key, validated(spec, value, spec.flag, String(raw)), { layer: "flag", name: spec.flag });
    }
  }
  return { values: values as Partial<ConfigFile>, origins, file: layers.file };
}

/** Check a flag's or variable's value against the file schema, so every layer obeys one contract. */
function validated(spec: SettingSpec, value: unknown, name: string, text: string): unknown {
  const result = ConfigFileSchema.shape[spec.key].safeParse(value);
  if (!result.success) throw new UserError(`${name}: ${result.error.issues[0]?.message ?? "invalid value"} (got "${text}")`);
  return result.data;
}

function relativeTo(dir: string, value: unknown): unknown {
  const one = (p: string) => (isAbsolute(p) ? p : resolve(dir, p));
  return Array.isArray(value) ? value.map((p) => one(String(p))) : one(String(value));
}

/** `.cwescope.yml:4`, `env CWESCOPE_MODEL`, `flag --model`, `default`. */
export function describeOrigin(origin: Origin): string {
  switch (origin.layer) {
    case "flag":
      return `flag ${origin.name}`;
    case "env":
      return `env ${origin.name}`;
    case "file":
      return origin.line ? `${origin.label.replace(/^(\S+)/, `$1:${origin.line}`)}` : origin.label;
    default:
      return "default";
  }
}
