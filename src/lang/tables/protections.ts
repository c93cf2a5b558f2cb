// Which guards protect which sink, as a reviewer would write them in a rule table. Data, not code.
import type { GuardConcept, SinkConcept, SourceConcept } from "../view/concepts.js";

export interface Protection {
  /**
   * `value`: the guard must apply to the value that reaches the sink (a check, cast or escaper on it, or
   * the call's own options); `scope`: a guard of the sink's function counts (decorators, checks before or
   * after it).
   */
  on: "value" | "scope";
  guards: GuardConcept[];
}

export const PROTECTIONS: Partial<Record<SinkConcept, Protection>> = {
  sql: { on: "value", guards: ["parameterised", "type-cast", "allow-list", "escape"] },
  shell: { on: "value", guards: ["shell-quote", "allow-list", "type-cast", "pattern-check"] },
  "code-eval": { on: "value", guards: ["allow-list", "type-cast", "safe-loader"] },
  "template-eval": { on: "value", guards: ["allow-list", "escape"] },
  "dynamic-import": { on: "value", guards: ["allow-list"] },
  "file-path": { on: "value", guards: ["path-containment", "path-sanitize", "allow-list", "type-cast", "pattern-check"] },
  "file-write": { on: "value", guards: ["path-containment", "path-sanitize", "allow-list", "type-cast", "pattern-check"] },
  "upload-save": { on: "value", guards: ["path-sanitize", "path-containment", "extension-check", "allow-list"] },
  "http-request": { on: "value", guards: ["url-check", "allow-list"] },
  redirect: { on: "value", guards: ["url-check", "allow-list", "path-containment"] },
  "html-output": { on: "value", guards: ["escape", "type-cast", "allow-list"] },
  deserialize: { on: "value", guards: ["safe-loader", "verification"] },
  "xml-parse": { on: "value", guards: ["safe-loader"] },
  alloc: { on: "value", guards: ["size-limit", "allow-list", "validation"] },
  "loop-bound": { on: "value", guards: ["size-limit", "allow-list", "validation"] },
  "mass-assignment": { on: "value", guards: ["allow-list", "field-selection"] },
  "object-lookup": { on: "scope", guards: ["ownership", "authz"] },
  "state-change": { on: "scope", guards: ["authn", "authz", "ownership", "csrf"] },
  "credential-compare": { on: "scope", guards: ["constant-time-compare", "password-hash"] },
  "token-decode": { on: "scope", guards: ["verification"] },
  nosql: { on: "value", guards: ["type-cast", "escape", "allow-list", "pattern-check", "parameterised"] },
  ldap: { on: "value", guards: ["escape", "allow-list", "pattern-check", "type-cast"] },
  xpath: { on: "value", guards: ["escape", "parameterised", "allow-list", "pattern-check", "type-cast"] },
  "header-write": { on: "value", guards: ["escape", "type-cast", "pattern-check", "allow-list", "url-check"] },
  "regex-build": { on: "value", guards: ["escape", "allow-list", "pattern-check", "type-cast"] },
  "prototype-pollution": { on: "value", guards: ["key-check", "allow-list", "field-selection"] },
  "xml-entity-expansion": { on: "value", guards: ["safe-loader", "size-limit"] },
};

/**
 * Sinks that are the weakness by their presence, whatever data reaches them: a weak algorithm, a small key,
 * an insecure option or transport. Found on a call, they read like a setting: a flow with no source.
 */
export const PRESENCE_SINKS: ReadonlySet<SinkConcept> = new Set<SinkConcept>([
  "weak-hash", "weak-crypto", "weak-random", "small-key", "cookie-flags", "cleartext-transport", "temp-file", "verify-off", "debug-mode",
]);

/**
 * Sources that make no attack on a sink. Whoever runs a command-line tool owns its arguments, environment and
 * terminal, so printing them is no log injection; and a function that logs its own parameter is no finding of its
 * own (a caller that passes request data is: the call's path reaches the log through the function's summary).
 * A flow into these sinks whose sources are all of these kinds is read as untainted.
 */
export const OPERATOR_SOURCES: Partial<Record<SinkConcept, readonly SourceConcept[]>> = {
  "log-output": ["argv", "env", "stdin", "file-content", "param"],
};
