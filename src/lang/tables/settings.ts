// Settings that weaken or strengthen a program whatever the language: `key = value`, `key=value` keyword
// arguments and `{ key: value }` options. Data, not code.
import type { GuardConcept, SinkConcept } from "../view/concepts.js";

export interface SettingRule {
  /** Matched against the setting's name (the last word of `app.config["X"]`, a keyword, an object key). */
  key: RegExp;
  /** Matched against the value's source text. */
  value: RegExp;
  sink?: SinkConcept;
  guard?: GuardConcept;
  /** The CWE of the sink when more precise than its concept's (`verify_signature: False` is CWE-347). */
  cwe?: string;
}

const FALSE = /^(False|false|0|None|null)$/;
const TRUE = /^(True|true|1)$/;

export const SETTINGS: SettingRule[] = [
  { key: /csrf.*(enabled|protect|check)|^csrf$/i, value: FALSE, sink: "csrf-disabled" },
  { key: /csrf.*(enabled|protect|check)|^csrf$/i, value: TRUE, guard: "csrf" },
  { key: /same_?site/i, value: /none|false/i, sink: "csrf-disabled" },
  { key: /same_?site/i, value: /strict|lax/i, guard: "csrf" },
  { key: /^(origins?|allow_origins|cors_origins|cors_allowed_origins|access-control-allow-origin)$/i, value: /^["'`]\*["'`]$|\[\s*["'`]\*["'`]\s*\]|^true$/, sink: "permissive-config", cwe: "CWE-942" },
  { key: /^allowed_hosts$/i, value: /^["'`]\*["'`]$|\[\s*["'`]\*["'`]\s*\]|^true$/, sink: "permissive-config" },
  { key: /cors_origin_allow_all|cors_allow_all_origins/i, value: TRUE, sink: "permissive-config", cwe: "CWE-942" },
  { key: /^(debug|debug_mode|propagate_exceptions)$/i, value: TRUE, sink: "debug-mode" },
  // A token's signature or claims unchecked (CWE-347); a peer's certificate or host unchecked (CWE-295).
  { key: /verify_signature|verify_exp|verify_aud|verify_iss/i, value: FALSE, sink: "verify-off", cwe: "CWE-347" },
  { key: /^verify$|rejectunauthorized|check_hostname|verify_ssl|ssl_verify|verify_certs|validate_certs/i, value: FALSE, sink: "verify-off", cwe: "CWE-295" },
  { key: /ignoreexpiration|ignore_expiration|allow_unsigned/i, value: TRUE, sink: "verify-off", cwe: "CWE-347" },
  { key: /insecure/i, value: TRUE, sink: "verify-off", cwe: "CWE-295" },
  { key: /^algorithms?$/i, value: /none/i, sink: "verify-off", cwe: "CWE-347" },
  { key: /^(verify_mode|cert_reqs)$/i, value: /CERT_NONE/, sink: "verify-off", cwe: "CWE-295" },
  { key: /^NODE_TLS_REJECT_UNAUTHORIZED$/, value: /^["'`]?0["'`]?$/, sink: "verify-off", cwe: "CWE-295" },
  // Old TLS/SSL protocol versions (Python's ssl, Node's tls `secureProtocol`/`minVersion`).
  { key: /^(ssl_version|minimum_version|secureProtocol|minVersion|protocol)$/i, value: /SSLv\d|TLSv1(_1)?(_method)?["'`]?$|TLSv1(\.1)?["'`]$|TLSVersion\.(SSLv3|TLSv1|TLSv1_1)$/, sink: "weak-crypto" },
  // Keys under 2048 bits (cryptography's `key_size=`, Node's `modulusLength`).
  { key: /^(key_size|modulusLength|bits)$/i, value: /^(512|768|1024|1536)$/, sink: "small-key" },
  // Cookies sent over plain HTTP (CWE-614) or readable by scripts (CWE-1004): Django's settings. A bare
  // `secure: false` is left to the cookie calls' rows: in mail or database options it means something else.
  { key: /^(session_cookie_secure|csrf_cookie_secure)$/i, value: FALSE, sink: "cookie-flags", cwe: "CWE-614" },
  { key: /^(session_cookie_httponly|csrf_cookie_httponly)$/i, value: FALSE, sink: "cookie-flags", cwe: "CWE-1004" },
  // lxml parsers that resolve external entities or lift the expansion limits.
  { key: /^resolve_entities$/i, value: TRUE, sink: "xml-parse", cwe: "CWE-611" },
  { key: /^no_network$/i, value: FALSE, sink: "xml-parse", cwe: "CWE-611" },
  { key: /^huge_tree$/i, value: TRUE, sink: "xml-entity-expansion" },
  { key: /^(allow_redirects|follow_redirects|followRedirects|follow)$/i, value: FALSE, guard: "url-check" },
  { key: /^(maxRedirects|max_redirects)$/i, value: /^0$/, guard: "url-check" },
  { key: /^redirect$/i, value: /manual|error/, guard: "url-check" },
  { key: /serializer|accept_content|serializers_accepted/i, value: /pickle|marshal|yaml/, sink: "deserialize" },
  { key: /serializer|accept_content|serializers_accepted/i, value: /^["'`[{(]*(json|serpent|msgpack)["'`\]})]*$/, guard: "safe-loader" },
  { key: /^(hide_password|hide_parameters|redact\w*|mask\w*)$/i, value: FALSE, sink: "exception-detail" },
  { key: /^(hide_password|hide_parameters|redact\w*|mask\w*)$/i, value: TRUE, guard: "error-generic" },
  { key: /^(permission_classes|authentication_classes)$/i, value: /AllowAny|permitAll|\[\s*\]/, sink: "permissive-config" },
  { key: /^(verify|verify_signature|verify_exp|ignoreExpiration|ignore_expiration|algorithms?)$/i, value: /^(True|true)$|\[\s*["'`](HS|RS|ES|PS)\d+/, guard: "verification" },
  { key: /^(audience|aud|issuer|iss)$/i, value: /./, guard: "verification" },
  { key: /^mode$/i, value: /^0o?[0-7]*[2367]$|^0o?777$|^511$/, sink: "permissive-config" },
  // Object-storage ACLs that let anyone read or write (S3 `ACL`, GCS `predefinedAcl`, boto3 `ExtraArgs`).
  { key: /^(acl|predefined_?acl|canned_?acl|x-amz-acl)$/i, value: /public|allUsers|authenticated-?read/i, sink: "permissive-config" },
  { key: /^autoescape$/i, value: FALSE, sink: "html-output" },
  { key: /^autoescape$/i, value: /True|true|select_autoescape/, guard: "escape" },
  { key: /^(content_?type|mimetype|media_type)$/i, value: /json|text\/plain|octet-stream/, guard: "escape" },
  {
    key: /max_content_length|max_per_page|max_length|maxlength|max_size|maxsize|filesize|^limit$|^le$|^lt$|max_items|maxitems|max_upload|maxfilesize|data_upload_max|max_bytes|maxbytes|max_body|bodylimit|maxfiles|max_num|max_value|max_rows|parameterlimit/i,
    value: /\d/,
    guard: "size-limit",
  },
];
