// What a project's configuration keeps of a scan's findings: a severity floor, CWEs on/off, the test-file policy, per-path overrides.
import { relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import type { SeverityLevel } from "../cwe/catalog.js";
import { SEVERITY_LEVELS } from "./exitCode.js";
import type { Finding, ScanResult } from "./Finding.js";

export interface CweSwitch {
  /** Keep only these CWEs. Defaults to every CWE. */
  only?: string[];
  /** Leave out these CWEs. Defaults to none. */
  ignore?: string[];
}

/** What applies to one finding; overrides change it for the files they match. */
export interface FindingRules {
  /** Lowest level reported. Defaults to `"low"` (everything). */
  severity?: SeverityLevel;
  cwes?: CweSwitch;
  /** Findings in tests and fixtures: `lower` keeps them (at the lowered severity), `ignore` leaves them out. Defaults to `"lower"`. */
  tests?: "lower" | "ignore";
}

export interface PathOverride extends FindingRules {
  /** gitignore-style patterns, relative to `base`. */
  paths: string[];
  /** Folder the patterns are relative to (the configuration file's). */
  base: string;
}

export interface FindingPolicy extends FindingRules {
  /** Later overrides win over earlier ones, and all over the top-level rules. */
  overrides?: PathOverride[];
}

/** Why a finding was left out, for the one-line account on stderr. */
export type DropReason = "severity" | "cwe" | "tests";

/** The result without the findings the policy leaves out; `dropped` counts them by reason. */
export function applyFindingPolicy(result: ScanResult, policy: FindingPolicy): { result: ScanResult; dropped: Record<DropReason, number> } {
  const matchers = (policy.overrides ?? []).map((o) => ({ rules: o, base: o.base, match: ignore().add(o.paths) as Ignore }));
  const root = result.summary.root;
  const dropped: Record<DropReason, number> = { severity: 0, cwe: 0, tests: 0 };
  const kept: Finding[] = [];
  for (const finding of result.findings) {
    let rules: FindingRules = policy;
    for (const m of matchers) {
      const rel = relative(m.base, resolve(root, finding.file)).split(sep).join("/");
      if (rel && !rel.startsWith("..") && m.match.ignores(rel)) rules = { ...rules, ...defined(m.rules) };
    }
    const reason = dropReason(finding, rules);
    if (reason) dropped[reason]++;
    else kept.push(finding);
  }
  const active = kept.filter((f) => !f.suppression).length;
  return { result: { ...result, findings: kept, summary: { ...result.summary, findings: active, suppressed: kept.length - active } }, dropped };
}

function dropReason(finding: Finding, rules: FindingRules): DropReason | undefined {
  if (rules.cwes?.only && !rules.cwes.only.includes(finding.cwe)) return "cwe";
  if (rules.cwes?.ignore?.includes(finding.cwe)) return "cwe";
  if (rules.tests === "ignore" && (finding.context === "test" || finding.context === "fixture")) return "tests";
  if (rules.severity && SEVERITY_LEVELS.indexOf(finding.level) < SEVERITY_LEVELS.indexOf(rules.severity)) return "severity";
  return undefined;
}

function defined(rules: FindingRules): FindingRules {
  const out: FindingRules = {};
  if (rules.severity) out.severity = rules.severity;
  if (rules.cwes) out.cwes = rules.cwes;
  if (rules.tests) out.tests = rules.tests;
  return out;
}
