// One-line remediation advice per target CWE (the study's 20 and the breadth targets), shown as rule help in SARIF and GitHub code scanning.

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
  "CWE-95": "Do not pass untrusted text to eval, exec, Function, setTimeout strings or vm; parse it as data (JSON, ast.literal_eval) instead.",
  "CWE-1336": "Never build a template's source from untrusted text; pass the text as a variable to a fixed template, or use a sandboxed environment.",
  "CWE-601": "Redirect only to relative paths or allow-listed hosts; reject scheme-relative (`//host`) and absolute URLs taken from the request.",
  "CWE-611": "Disable DTDs and external entities in the XML parser (defusedxml, resolve_entities=False, noent off) before parsing untrusted XML.",
  "CWE-776": "Disable DTD processing or entity expansion (defusedxml, huge_tree off) and cap the size of untrusted XML documents.",
  "CWE-943": "Keep query structure fixed: reject objects and operators (`$ne`, `$where`) where a plain value is expected, and cast inputs to strings or numbers.",
  "CWE-90": "Escape untrusted values for LDAP filters and DNs (escape_filter_chars, ldap-escape) or look users up by a validated identifier.",
  "CWE-643": "Use parameterised XPath (variables bound at evaluation) instead of splicing untrusted text into the expression.",
  "CWE-117": "Strip or encode CR/LF and control characters in untrusted values before logging, or log them as structured fields.",
  "CWE-113": "Reject CR and LF in untrusted values written to response headers, cookies or redirect locations; let the framework encode headers.",
  "CWE-1333": "Avoid nested or overlapping quantifiers on untrusted input; bound the input length, or use a linear-time engine (re2).",
  "CWE-1321": "Refuse `__proto__`, `constructor` and `prototype` keys when merging or setting paths from untrusted objects; use Object.create(null) or Map.",
  "CWE-915": "Copy only allow-listed fields from the request into models and objects; never assign the whole request body.",
  "CWE-327": "Use vetted modern algorithms and modes (AES-GCM, ChaCha20-Poly1305); never DES, 3DES, RC4 or ECB mode.",
  "CWE-328": "Use SHA-256 or stronger (or HMAC for integrity) instead of MD5 or SHA-1 where security depends on the hash.",
  "CWE-916": "Hash passwords with a slow, salted function (argon2, bcrypt, scrypt, PBKDF2 with a high work factor), never a plain fast hash.",
  "CWE-338": "Generate tokens, keys and passwords with a cryptographic generator (secrets, crypto.randomBytes, crypto.randomUUID), not random or Math.random.",
  "CWE-295": "Keep certificate and hostname verification on (verify=True, rejectUnauthorized: true, default SSL context); pin a CA bundle instead of disabling it.",
  "CWE-319": "Send credentials and personal data only over TLS (https, wss, STARTTLS); do not fall back to plain http or ftp.",
  "CWE-614": "Set the Secure attribute on session and other sensitive cookies so browsers send them only over HTTPS.",
  "CWE-1004": "Set the HttpOnly attribute on session and authentication cookies so page scripts cannot read them.",
  "CWE-209": "Return a generic error to the caller and log the details server-side; never send stack traces, queries or exception text.",
  "CWE-532": "Keep passwords, tokens, keys and personal data out of log messages; log an identifier or a redacted value instead.",
  "CWE-347": "Verify signatures before trusting signed data: pass the key and an explicit algorithm list to jwt.decode/verify and never disable verification.",
  "CWE-942": "Allow only listed origins in CORS; never reflect the request's Origin or use `*` together with credentials.",
  "CWE-489": "Turn debug modes, debug consoles and test-only endpoints off in deployed code; drive them from configuration that defaults to off.",
  "CWE-377": "Create temporary files with mkstemp/NamedTemporaryFile or fs.mkdtemp (unique name, private permissions), never a predictable path.",
  "CWE-732": "Give files, directories and sockets the least permissions needed (0600/0700); never world-writable or world-readable secrets.",
  "CWE-326": "Use keys of adequate strength (RSA ≥ 2048 bits, EC ≥ 256 bits, AES ≥ 128 bits) and current protocol versions.",
};

/** Whether a CWE has specific advice (every target CWE does; a test checks it). */
export function hasCweGuidance(id: string): boolean {
  return id in GUIDANCE;
}

/** Remediation advice for a CWE; a generic sentence for ids without specific advice. */
export function cweGuidance(id: string): string {
  return GUIDANCE[id] ?? "Review how untrusted data reaches this code and whether the weakness applies.";
}

/** The MITRE page of a CWE. */
export function cweUrl(id: string): string {
  return `https://cwe.mitre.org/data/definitions/${id.replace(/^CWE-/, "")}.html`;
}
