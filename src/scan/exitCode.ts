// The scan's exit code: 2 when incomplete (unless allowed), 1 when a finding reaches --fail-on, else 0.
import type { SeverityLevel } from "../cwe/catalog.js";
import type { ScanResult } from "./Finding.js";

export const SEVERITY_LEVELS: readonly SeverityLevel[] = ["low", "medium", "high", "critical"];

export interface ExitPolicy {
  /** Lowest severity that fails the scan; `any` counts every finding. Defaults to `"any"`. */
  failOn?: SeverityLevel | "any";
  /** Exit 0/1 even when files were skipped or units failed. Defaults to `false`. */
  allowIncomplete?: boolean;
}

export function scanExitCode(result: ScanResult, policy: ExitPolicy = {}): 0 | 1 | 2 {
  if (result.summary.incomplete && !policy.allowIncomplete) return 2;
  const failOn = policy.failOn ?? "any";
  const floor = failOn === "any" ? 0 : SEVERITY_LEVELS.indexOf(failOn);
  return result.findings.some((f) => !f.suppression && SEVERITY_LEVELS.indexOf(f.level) >= floor) ? 1 : 0;
}
