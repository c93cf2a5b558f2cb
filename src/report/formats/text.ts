// `--format text`: findings grouped by file for people; colour only when asked (a TTY without NO_COLOR).
import type { Finding, ScanResult } from "../../scan/Finding.js";
import type { ReportFormat } from "./ReportFormat.js";

/**
 * Untrusted text (a model's reason, file names, comments quoted in messages) made inert for a terminal:
 * control characters (ANSI/OSC escapes, carriage returns, bidi overrides) are shown as `\u{…}` escapes.
 */
export function inert(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

const LEVEL_COLOUR = { critical: "1;31", high: "31", medium: "33", low: "36" } as const;

export const text: ReportFormat = {
  description: "findings grouped by file, then skipped files and a summary",
  render(result, options = {}) {
    const paint = (code: string, s: string) => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
    const out: string[] = [];
    const byFile = new Map<string, Finding[]>();
    for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    for (const file of [...byFile.keys()].sort()) {
      out.push(paint("1;4", inert(file)));
      for (const f of byFile.get(file)!.sort((a, b) => a.startLine - b.startLine)) out.push(findingLine(f, paint));
      out.push("");
    }

    if (result.skipped.length) {
      out.push(paint("1", `Skipped (${result.skipped.length}):`));
      for (const s of [...result.skipped].sort((a, b) => (a.path < b.path ? -1 : 1))) {
        const mark = s.incomplete ? paint("33", "not scanned") : "left out";
        out.push(`  ${inert(s.path)}  ${mark}: ${s.reason} (${inert(s.detail)})`);
      }
      out.push("");
    }
    if (result.notes.length) {
      out.push(paint("1", `Notes (${result.notes.length}):`));
      for (const n of result.notes) out.push(`  ${inert(n.path)}  ${n.note}: ${inert(n.detail)}`);
      out.push("");
    }
    out.push(summaryLines(result, paint).join("\n"));
    return out.join("\n") + "\n";
  },
};

const INDENT = " ".repeat(12);

/**
 * A finding: its line, level, CWE and why; then the code at the sink, the path from source to sink, the fix and
 * what was inferred. Everything that came from scanned code or a model is already inert (one line, no controls).
 */
function findingLine(f: Finding, paint: (code: string, s: string) => string): string {
  const lines = f.startLine === f.endLine ? `${f.startLine}` : `${f.startLine}-${f.endLine}`;
  const level = paint(LEVEL_COLOUR[f.level], f.level.padEnd(8));
  const out = [`  ${lines.padEnd(9)} ${level} ${paint("1", inert(f.cwe).padEnd(8))} ${inert(f.message)}`];
  const code = f.snippet.split("\n")[0]?.trim();
  if (code) out.push(`${INDENT}${paint("2", `${f.startLine} |`)} ${oneLine(code)}`);
  if (f.path.length > 1) out.push(`${INDENT}path: ${f.path.map((s) => `${inert(s.text) || "…"} :${s.line}${s.note ? ` (${inert(s.note)})` : ""}`).join(" → ")}`);
  out.push(`${INDENT}fix: ${f.fix}`);
  if (f.inferred.length) out.push(`${INDENT}${paint("2", `inferred: ${inert(f.inferred.join("; "))}`)}`);
  if (f.suppression) out.push(`${INDENT}${paint("2", `suppressed${f.suppression.reason ? `: ${inert(f.suppression.reason)}` : ""}`)}`);
  return out.join("\n");
}

/** A line of scanned code shown in a terminal: inert, bounded length. */
function oneLine(code: string): string {
  const clean = inert(code);
  return clean.length > 160 ? `${clean.slice(0, 157)}…` : clean;
}

function summaryLines(result: ScanResult, paint: (code: string, s: string) => string): string[] {
  const s = result.summary;
  const byLevel = ["critical", "high", "medium", "low"]
    .map((level) => [level, result.findings.filter((f) => !f.suppression && f.level === level).length] as const)
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${n} ${level}`);
  const findings = `${s.findings} finding${s.findings === 1 ? "" : "s"}${byLevel.length ? ` (${byLevel.join(", ")})` : ""}`;
  const extra = [s.suppressed ? `${s.suppressed} suppressed` : "", s.baselined ? `${s.baselined} in baseline` : ""].filter(Boolean);
  const lines = [
    `${paint("1", "Scanned")} ${s.files} files, ${s.lines} lines, ${s.units} units in ${(s.ms / 1000).toFixed(2)} s: ${findings}${extra.length ? `; ${extra.join(", ")}` : ""}.`,
  ];
  lines.push(`Stages: parse ${s.parseMs} ms; ` + s.stages.map((st, i) => `${i === 0 ? "triage" : "confirm"} ${st.model}: ${st.units} units, ${st.flagged} flagged, ${st.failed} failed, ${st.ms} ms`).join("; ") + ".");
  const unscanned = result.skipped.filter((k) => k.incomplete).length;
  if (s.incomplete) lines.push(paint("1;33", `INCOMPLETE: ${unscanned} file${unscanned === 1 ? "" : "s"} not scanned${s.failedUnits ? `, ${s.failedUnits} units the model failed on` : ""}; some code was not scanned.`));
  return lines;
}
