// The shape every scan output format implements; formats are registered in index.ts.
import type { ScanResult } from "../../scan/Finding.js";

export interface RenderOptions {
  /** ANSI colour (text format only). Defaults to `false`. */
  color?: boolean;
  /** Absolute scan root, written as `%SRCROOT%` in SARIF. Defaults to `result.summary.root`. */
  root?: string;
}

export interface ReportFormat {
  /** One line for `--help`. */
  description: string;
  /** Whether the scan should compute GitHub line hashes for this format. */
  wantsLineHashes?: boolean;
  render(result: ScanResult, options?: RenderOptions): string;
}
