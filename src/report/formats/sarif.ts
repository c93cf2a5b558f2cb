// `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it (rules with help, security-severity,
// CWE tags, partialFingerprints, in-source suppressions, skipped files as tool notifications).
import { pathToFileURL } from "node:url";
import { PACKAGE } from "../../version.js";
import { cweName, sarifCweTag, severityLevel, severityOf } from "../../cwe/catalog.js";
import type { Finding, ScanResult } from "../../scan/Finding.js";
import { shortCweName } from "../../scan/buildFinding.js";
import { cweGuidance, cweUrl } from "./cweGuidance.js";
import type { ReportFormat } from "./ReportFormat.js";

const SRCROOT = "%SRCROOT%";
/** The project's homepage from package.json; no made-up address when it has none. */
const HOMEPAGE: string | undefined = PACKAGE.homepage;
const LEVEL = { critical: "error", high: "error", medium: "warning", low: "note" } as const;

export const sarif: ReportFormat = {
  description: "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers",
  wantsLineHashes: true,
  render(result, options = {}) {
    const root = options.root ?? result.summary.root;
    const ruleIds = [...new Set(result.findings.map((f) => f.cwe))].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
    const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
    const log = {
      $schema: "https://json.schemastore.org/sarif-2.1.0.json",
      version: "2.1.0",
      runs: [
        {
          tool: {
            driver: {
              name: "cwescope",
              version: result.tool.version,
              semanticVersion: result.tool.version,
              ...(HOMEPAGE ? { informationUri: HOMEPAGE } : {}),
              rules: ruleIds.map(rule),
            },
          },
          originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(root.endsWith("/") ? root : root + "/").href } },
          ...(result.provenance ? { versionControlProvenance: [{ ...result.provenance, mappedTo: { uriBaseId: SRCROOT } }] } : {}),
          invocations: [invocation(result)],
          results: result.findings.map((f) => sarifResult(f, ruleIndex.get(f.cwe)!)),
          columnKind: "utf16CodeUnits",
          properties: { summary: result.summary },
        },
      ],
    };
    return JSON.stringify(log, null, 2) + "\n";
  },
};

function rule(id: string) {
  const name = cweName(id);
  const advice = cweGuidance(id);
  const shortName = shortCweName(name);
  const level = LEVEL[severityLevel(severityOf(id))];
  return {
    id,
    name: shortName.replace(/[^A-Za-z0-9]+(.)?/g, (_: string, c?: string) => (c ? c.toUpperCase() : "")).replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: `${id}: ${shortName}` },
    fullDescription: { text: `${id}: ${name}. ${advice}` },
    help: {
      text: `${name} (${id}). ${advice} See ${cweUrl(id)}.`,
      markdown: `**${id}: ${name}**\n\n${advice}\n\nFindings come from cwescope's model and are probabilistic: review the flagged lines.\n\n[${id} on cwe.mitre.org](${cweUrl(id)})`,
    },
    helpUri: cweUrl(id),
    defaultConfiguration: { level },
    properties: {
      tags: ["security", sarifCweTag(id)],
      "security-severity": severityOf(id).toFixed(1),
      precision: "medium",
      "problem.severity": level === "note" ? "recommendation" : level,
    },
  };
}

function artifact(path: string) {
  return { uri: path.split("/").map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

function region(f: Finding) {
  return {
    startLine: f.startLine,
    endLine: f.endLine,
    ...(f.startColumn ? { startColumn: f.startColumn } : {}),
    ...(f.endColumn && f.startLine === f.endLine ? { endColumn: f.endColumn } : {}),
    ...(f.snippet ? { snippet: { text: f.snippet } } : {}),
  };
}

/** The path from source to sink as one thread flow (GitHub shows it as the alert's "paths"). */
function codeFlows(f: Finding) {
  if (f.path.length < 2) return {};
  const locations = f.path.map((step) => ({
    location: {
      physicalLocation: { artifactLocation: artifact(f.file), region: { startLine: step.line } },
      message: { text: `${step.kind === "source" ? "source" : step.kind === "sink" ? "sink" : "step"}: ${step.text || "…"}${step.note ? ` (${step.note})` : ""}` },
    },
    kinds: [step.kind],
  }));
  return { codeFlows: [{ threadFlows: [{ locations }] }] };
}

function sarifResult(f: Finding, index: number) {
  return {
    ruleId: f.cwe,
    ruleIndex: index,
    level: LEVEL[f.level],
    message: { text: `${f.message} ${f.fix}` },
    locations: [
      {
        physicalLocation: { artifactLocation: artifact(f.file), region: region(f) },
        logicalLocations: [{ name: f.unit.name, kind: f.unit.kind === "module" ? "module" : "function" }],
      },
    ],
    ...codeFlows(f),
    partialFingerprints: { "cwescope/v1": f.fingerprint, ...(f.lineHash ? { primaryLocationLineHash: f.lineHash } : {}) },
    ...(f.suppression
      ? { suppressions: [{ kind: "inSource", status: "accepted", justification: f.suppression.reason || "cwescope-ignore comment" }] }
      : {}),
    properties: {
      confidence: f.confidence,
      model: f.model,
      unit: f.unit,
      "security-severity": f.severity.toFixed(1),
      context: f.context,
      ...(f.concept ? { concept: f.concept } : {}),
      ...(f.inferred.length ? { inferred: f.inferred } : {}),
    },
  };
}

function invocation(result: ScanResult) {
  const notifications = [
    ...result.skipped.map((s) => ({
      level: s.incomplete ? "warning" : "note",
      message: { text: `${s.incomplete ? "Not scanned" : "Left out"} (${s.reason}): ${s.path}: ${s.detail}` },
      locations: [{ physicalLocation: { artifactLocation: artifact(s.path) } }],
      descriptor: { id: `skipped/${s.reason}` },
    })),
    ...result.notes.map((n) => ({
      level: n.note === "model-error" || n.note === "unanalysable" ? "warning" : "note",
      message: { text: `${n.note}: ${n.path}: ${n.detail}` },
      locations: [{ physicalLocation: { artifactLocation: artifact(n.path) } }],
      descriptor: { id: `note/${n.note}` },
    })),
  ];
  return { executionSuccessful: !result.summary.incomplete, toolExecutionNotifications: notifications };
}
