// The vocabulary of label leaks: words that give a snippet's label away, and the real APIs that contain them.

/**
 * Words that name the label itself; flagged in identifiers, comments and string literals alike.
 * A sub-word matches when it equals one of these or starts with one of the stems.
 */
export const LABEL_WORDS: readonly string[] = [
  "vuln", "vulns", "fix", "fixed", "fixes", "fixing", "bad", "badly", "good", "cwe", "evil",
  "hack", "hacked", "hacker", "hackers", "hacking", "xss", "sqli", "ssrf",
];
export const LABEL_STEMS: readonly string[] = [
  "vulnerab", "exploit", "attack", "malicious", "taint", "sanitiz", "sanitis", "insecur", "unsafe", "dangerous", "injection", "traversal",
];

/**
 * Words that claim a property of the code ("this is safe"); flagged in identifiers and comments, not in
 * string data (a host such as `secure.gravatar.com` is data). A bare `secure`/`safe` used as a property,
 * object key or keyword argument (`cookie.secure`, `secure: true`, `quote(s, safe="")`) is a real option.
 */
export const CLAIM_WORDS: readonly string[] = [
  "safe", "safer", "safest", "safely", "safety", "secure", "securely", "secured", "validated", "untrusted", "hardened",
];

/**
 * Real API names that contain a flagged word; matched case-sensitively against an identifier or a dotted
 * suffix of it (`sql.unsafe` allows `sql.unsafe(...)` but not a bare `unsafe`).
 */
export const ALLOWED_APIS: readonly string[] = [
  // Python
  "safe_load", "safe_load_all", "safe_dump", "safe_dump_all", "SafeLoader", "CSafeLoader", "SafeDumper",
  "secure_filename", "safe_join", "safe_str_cmp", "mark_safe", "SafeString", "SafeText", "SafeData", "is_safe_url",
  "SafeExceptionReporterFilter", "SAFE_METHODS", "SecureCookieSessionInterface", "URLSafeSerializer",
  "URLSafeTimedSerializer", "validated_data", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE",
  "REMEMBER_COOKIE_SECURE", "ProxyFix", "proxy_fix", "JWT_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
  "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_PROXY_SSL_HEADER", "SECURE_CONTENT_TYPE_NOSNIFF",
  "SECURE_BROWSER_XSS_FILTER", "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY", "SECURE_REDIRECT_EXEMPT",
  // JavaScript
  "dangerouslySetInnerHTML", "timingSafeEqual", "safeLoad", "safeLoadAll", "safeDump", "DEFAULT_SAFE_SCHEMA",
  "$queryRawUnsafe", "$executeRawUnsafe", "sql.unsafe", "toFixed", "isSecureContext", "DOMPurify.sanitize",
  "purify.sanitize", "sanitizeHtml", "sanitizeFilter", "mongoSanitize", "filterXSS",
];

/** Word sequences that are real names or protocol phrases (`HttpResponseBadRequest`, `'unsafe-inline'`). */
export const ALLOWED_PHRASES: readonly string[] = [
  "bad request", "bad gateway", "unsafe inline", "unsafe eval", "unsafe hashes", "sanitize html", "mongo sanitize",
  "secure json parse", "safe stringify",
];

/** Words that name a helper which validates or cleans input; an invented one that only the fix calls leaks the label. */
export const HELPER_STEMS: readonly string[] = ["sanitiz", "sanitis", "validat", "cleanse", "scrub"];

/** Split an identifier into lower-case sub-words: `HTTPBadRequest` → `http bad request`, `is_safe` → `is safe`. */
export function subWords(identifier: string): string[] {
  return (identifier.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((w) => w.toLowerCase());
}

export function isLabelWord(word: string): boolean {
  return LABEL_WORDS.includes(word) || LABEL_STEMS.some((s) => word.startsWith(s));
}

export function isClaimWord(word: string): boolean {
  return CLAIM_WORDS.includes(word);
}
