// The shared concept ids: the only vocabulary the language-neutral view (and so the model) may use.

export const SOURCE_CONCEPTS = [
  "request", // query, body, form, path params
  "request-header", // headers, cookies
  "upload", // uploaded files
  "argv",
  "env",
  "stdin",
  "file-content",
  "socket",
  "dom", // location, document.cookie, postMessage data
  "param", // a parameter of the unit: untrusted unless shown otherwise
  "exception", // a caught error object
  "stored", // rows read back from a database
] as const;
export type SourceConcept = (typeof SOURCE_CONCEPTS)[number];

export const SINK_CONCEPTS = [
  "sql",
  "shell",
  "spawn", // process start with an argument vector (no shell)
  "code-eval",
  "template-eval",
  "dynamic-import",
  "file-path",
  "file-write",
  "upload-save",
  "http-request",
  "deserialize",
  "xml-parse",
  "html-output",
  "redirect",
  "secret-literal",
  "alloc",
  "loop-bound",
  "object-lookup", // fetch a record by a caller-supplied id
  "state-change", // write, delete, commit
  "exception-detail", // error text or traces in a response
  "record-exposure", // whole records, the environment or an upstream body handed out with no field list
  "debug-mode",
  "credential-compare",
  "token-decode",
  "response",
  "log-output",
  "csrf-disabled",
  "permissive-config", // CORS "*", world-writable file modes
  "verify-off", // signature/expiry/TLS verification switched off
  // A check that lets a request through when part of it fails: it only runs when a value is present
  // (`if token and token != …`), grants on sign-in alone (`authenticated or has_perm`), or grants on an error.
  "fail-open-check",
  "mass-assignment", // untrusted mappings spread into a record or object (`Model(**data)`, `{ ...req.body }`)
  "sensitive-data", // credentials or personal fields logged or put in a response
  "nosql", // a query document or operator built from input (MongoDB `$where`, `{ user: req.body.user }`)
  "ldap", // an LDAP filter or DN built from input
  "xpath", // an XPath expression built from input
  "header-write", // a response header (or cookie) value set from input
  "regex-build", // a regular expression compiled from input
  "prototype-pollution", // keys from input assigned into an object path (`obj[a][b] = v`, deep merge)
  "weak-hash", // MD5/SHA-1 (or a fast hash for passwords)
  "weak-crypto", // broken ciphers, ECB mode, static IVs, old TLS protocols
  "weak-random", // a non-cryptographic generator for a secret value
  "small-key", // RSA/DSA keys under 2048 bits
  "cookie-flags", // cookies without `secure`/`httpOnly`
  "cleartext-transport", // plain http/ftp/telnet for data that needs protecting
  "temp-file", // predictable temporary file names (`mktemp`)
  "xml-entity-expansion", // XML parsed with entity expansion bounded by nothing (billion laughs)
] as const;
export type SinkConcept = (typeof SINK_CONCEPTS)[number];

export const GUARD_CONCEPTS = [
  "parameterised",
  "escape",
  "shell-quote",
  "type-cast",
  "allow-list",
  "pattern-check",
  "partial-pattern", // a pattern that accepts a value when only part of it matches (`re.match` without `$`)
  "path-sanitize",
  "path-containment",
  "authn",
  "authz",
  "ownership",
  "csrf",
  "size-limit",
  "safe-loader",
  "url-check",
  "extension-check",
  "constant-time-compare",
  "password-hash",
  "field-selection",
  "error-generic",
  "secret-from-env",
  "rate-limit",
  "deny-list", // rejects known-bad values only
  "validation", // a condition on the value that rejects bad input
  "option-terminator", // "--" before user data in an argument vector
  "verification", // signature/expiry checks on, algorithms pinned, audience/issuer required
  "key-check", // a key checked against `__proto__`/`constructor`, an own-property test, or a prototype-less object
] as const;
export type GuardConcept = (typeof GUARD_CONCEPTS)[number];

/**
 * The shape of the value a sink receives, whatever its taint: a constant, text built by interpolation or
 * concatenation, the output of an escaper, or some other value. Worst first.
 */
export const ARG_SHAPES = ["interpolated", "concat", "value", "escaped", "literal", "none"] as const;
export type ArgShape = (typeof ARG_SHAPES)[number];

export const FLOW_KINDS = ["direct", "concat", "interpolation", "assignment"] as const;
export type FlowKind = (typeof FLOW_KINDS)[number];
