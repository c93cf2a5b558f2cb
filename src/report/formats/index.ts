// The scan output formats by name: adding a format is one file plus one line here.
import type { ReportFormat } from "./ReportFormat.js";
import { json } from "./json.js";
import { sarif } from "./sarif.js";
import { text } from "./text.js";

export const formats = { text, json, sarif } satisfies Record<string, ReportFormat>;

export type FormatName = keyof typeof formats;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}

export type { ReportFormat, RenderOptions } from "./ReportFormat.js";
