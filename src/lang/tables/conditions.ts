// Language-neutral reading of `if`/`assert`/ternary conditions: which guard a check amounts to. Data, not code.
import type { GuardConcept } from "../view/concepts.js";

/**
 * Each rule fires when a condition's text matches `test`. Identifiers in both Python and JavaScript spellings
 * are listed so the same guard reads the same in either language.
 */
export const CONDITION_GUARDS: { test: RegExp; concept: GuardConcept }[] = [
  { test: /\b(is_admin|isAdmin|is_superuser|role|roles|permission|permissions|has_perm|hasPermission|hasRole|has_role|can[A-Z_]\w*|scope|scopes|is_member|isMember|plan|tier)\b/, concept: "authz" },
  { test: /\b(owner|owner_id|ownerId|user_id|userId|author_id|authorId|created_by|createdBy|account_id|accountId|tenant_id|tenantId|org_id|orgId)\b[^\n]*(!=|==|!==|===|\bis\b|\bnot\b)|(!=|==|!==|===)[^\n]*\b(owner|owner_id|ownerId|user_id|userId|author_id|authorId|tenant_id|tenantId|account_id|accountId)\b/, concept: "ownership" },
  // `is_staff` only says the account may use the admin site: no permission for a particular action.
  { test: /\b(current_user|currentUser|req\.user|request\.user|session\.user|req\.session|is_authenticated|isAuthenticated|g\.user|auth_user|authUser|is_staff|isStaff)\b/, concept: "authn" },
  { test: /\bnot in\b|\bin\s+[A-Z_]{3,}\b|\bin\s+\{|\bin\s+\(|\.includes\(|\.has\(|ALLOWED|ALLOW|WHITELIST|allowlist|allowList|allowed/, concept: "allow-list" },
  { test: /\b(len\([^)]*\)|\.length|\.size|size|length|count|MAX_\w*|max_\w*|LIMIT\w*|limit)\b\s*(>=?|<=?)|(>=?|<=?)\s*\b(MAX_\w*|max_\w*|LIMIT\w*|limit)/, concept: "size-limit" },
  { test: /startswith|startsWith|is_relative_to|commonpath|relative\(|dirname\([^)]*\)\s*(!=|==|!==|===)|realpath|resolve\(/, concept: "path-containment" },
  { test: /csrf|xsrf/i, concept: "csrf" },
  { test: /\.endswith\(|\.endsWith\(|extension|mimetype|mime_type|mimeType|content_type|contentType|EXTENSIONS|splitext|extname/, concept: "extension-check" },
  { test: /hostname|netloc|\.host\b|scheme|protocol|is_private|isPrivate|is_loopback/, concept: "url-check" },
  { test: /re\.(full)?match|\.test\(|\.match\(|isalnum|isdigit|isidentifier|\.fullmatch\(/, concept: "pattern-check" },
  { test: /compare_digest|timingSafeEqual|check_password|verify/, concept: "constant-time-compare" },
  // A key compared with the prototype's names, or an own-property test, before it is used as a property path.
  { test: /["'`](__proto__|constructor|prototype)["'`]|hasOwnProperty|Object\.hasOwn\b/, concept: "key-check" },
];

/** Expressions naming the signed-in user: a query or key built with one is scoped to its owner. */
export const CURRENT_USER = /\b(current_user|currentUser|request\.user|req\.user|g\.user|self\.request\.user|auth\.current_user\(\)|req\.session\.userId|session\[["']user_id["']\]|ctx\.state\.user|res\.locals\.user)\b/;

/** Statements that leave a branch early: a condition guarding them is a check that rejects input. */
export const EXIT_STATEMENTS = new Set(["raise_statement", "return_statement", "throw_statement", "continue_statement", "break_statement"]);

/** Calls that end a request with an error (`abort(403)`, `res.status(400)…`). */
export const EXIT_CALL = /^(abort|flask\.abort|res\.status|res\.sendStatus|reply\.code|ctx\.throw|next)$/;

/** What a refusing `return` hands back: nothing, a falsy value, an error or a 4xx status. */
export const REFUSAL = /^(False|false|None|null|undefined)?$|\b4\d\d\b|\b(error|forbidden|denied|unauthori[sz]ed|not allowed)\b/i;

/** Literal strings holding credentials whatever they are assigned to (URLs with a password, key blocks). */
export const SECRET_TEXT = /:\/\/[^\s/:@]+:[^\s/@]{3,}@|-----BEGIN [A-Z ]*PRIVATE KEY-----|\b(AKIA[0-9A-Z]{16}|sk_live_[0-9a-zA-Z]{10,}|ghp_[0-9A-Za-z]{20,}|xox[bp]-[0-9A-Za-z-]{10,})/;

/**
 * Does a literal look like a password or key whatever it is assigned to: no spaces or path/format
 * characters, at least 8 characters with a digit and three character classes, and not plain hex/UUID.
 */
export function looksLikeSecret(literal: string): boolean {
  if (literal.length < 8 || literal.length > 120 || /[\s/%{}.:,<>()\\]/.test(literal) || /^[0-9a-f-]+$/i.test(literal)) return false;
  // Names, placeholders, and regular expressions (a character class, or anchors at both ends).
  if (nameShaped(literal) || PLACEHOLDER.test(literal) || /\[[^\]]*\]|^\^.*\$$/.test(literal)) return false;
  if (!/\d/.test(literal)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(literal)).length;
  return classes >= 3 || (literal.length >= 24 && /^[A-Za-z0-9+=_-]+$/.test(literal) && /[A-Za-z]/.test(literal));
}

/** camelCase or CamelCase words with numbers (`BenchmarkTest00001`, `writeBigInt64BE`, `x509CertificateChain`). */
const CAMEL_NAME = /^([a-z]+\d*|([A-Z]+([a-z]+\d*|\d+)))([A-Z]+([a-z]+\d*|\d+))*[A-Z]*$/;

/**
 * Is a literal shaped like a name rather than a secret? Single-case words of letters and digits joined by
 * `_`/`-` (`0001_initial`, `utf16-be`, `standard_b64encode`, `enable_SMTPUTF8`, `AES_256_GCM`), camelCase words,
 * command-line options, and such names joined by `|` or `=` (`Debug|Win32`, `2fa=none`, `--depth=1`). A Django
 * migration's `dependencies`, cookie and header names, and identifiers listed in `__all__` read like this.
 */
export function nameShaped(literal: string): boolean {
  return literal.split(/[|=]/).every((part) => {
    const p = part.replace(/^[-_]+|_+$/g, "");
    return !p || CAMEL_NAME.test(p) || p.split(/[_-]/).every((w) => /^[a-z0-9]+$/.test(w) || /^[A-Z0-9]+$/.test(w));
  });
}

/**
 * Placeholders and the obvious dummies of examples and test fixtures (`your-api-key`, `dummy_token`,
 * `<password>`, `xxxx`), not credentials.
 */
export const PLACEHOLDER = /^(your|enter|insert|replace|put)[-_][\w-]*$|(^|[-_])(dummy|fake|mock|sample|example|placeholder|change[-_]?me|replace[-_]?me|todo|fixme|x{3,}|redacted|here|notasecret|not[-_]a[-_]secret)([-_]|$)|^(test|testing)[-_]?\w{0,12}$|^\$\{?\w+\}?$|^%\(\w+\)s$|^\*+$/i;

/** Names whose literal string value is a credential. */
export const SECRET_NAME = /(pass(word|wd)?|secret(_?key)?|api_?key|apikey|token|private_?key|access_?key|credentials?|auth_?key|client_?secret|signing_?key|jwt_?key)$/i;

/** Strings that are placeholders, not secrets. */
export const NOT_A_SECRET = /^(|changeme|\*+|x+|<[^>]*>|\$\{[^}]*\}|%s|\{\}|password|secret|token|none|null|test|example)$/i;

/** SQL that grants rights to every database role. */
export const SQL_GRANT_PUBLIC = /\bgrant\b[^;]*\bto\s+public\b/i;

/** Literal text that looks like HTML markup. */
export const HTML_TEXT = /<\/?[a-zA-Z][^>]*>/;

/**
 * A rejecting condition on a credential-like value that only runs when the value is present: `if token and token != expected`,
 * `if (sig && !valid(sig))`. A missing value then skips the check (fails open).
 */
export const FAIL_OPEN = /^\s*\(?\s*[\w.$]*(token|secret|sig(nature)?|pass(word|wd)?|auth\w*|session|csrf|xsrf|nonce|otp|api_?key|hmac|credential|jwt|digest)[\w.$]*(\[[^\]]*\])?(\s+is\s+not\s+None|\s*!==?\s*(null|undefined|None))?\s*(\band\b|&&)\s*[^\n]*(\bnot\b|!)/i;

/** Calls that build a regular expression from its source text (`re.compile("…")`, `new RegExp("…")`). */
export const PATTERN_BUILDER = /^(compile|RegExp)$/;

/** A regular expression's source anchored at its start (`^`, `\A`) and at its end (`$`, `\Z`, `\z`; not `\$`). */
export const START_ANCHOR = /^(\^|\\A)/;
export const END_ANCHOR = /(^|[^\\])(\\\\)*(\$|\\Z|\\z)$/;

/** Calls that read or write records by a query: scoping one by its owner makes it an ownership check. */
export const QUERY_CALL = /^(filter|filter_by|where|exclude|get_or_404|get_object_or_404|first_or_404|one_or_none|find\w*|query|execute|fetch\w*|select|update\w*|delete\w*|count\w*|exists|destroy|findAndCount|aggregate)$/;

/**
 * In a query's arguments: a key or condition on an owner attribute whose value is the signed-in principal
 * (`customer=request.user`, `userId: req.user.id`, `Model.org_id == g.api_key.org_id`).
 */
export const OWNER_ARG = /(^|[\s,({.[])["']?(owner|user|customer|author|tenant|org|organization|account|merchant|member|submitter|created_by|createdBy)(_?id|Id|_pk)?["']?\s*(==|===|=|:)\s*[^,)}\n]{0,40}?(?<!["'])\b(current_?user|currentUser|user|me|principal|session|auth\w*|g|uid|merchant|tenant|viewer|actor|caller|requester|get_jwt_identity|get_current_\w*)\b/;

/** In SQL text: a clause restricting rows to an owner (`… AND p.user_id = :uid`). */
export const SQL_OWNER_SCOPE = /\b(and|where)\s+[\w.]*\b(owner|user|customer|author|tenant|org|organization|account|merchant|member)_?id\s*=/i;

/** Keyword arguments/options that pass query or command values apart from the text (a bound-parameter form). */
export const BOUND_KEYWORDS = /^(params|parameters|replacements|bind|binds|values|args|substitutions)$/;

/** Settings holding a handler's checks (`dependencies=[Depends(auth)]`, `permission_classes = […]`, `preHandler: [auth]`). */
export const GUARD_LIST_KEY = /^(dependencies|permission_classes|authentication_classes|method_decorators|decorators|middlewares?|preHandler|onRequest|preValidation|before_request|guards|canActivate)$/i;

/** Names of fields that hold credentials or personal data: logging or returning them exposes them. */
export const SENSITIVE_NAME = /(pass(word|wd)?(_?hash)?|secret|token|ssn|social_security\w*|card_?number|cvv|cvc|api_?key|private_?key|pin_?code|salt)$/i;

/** Names ending in "key" hold a key when their literal looks random (`FIELD_KEY = b"pQ2n…"`). */
export const KEY_NAME = /key$/i;
