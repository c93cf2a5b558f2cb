// The CWE entries cwescope knows: the MITRE Top 25 of 2025 and 2024, and the parents/children needed for
// family matching. Pure data: no I/O.

/** How a CWE relates to Python and JavaScript code. */
export type Applicability = "target" | "applicable" | "memory-safety";

export interface CweEntry {
  /** Canonical id, `CWE-<n>`. */
  id: string;
  name: string;
  /** Rank in the MITRE Top 25 of 2025, if listed. */
  rank2025?: number;
  /** Rank in the MITRE Top 25 of 2024, if listed. */
  rank2024?: number;
  /** `target`: one of the 20 CWEs cwescope detects; `memory-safety`: not applicable to Python/JS. */
  applicability: Applicability;
  /** Direct parents (ChildOf in the CWE research view), used for family matching. */
  parents: string[];
  /** Default severity, as a CVSS-like score 0–10 (GitHub's `security-severity`). */
  severity: number;
}

const e = (
  n: number,
  name: string,
  applicability: Applicability,
  parents: number[],
  severity: number,
  rank2025?: number,
  rank2024?: number,
): CweEntry => ({
  id: `CWE-${n}`,
  name,
  applicability,
  parents: parents.map((p) => `CWE-${p}`),
  severity,
  ...(rank2025 !== undefined ? { rank2025 } : {}),
  ...(rank2024 !== undefined ? { rank2024 } : {}),
});

export const CWE_ENTRIES: readonly CweEntry[] = [
  e(79, "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')", "target", [74], 6.1, 1, 1),
  e(89, "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')", "target", [943, 74], 9.8, 2, 3),
  e(352, "Cross-Site Request Forgery (CSRF)", "target", [345], 8.0, 3, 4),
  e(862, "Missing Authorization", "target", [285], 7.5, 4, 9),
  e(787, "Out-of-bounds Write", "memory-safety", [119], 9.8, 5, 2),
  e(22, "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')", "target", [706, 668], 7.5, 6, 5),
  e(416, "Use After Free", "memory-safety", [825], 9.8, 7, 8),
  e(125, "Out-of-bounds Read", "memory-safety", [119], 7.5, 8, 6),
  e(78, "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')", "target", [77], 9.8, 9, 7),
  e(94, "Improper Control of Generation of Code ('Code Injection')", "target", [74, 913], 9.8, 10, 11),
  e(120, "Buffer Copy without Checking Size of Input ('Classic Buffer Overflow')", "memory-safety", [119], 9.8, 11),
  e(434, "Unrestricted Upload of File with Dangerous Type", "target", [669], 8.8, 12, 10),
  e(476, "NULL Pointer Dereference", "memory-safety", [710], 7.5, 13, 21),
  e(121, "Stack-based Buffer Overflow", "memory-safety", [787, 788], 9.8, 14),
  e(502, "Deserialization of Untrusted Data", "target", [913], 9.8, 15, 16),
  e(122, "Heap-based Buffer Overflow", "memory-safety", [787, 788], 9.8, 16),
  e(863, "Incorrect Authorization", "target", [285], 7.5, 17, 18),
  e(20, "Improper Input Validation", "target", [707], 5.3, 18, 12),
  e(284, "Improper Access Control", "target", [], 7.5, 19),
  e(200, "Exposure of Sensitive Information to an Unauthorized Actor", "target", [668], 5.3, 20, 17),
  e(306, "Missing Authentication for Critical Function", "target", [287], 9.1, 21, 25),
  e(918, "Server-Side Request Forgery (SSRF)", "target", [441], 8.6, 22, 19),
  e(77, "Improper Neutralization of Special Elements used in a Command ('Command Injection')", "target", [74], 9.8, 23, 13),
  e(639, "Authorization Bypass Through User-Controlled Key", "target", [863], 6.5, 24),
  e(770, "Allocation of Resources Without Limits or Throttling", "target", [400, 665], 7.5, 25),
  // 2024 entries not in 2025
  e(287, "Improper Authentication", "target", [284], 9.8, undefined, 14),
  e(269, "Improper Privilege Management", "applicable", [284], 8.8, undefined, 15),
  e(119, "Improper Restriction of Operations within the Bounds of a Memory Buffer", "memory-safety", [118], 9.8, undefined, 20),
  e(798, "Use of Hard-coded Credentials", "target", [1391, 344], 9.8, undefined, 22),
  e(190, "Integer Overflow or Wraparound", "memory-safety", [682], 7.5, undefined, 23),
  e(400, "Uncontrolled Resource Consumption", "applicable", [664], 7.5, undefined, 24),
  // Parents and children used for family matching
  e(74, "Improper Neutralization of Special Elements in Output Used by a Downstream Component ('Injection')", "applicable", [707], 8.0),
  e(95, "Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')", "applicable", [94], 9.8),
  e(1336, "Improper Neutralization of Special Elements Used in a Template Engine", "applicable", [94], 9.8),
  e(943, "Improper Neutralization of Special Elements in Data Query Logic", "applicable", [74], 8.0),
  e(285, "Improper Authorization", "applicable", [284], 7.5),
  e(88, "Improper Neutralization of Argument Delimiters in a Command ('Argument Injection')", "applicable", [77], 8.8),
  e(23, "Relative Path Traversal", "applicable", [22], 7.5),
  e(36, "Absolute Path Traversal", "applicable", [22], 7.5),
  e(73, "External Control of File Name or Path", "applicable", [642, 610], 7.5),
  e(601, "URL Redirection to Untrusted Site ('Open Redirect')", "applicable", [610], 6.1),
  e(611, "Improper Restriction of XML External Entity Reference", "applicable", [706, 610], 8.2),
  e(732, "Incorrect Permission Assignment for Critical Resource", "applicable", [285, 668], 7.8),
  e(915, "Improperly Controlled Modification of Dynamically-Determined Object Attributes", "applicable", [913], 8.1),
  e(1333, "Inefficient Regular Expression Complexity", "applicable", [407, 400], 7.5),
  e(209, "Generation of Error Message Containing Sensitive Information", "applicable", [200], 5.3),
  e(532, "Insertion of Sensitive Information into Log File", "applicable", [200], 5.5),
  e(259, "Use of Hard-coded Password", "applicable", [798], 9.8),
  e(321, "Use of Hard-coded Cryptographic Key", "applicable", [798], 9.8),
  e(347, "Improper Verification of Cryptographic Signature", "applicable", [345], 7.5),
  e(1390, "Weak Authentication", "applicable", [287], 7.5),
  e(1391, "Use of Weak Credentials", "applicable", [1390], 9.8),
  e(345, "Insufficient Verification of Data Authenticity", "applicable", [693], 7.5),
  e(913, "Improper Control of Dynamically-Managed Code Resources", "applicable", [664], 8.0),
  e(668, "Exposure of Resource to Wrong Sphere", "applicable", [664], 6.5),
  e(669, "Incorrect Resource Transfer Between Spheres", "applicable", [664], 6.5),
  e(707, "Improper Neutralization", "applicable", [], 6.5),
  e(664, "Improper Control of a Resource Through its Lifetime", "applicable", [], 6.5),
];

/** The 20 CWEs cwescope detects (DESIGN.md), in Top-25 order. */
export const TARGET_CWES: readonly string[] = [
  "CWE-79", "CWE-89", "CWE-352", "CWE-862", "CWE-22", "CWE-78", "CWE-94", "CWE-434", "CWE-502", "CWE-863",
  "CWE-20", "CWE-284", "CWE-200", "CWE-306", "CWE-918", "CWE-77", "CWE-639", "CWE-770", "CWE-798", "CWE-287",
];
