// The CWE entries cwescope knows: the MITRE Top 25 of 2025 and 2024, the breadth targets (issue #15), and the
// parents/children needed for family matching. Names and ChildOf links follow MITRE's research view (CWE-1000).
// Pure data: no I/O.

/** How a CWE relates to Python and JavaScript code. */
export type Applicability = "target" | "applicable" | "memory-safety";

/** Languages cwescope scans (TypeScript is read as JavaScript). */
export type CweLanguage = "python" | "javascript";

export interface CweEntry {
  /** Canonical id, `CWE-<n>`. */
  id: string;
  name: string;
  /** Rank in the MITRE Top 25 of 2025, if listed. */
  rank2025?: number;
  /** Rank in the MITRE Top 25 of 2024, if listed. */
  rank2024?: number;
  /** `target`: one of the CWEs cwescope detects (TARGET_CWES); `memory-safety`: not applicable to Python/JS. */
  applicability: Applicability;
  /** Languages the weakness occurs in; empty for memory-safety entries. */
  languages: readonly CweLanguage[];
  /** Direct parents (ChildOf in the CWE research view), used for family matching. */
  parents: string[];
  /** Default severity, as a CVSS-like score 0–10 (GitHub's `security-severity`). */
  severity: number;
}

const BOTH: readonly CweLanguage[] = ["python", "javascript"];

const e = (
  n: number,
  name: string,
  applicability: Applicability,
  parents: number[],
  severity: number,
  rank2025?: number,
  rank2024?: number,
  languages: readonly CweLanguage[] = applicability === "memory-safety" ? [] : BOTH,
): CweEntry => ({
  id: `CWE-${n}`,
  name,
  applicability,
  languages,
  parents: parents.map((p) => `CWE-${p}`),
  severity,
  ...(rank2025 !== undefined ? { rank2025 } : {}),
  ...(rank2024 !== undefined ? { rank2024 } : {}),
});

