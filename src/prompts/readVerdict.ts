// Reads a verdict from free text by its cues, and refuses to guess: an answer with cues both ways, or none,
// is unparsable. Negation is read where it sits ("CWE-78 is not present", "not vulnerable", "no weakness").

/** What the text says, or why it cannot be read. */
export type TextVerdict = { ok: true; vulnerable: boolean; cwe: string | null } | { ok: false; why: string };

/** A CWE id written out (`CWE-89`, `cwe_089`, `CWE 89`). */
const CWE_MENTION = /\bcwe[\s_:-]*0*(\d{1,5})\b/gi;
/** After a CWE id, words that deny it (`CWE-78 is not present`, `CWE-89 does not apply`). */
const DENIED_AFTER = /^[^.;\n]{0,40}?\b(?:is not|isn't|was not|are not|not (?:present|found|applicable|relevant)|does not|doesn't|do not|absent|n\/a)\b/i;
/** Before a CWE id, words that deny it (`no CWE-89`, `not CWE-78`, `without CWE-22`, `rather than`). */
const DENIED_BEFORE = /\b(?:no|not|without|rather than|instead of|neither|nor)\s+(?:an?\s+|any\s+)?(?:\w+\s+){0,2}$/i;

/** Cues that the code is not vulnerable. */
const NEGATIVE: RegExp[] = [
  /\bnot\s+(?:be\s+|considered\s+)?vulnerable\b/i,
  /\bnon[- ]?vulnerable\b/i,
  /\binvulnerable\b/i,
  /\b(?:no|zero|without)\s+(?:known\s+|obvious\s+|apparent\s+|security\s+)?(?:vulnerabilit(?:y|ies)|weakness(?:es)?|cwes?|security (?:issues?|problems?)|issues?)\b/i,
  /\b(?:is|are|looks|appears|seems|remains)\s+(?:to be\s+)?(?:completely\s+|perfectly\s+)?(?:safe|secure|benign|clean)\b/i,
  /\bnone\b/i,
  /^\s*(?:safe|secure|benign|clean|no|false)\s*[.!]?\s*$/i,
  /^\s*(?:answer:\s*)?no\s*[.,!;:]/i,
];
/** Cues that it is (`vulnerable` not negated, `unsafe`, `yes` as the answer's first word). */
const POSITIVE: RegExp[] = [
  /(?<!\bnot\s+(?:be\s+|considered\s+)?)(?<!\bnon[- ]?)(?<!\bin)\bvulnerable\b/i,
  /(?<!\b(?:no|zero|without)\s+(?:known\s+|obvious\s+|apparent\s+|security\s+)?)\bvulnerabilit(?:y|ies)\b(?!\s+(?:is|was|were|are)\s+(?:not|found)\b)/i,
  /\b(?:unsafe|insecure|not\s+(?:safe|secure))\b/i,
  /^\s*(?:answer:\s*)?(?:yes|true)\b/i,
];

/**
 * The verdict of a free-text answer. `cwe` is the first CWE id the text asserts (not one it denies). An
 * asserted CWE id counts as a cue that the code is vulnerable.
 */
export function readVerdictText(raw: string): TextVerdict {
  const text = raw.replace(/[*_`#>]/g, " ").replace(/[ \t]+/g, " ").trim();
  const asserted: string[] = [];
  const denied: string[] = [];
  for (const m of text.matchAll(CWE_MENTION)) {
    const id = Number(m[1]) > 0 ? `CWE-${Number(m[1])}` : null;
    if (!id) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const after = text.slice(m.index + m[0].length);
    (DENIED_BEFORE.test(before) || DENIED_AFTER.test(after) ? denied : asserted).push(id);
  }
  // A bare id is the whole answer (`89`).
  const bare = /^\s*0*(\d{1,5})\s*[.!]?\s*$/.exec(text);
  if (bare && Number(bare[1]) > 0) asserted.push(`CWE-${Number(bare[1])}`);
  const negative = NEGATIVE.some((re) => re.test(text)) || (denied.length > 0 && asserted.length === 0 && !POSITIVE.some((re) => re.test(text)));
  const positive = asserted.length > 0 || POSITIVE.some((re) => re.test(text));
  if (positive && negative) return { ok: false, why: "it says both vulnerable and not vulnerable" };
  if (positive) return { ok: true, vulnerable: true, cwe: asserted[0] ?? null };
  if (negative) return { ok: true, vulnerable: false, cwe: null };
  return { ok: false, why: "no verdict in it" };
}
