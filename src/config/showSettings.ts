// `config --show`: every setting's effective value and where it came from, as a table or JSON.
import { isAbsolute, relative } from "node:path";
import { CONFIG_NAMES } from "./loadConfigFile.js";
import { describeOrigin, type EffectiveSettings } from "./resolveSettings.js";
import { envName, SETTINGS } from "./settings.js";

function shown(value: unknown, cwd: string): string {
  if (value === undefined) return "-";
  if (Array.isArray(value)) return value.length ? value.map((v) => shown(v, cwd)).join(", ") : "(none)";
  if (typeof value === "string") return isAbsolute(value) ? relative(cwd, value) || "." : value;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export function settingsText(settings: EffectiveSettings, cwd = process.cwd()): string {
  const head = settings.file ? `configuration: ${settings.file.label}` : `configuration: none found (${CONFIG_NAMES.join(", ")}; from ${cwd} up to the git work tree's top)`;
  const rows = SETTINGS.map((spec) => [spec.key, shown(settings.values[spec.key], cwd), (settings.origins[spec.key] ?? []).map(describeOrigin).join(" + ") || "not set"]);
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i].length), i === 0 ? 7 : 5));
  const line = (r: string[]) => `${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2]}`.trimEnd();
  return [head, "", line(["setting", "value", "from"]), ...rows.map(line), "", "precedence: flags > environment (CWESCOPE_*) > file > defaults"].join("\n") + "\n";
}

export function settingsJson(settings: EffectiveSettings): string {
  const out = Object.fromEntries(
    SETTINGS.map((spec) => [spec.key, { value: settings.values[spec.key] ?? null, from: (settings.origins[spec.key] ?? []).map(describeOrigin), env: envName(spec) ?? null, flag: spec.flag ?? null }]),
  );
  return JSON.stringify({ file: settings.file?.file ?? null, settings: out }, null, 2) + "\n";
}
