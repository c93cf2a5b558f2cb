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
}

const FALSE = /^(False|false|0|None|null)$/;
const TRUE = /^(True|true|1)$/;

export const SETTINGS: SettingRule[] = [
  { key: /csrf.*(enabled|protect|check)|^csrf$/i, value: FALSE, sink: "csrf-disabled" },
  { key: /csrf.*(enabled|protect|check)|^csrf$/i, value: TRUE, guard: "csrf" },
  { key: /same_?site/i, value: /none|false/i, sink: "csrf-disabled" },
  { key: /same_?site/i, value: /strict|lax/i, guard: "csrf" },
  { key: /^(origins?|allow_origins|cors_origins|cors_allowed_origins|access-control-allow-origin|allowed_hosts)$/i, value: /^["'`]\*["'`]$|\[\s*["'`]\*["'`]\s*\]|^true$/, sink: "permissive-config" },
  { key: /cors_origin_allow_all|cors_allow_all_origins/i, value: TRUE, sink: "permissive-config" },
  { key: /^(debug|debug_mode|propagate_exceptions)$/i, value: TRUE, sink: "debug-mode" },
  { key: /verify_signature|verify_exp|verify_aud|verify_iss|^verify$|rejectunauthorized|check_hostname|verify_ssl|ssl_verify/i, value: FALSE, sink: "verify-off" },
  { key: /ignoreexpiration|ignore_expiration|insecure|allow_unsigned/i, value: TRUE, sink: "verify-off" },
  { key: /^algorithms?$/i, value: /none/i, sink: "verify-off" },
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
