// One-line remediation advice per target CWE, shown as rule help in SARIF and GitHub code scanning.

const GUIDANCE: Record<string, string> = {
  "CWE-79": "Encode untrusted data for the context it is written to (HTML, attribute, URL, script); prefer templating that escapes by default and avoid innerHTML, document.write and |safe.",
  "CWE-89": "Pass untrusted values as query parameters (placeholders) instead of building SQL text with string formatting or concatenation.",
  "CWE-352": "Require an anti-CSRF token (or SameSite cookies plus origin checks) on every state-changing request.",
  "CWE-862": "Check that the caller is allowed to perform the action on the resource before doing it, on every route.",
  "CWE-22": "Resolve the path and check it stays inside the intended base directory; reject absolute paths and `..` segments.",
  "CWE-78": "Run programs with an argument list (no shell); never pass untrusted text to a shell, os.system or exec.",
  "CWE-94": "Never evaluate untrusted text as code (eval, exec, new Function, vm); parse data with a data parser instead.",
  "CWE-434": "Check uploaded files by content and an allow-list of types, store them outside the web root under generated names.",
  "CWE-502": "Do not deserialise untrusted data with pickle, yaml.load, marshal or node-serialize; use JSON or a safe loader.",
  "CWE-863": "Base authorisation on the authenticated identity and server-side state, not on client-supplied roles or flags.",
  "CWE-20": "Validate untrusted input against an explicit schema (type, length, range, format) before use.",
  "CWE-284": "Enforce access control on the server for every resource and operation; deny by default.",
  "CWE-200": "Do not return secrets, stack traces or internal records to callers who should not see them.",
  "CWE-306": "Require authentication for every function that changes state or reveals data.",
  "CWE-918": "Fetch only allow-listed hosts and schemes; resolve and check the address to block internal networks.",
  "CWE-77": "Build commands from fixed parts and an argument list; never splice untrusted text into a command line.",
  "CWE-639": "Check that the object an id names belongs to the caller; do not trust ids from the request alone.",
  "CWE-770": "Limit sizes, counts and rates of what untrusted callers can make the program allocate.",
  "CWE-287": "Use a vetted authentication mechanism; compare secrets in constant time and verify tokens' signatures.",
  "CWE-798": "Move credentials out of the code into a secret store or environment, and rotate the exposed ones.",
};

/** Remediation advice for a CWE; a generic sentence for ids without specific advice. */
export function cweGuidance(id: string): string {
  return GUIDANCE[id] ?? "Review how untrusted data reaches this code and whether the weakness applies.";
}

/** The MITRE page of a CWE. */
export function cweUrl(id: string): string {
  return `https://cwe.mitre.org/data/definitions/${id.replace(/^CWE-/, "")}.html`;
}