/** A breadth target: detected in Python and JavaScript, outside the Top 25 lists. */
const b = (n: number, name: string, parents: number[], severity: number): CweEntry => e(n, name, "target", parents, severity);

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
  // Breadth targets (issue #15): the weaknesses real Python/JavaScript code has beyond the Top 25.
  // Severity: CVSS 3.1 base score of the typical case, vector in the comment.
  b(95, "Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')", [94], 9.8), // AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H
  b(1336, "Improper Neutralization of Special Elements Used in a Template Engine", [94], 9.8), // SSTI reaches code execution
  b(601, "URL Redirection to Untrusted Site ('Open Redirect')", [610], 6.1), // UI:R/S:C/C:L/I:L
  b(611, "Improper Restriction of XML External Entity Reference", [610], 7.5), // file read: C:H
  b(776, "Improper Restriction of Recursive Entity References in DTDs ('XML Entity Expansion')", [674, 405], 7.5), // A:H
  b(943, "Improper Neutralization of Special Elements in Data Query Logic", [74], 8.6), // NoSQL operators: C:H/I:L/A:L
  b(90, "Improper Neutralization of Special Elements used in an LDAP Query ('LDAP Injection')", [943], 8.6), // C:H/I:L/A:L
  b(643, "Improper Neutralization of Data within XPath Expressions ('XPath Injection')", [943], 7.5), // read-only query: C:H
  b(117, "Improper Output Neutralization for Logs", [116], 5.3), // forged log lines: I:L
  b(113, "Improper Neutralization of CRLF Sequences in HTTP Headers ('HTTP Request/Response Splitting')", [93], 6.1), // UI:R/S:C/C:L/I:L
  b(1333, "Inefficient Regular Expression Complexity", [407], 7.5), // ReDoS: A:H
  // Python has no prototypes, but a recursive merge reaching `__class__`/`__globals__` is the same weakness ("class pollution").
  b(1321, "Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')", [915], 8.1), // AC:H/C:H/I:H/A:H
  b(915, "Improperly Controlled Modification of Dynamically-Determined Object Attributes", [913], 8.1), // mass assignment: AC:H/C:H/I:H/A:H
  b(327, "Use of a Broken or Risky Cryptographic Algorithm", [693], 7.5), // DES/RC4/ECB: C:H
  b(328, "Use of Weak Hash", [326], 7.5), // MD5/SHA-1 for integrity or secrets: C:H
  b(916, "Use of Password Hash With Insufficient Computational Effort", [328], 7.5), // fast hashes cracked offline: C:H
  b(338, "Use of Cryptographically Weak Pseudo-Random Number Generator (PRNG)", [330], 7.5), // guessable tokens: C:H
  b(295, "Improper Certificate Validation", [287], 7.4), // MITM: AC:H/C:H/I:H
  b(319, "Cleartext Transmission of Sensitive Information", [311], 5.9), // sniffing: AC:H/C:H
  b(614, "Sensitive Cookie in HTTPS Session Without 'Secure' Attribute", [319], 4.3), // UI:R/C:L
  b(1004, "Sensitive Cookie Without 'HttpOnly' Flag", [732], 4.3), // needs an XSS to read it: UI:R/C:L
  b(209, "Generation of Error Message Containing Sensitive Information", [200, 755], 5.3), // C:L
  b(532, "Insertion of Sensitive Information into Log File", [538], 5.5), // log readers: AV:L/C:H
  b(347, "Improper Verification of Cryptographic Signature", [345], 9.1), // forged tokens: C:H/I:H
  b(942, "Permissive Cross-domain Policy with Untrusted Domains", [183, 863], 6.5), // credentialed reads: UI:R/C:H
  b(489, "Active Debug Code", [710], 7.5), // debug consoles and endpoints left on: C:H
  b(377, "Insecure Temporary File", [668], 5.5), // local attacker: AV:L/PR:L/I:H
  b(732, "Incorrect Permission Assignment for Critical Resource", [285, 668], 7.8), // AV:L/PR:L/C:H/I:H/A:H
  b(326, "Inadequate Encryption Strength", [693], 5.9), // small keys: AC:H/C:H
  // Parents and children used for family matching
  e(74, "Improper Neutralization of Special Elements in Output Used by a Downstream Component ('Injection')", "applicable", [707], 8.0),
  e(285, "Improper Authorization", "applicable", [284], 7.5),
  e(88, "Improper Neutralization of Argument Delimiters in a Command ('Argument Injection')", "applicable", [77], 8.8),
  e(23, "Relative Path Traversal", "applicable", [22], 7.5),
  e(36, "Absolute Path Traversal", "applicable", [22], 7.5),
  e(73, "External Control of File Name or Path", "applicable", [642, 610], 7.5),
  e(259, "Use of Hard-coded Password", "applicable", [798], 9.8),
  e(321, "Use of Hard-coded Cryptographic Key", "applicable", [798], 9.8),
  e(1390, "Weak Authentication", "applicable", [287], 7.5),
  e(1391, "Use of Weak Credentials", "applicable", [1390], 9.8),
  e(345, "Insufficient Verification of Data Authenticity", "applicable", [693], 7.5),
  e(913, "Improper Control of Dynamically-Managed Code Resources", "applicable", [664], 8.0),
  e(668, "Exposure of Resource to Wrong Sphere", "applicable", [664], 6.5),
  e(669, "Incorrect Resource Transfer Between Spheres", "applicable", [664], 6.5),
  e(93, "Improper Neutralization of CRLF Sequences ('CRLF Injection')", "applicable", [74], 6.1),
  e(116, "Improper Encoding or Escaping of Output", "applicable", [707], 6.1),
  e(183, "Permissive List of Allowed Inputs", "applicable", [697], 6.5),
  e(311, "Missing Encryption of Sensitive Data", "applicable", [693], 5.9),
  e(330, "Use of Insufficiently Random Values", "applicable", [693], 7.5),
  e(405, "Asymmetric Resource Consumption (Amplification)", "applicable", [400], 7.5),
  e(407, "Inefficient Algorithmic Complexity", "applicable", [405], 7.5),
  e(538, "Insertion of Sensitive Information into Externally-Accessible File or Directory", "applicable", [200], 5.3),
  e(610, "Externally Controlled Reference to a Resource in Another Sphere", "applicable", [664], 6.5),
  e(674, "Uncontrolled Recursion", "applicable", [834], 7.5),
  e(693, "Protection Mechanism Failure", "applicable", [], 6.5),
  e(710, "Improper Adherence to Coding Standards", "applicable", [], 5.0),
  e(755, "Improper Handling of Exceptional Conditions", "applicable", [703], 5.3),
  e(344, "Use of Invariant Value in Dynamically Changing Context", "applicable", [330], 7.5),
  e(441, "Unintended Proxy or Intermediary ('Confused Deputy')", "applicable", [610], 7.5),
  e(665, "Improper Initialization", "applicable", [664], 5.3),
  e(706, "Use of Incorrectly-Resolved Name or Reference", "applicable", [664], 6.5),
  e(707, "Improper Neutralization", "applicable", [], 6.5),
  e(664, "Improper Control of a Resource Through its Lifetime", "applicable", [], 6.5),
];

/**
 * The 20 CWEs of the seed study (DESIGN.md), in Top-25 order. Frozen: the v1 prompts list exactly these, and
 * the datasets' original minimums are counted over them.
 */
export const STUDY_CWES: readonly string[] = [
  "CWE-79", "CWE-89", "CWE-352", "CWE-862", "CWE-22", "CWE-78", "CWE-94", "CWE-434", "CWE-502", "CWE-863",
  "CWE-20", "CWE-284", "CWE-200", "CWE-306", "CWE-918", "CWE-77", "CWE-639", "CWE-770", "CWE-798", "CWE-287",
];

/** Every CWE cwescope detects: the study's 20, then the breadth targets in catalog order. */
export const TARGET_CWES: readonly string[] = [
  ...STUDY_CWES,
  ...CWE_ENTRIES.filter((entry) => entry.applicability === "target" && !STUDY_CWES.includes(entry.id)).map((entry) => entry.id),
];
