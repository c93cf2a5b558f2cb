// Each setting once: its flag, its environment variable, how text reads into it, and its default.
import type { SettingKey } from "./schema.js";

/** How a flag's or an environment variable's text reads into a value (the file gives typed values). */
export type SettingKind = "string" | "list" | "int" | "number" | "boolean" | "structured";

export interface SettingSpec {
  key: SettingKey;
  kind: SettingKind;
  /** The flag as typed (`--fail-on`) and commander's attribute for it; none for file-only settings. */
  flag?: string;
  attr?: string;
  /** The value when no layer sets it; absent means "not set". */
  default?: unknown;
  /** Read relative to the file that sets it (file layer only). */
  relativePath?: boolean;
  one: string;
}

export const SETTINGS: readonly SettingSpec[] = [
  { key: "paths", kind: "list", relativePath: true, one: "files and directories to scan when none are given" },
  { key: "root", kind: "string", flag: "--root", attr: "root", relativePath: true, one: "directory reported paths are relative to (a config file's folder when one is found)" },
  { key: "include", kind: "list", flag: "--include", attr: "include", default: [], one: "globs a file must match" },
  { key: "exclude", kind: "list", flag: "--exclude", attr: "exclude", default: [], one: "globs or names left out (flags add to the file's list)" },
  { key: "gitignore", kind: "boolean", flag: "--no-gitignore", attr: "gitignore", default: true, one: "honour .gitignore files" },
  { key: "scan-vendored", kind: "boolean", flag: "--scan-vendored", attr: "scanVendored", default: false, one: "scan vendored folders and bundles too" },
  { key: "max-file-bytes", kind: "int", flag: "--max-file-bytes", attr: "maxFileBytes", default: 1_000_000, one: "larger files are skipped (the scan is then incomplete)" },
  { key: "model", kind: "string", flag: "--model", attr: "model", default: "embedded", one: "model that scores every unit" },
  { key: "confirm", kind: "string", flag: "--confirm", attr: "confirm", one: "language model that confirms suspicious units" },
  { key: "threshold", kind: "number", flag: "--threshold", attr: "threshold", one: "embedded model's reporting score (default: the model's own)" },
  { key: "triage-threshold", kind: "number", flag: "--triage-threshold", attr: "triageThreshold", default: 0.5, one: "triage score a unit needs to reach --confirm" },
  { key: "base-url", kind: "string", flag: "--base-url", attr: "baseUrl", one: "OpenAI-compatible server for openai: ids" },
  { key: "api-key-env", kind: "string", flag: "--api-key-env", attr: "apiKeyEnv", one: "environment variable holding the API key" },
  { key: "concurrency", kind: "int", flag: "--concurrency", attr: "concurrency", default: 4, one: "concurrent requests to a language model" },
  { key: "jobs", kind: "int", flag: "--jobs", attr: "jobs", one: "threads for an embedded scan (default: one per core)" },
  { key: "severity", kind: "string", flag: "--severity", attr: "severity", default: "low", one: "lowest severity reported" },
  { key: "fail-on", kind: "string", flag: "--fail-on", attr: "failOn", default: "any", one: "lowest severity that makes the exit code 1" },
  { key: "allow-incomplete", kind: "boolean", flag: "--allow-incomplete", attr: "allowIncomplete", default: false, one: "exit 0/1 even when the scan is incomplete" },
  { key: "baseline", kind: "string", flag: "--baseline", attr: "baseline", relativePath: true, one: "report only findings not in this baseline" },
  { key: "diff-base", kind: "string", flag: "--diff-base", attr: "diffBase", one: "report only findings on lines changed since this git ref" },
  { key: "cwes", kind: "structured", default: {}, one: "CWEs on or off: {only: [...], ignore: [...]}" },
  { key: "tests", kind: "string", default: "lower", one: "findings in tests and fixtures: lower (reported lower) or ignore" },
  { key: "overrides", kind: "structured", default: [], one: "per-path cwes, severity and tests" },
];

/** `CWESCOPE_FAIL_ON` for `fail-on`; structured settings have no variable. */
export function envName(spec: SettingSpec): string | undefined {
  return spec.kind === "structured" ? undefined : `CWESCOPE_${spec.key.toUpperCase().replace(/-/g, "_")}`;
}

/** Read a flag's or a variable's text as the setting's kind (validation comes after, from the schema). */
export function fromText(kind: SettingKind, text: string): unknown {
  switch (kind) {
    case "list":
      return text.split(",").map((s) => s.trim()).filter(Boolean);
    case "int":
    case "number":
      return text.trim() === "" ? Number.NaN : Number(text);
    case "boolean":
      return /^(1|true|yes|on)$/i.test(text) ? true : /^(0|false|no|off)$/i.test(text) ? false : text;
    default:
      return text;
  }
}
