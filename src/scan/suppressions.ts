// In-source suppressions: `# cwescope-ignore CWE-89 -- reason` or `// cwescope-ignore CWE-89, CWE-78 -- reason`.
import { ancestors, parseCweId } from "../cwe/catalog.js";
import type { Suppression } from "./Finding.js";

const MARKER = "cwescope-ignore";
const COMMENT = /(?:#|\/\/|\/\*)\s*cwescope-ignore\b(.*)$/;

/** Every suppression comment of a file, parsed once. Empty (and cheap) for files without the marker. */
export function parseSuppressions(text: string): Suppression[] {
  if (!text.includes(MARKER)) return [];
  const found: Suppression[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].includes(MARKER)) continue;
    const m = COMMENT.exec(lines[i]);
    if (!m) continue;
    let rest = m[1].replace(/\*\/\s*$/, "");
    let reason = "";
    const dashes = rest.indexOf("--");
    if (dashes !== -1) {
      reason = rest.slice(dashes + 2).trim();
      rest = rest.slice(0, dashes);
    }
    const cwes = rest
      .split(/[\s,]+/)
      .map((token) => (/^cwe[-_]?\d+$/i.test(token) ? parseCweId(token) : null))
      .filter((id): id is string => id !== null);
    found.push({ line: i + 1, cwes, reason });
  }
  return found;
}

/**
 * The suppression that covers a finding: a comment on one of its lines or on the line just above it,
 * naming its CWE, an ancestor of it (`CWE-77` covers `CWE-78`), or no CWE at all.
 */
export function findSuppression(
  suppressions: readonly Suppression[],
  finding: { cwe: string; startLine: number; endLine: number },
): Suppression | undefined {
  return suppressions.find(
    (s) =>
      s.line + 1 >= finding.startLine &&
      s.line <= finding.endLine &&
      (s.cwes.length === 0 || s.cwes.includes(finding.cwe) || s.cwes.some((c) => ancestors(finding.cwe).includes(c))),
  );
}
