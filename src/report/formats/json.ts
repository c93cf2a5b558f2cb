// `--format json`: the whole scan result, stable field names (the contract scripts read).
import type { ReportFormat } from "./ReportFormat.js";

export const json: ReportFormat = {
  description: "the scan result as one JSON document: tool, summary, findings, skipped files, notes",
  render(result) {
    const { tool, summary, findings, skipped, notes } = result;
    return JSON.stringify({ tool, summary, findings, skipped, notes }, null, 2) + "\n";
  },
};
