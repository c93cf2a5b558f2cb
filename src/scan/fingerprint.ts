// Fingerprints that survive unrelated edits: content-based, never line numbers.
import { sha256 } from "../util/hash.js";

/** The flagged lines with indentation and runs of whitespace normalised away. */
export function normalisedLines(lines: readonly string[], startLine: number, endLine: number): string {
  const out: string[] = [];
  for (let l = startLine; l <= endLine && l <= lines.length; l++) out.push(lines[l - 1].trim().replace(/\s+/g, " "));
  return out.join("\n");
}

/**
 * `cwescope/v1` fingerprint: hash of rule id, file path, enclosing unit name and the normalised flagged
 * text. `occurrence` (1-based) separates identical findings in one file.
 */
export function findingFingerprint(parts: { cwe: string; file: string; unit: string; text: string; occurrence?: number }): string {
  const occurrence = parts.occurrence && parts.occurrence > 1 ? `\0${parts.occurrence}` : "";
  return sha256(`cwescope/v1\0${parts.cwe}\0${parts.file}\0${parts.unit}\0${parts.text}${occurrence}`).slice(0, 32);
}
