// Label-leak check: words in a snippet that give its label away (`safe_path`, `# fixed`, `sanitize_input`),
// with an allow-list of real APIs that merely contain such a word (`yaml.safe_load`, `toFixed`, `SAFE_METHODS`).
import {
  ALLOWED_APIS,
  ALLOWED_PHRASES,
  HELPER_STEMS,
  isClaimWord,
  isLabelWord,
  subWords,
} from "./leakWords.js";
import { identifierChains, lineAndColumn, type IdentifierChain, type RegionKind } from "./sourceRegions.js";

export interface LabelLeak {
  /** 1-based line of the word. */
  line: number;
  /** 1-based column of the identifier or word that holds it. */
  column: number;
  /** The flagged sub-word, lower case (`safe`). */
  word: string;
  /** The identifier or word it was found in (`safe_path`). */
  name: string;
  where: RegionKind;
  /** `label`: names the label (vulnerable, fix, exploit…); `claim`: an invented safety claim (is_safe, validated_url). */
  rule: "label" | "claim" | "helper";
}

export interface LabelLeakOptions {
  /** `python`, or `javascript`/`typescript` (same lexer). */
  language: string;
  /** More real API names to allow, on top of {@link ALLOWED_APIS}. Defaults to none. */
  allow?: readonly string[];
}

interface Word {
  word: string;
  chain: IdentifierChain;
  segment: number;
  covered: boolean;
}

/** Every label-leaking word of one snippet, in source order. */
export function findLabelLeaks(code: string, options: LabelLeakOptions): LabelLeak[] {
  const allowed = new Set([...ALLOWED_APIS, ...(options.allow ?? [])]);
  const chains = identifierChains(code, options.language);
  const regions = new Map<number, Word[]>();
  for (const chain of chains) {
    const words = regions.get(chain.region) ?? [];
    const covered = coveredSegments(chain.segments, allowed);
    chain.segments.forEach((seg, i) => {
      for (const word of subWords(seg)) words.push({ word, chain, segment: i, covered: covered[i] });
    });
    regions.set(chain.region, words);
  }
  const leaks: LabelLeak[] = [];
  for (const words of regions.values()) {
    coverPhrases(words);
    for (const w of words) {
      if (w.covered) continue;
      const rule = isLabelWord(w.word) ? "label" : isClaimWord(w.word) && w.chain.kind !== "string" && !isOption(w) ? "claim" : undefined;
      if (!rule) continue;
      const at = lineAndColumn(code, w.chain.offsets[w.segment]);
      leaks.push({ ...at, word: w.word, name: w.chain.segments[w.segment], where: w.chain.kind, rule });
    }
  }
  return leaks.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Helpers that validate or clean input, called by name in the fix but nowhere in the vulnerable twin, and
 * neither defined nor imported in the fix: an invented `sanitize_path()` tells the label by its presence.
 */
export function findHelperLeaks(vulnerable: string, fixed: string, options: LabelLeakOptions): LabelLeak[] {
  const names = (code: string) => new Set(identifierChains(code, options.language).filter((c) => c.kind === "code").flatMap((c) => c.segments));
  const before = names(vulnerable);
  const allowed = new Set([...ALLOWED_APIS, ...(options.allow ?? [])]);
  const leaks: LabelLeak[] = [];
  for (const m of fixed.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*)\s*\(/g)) {
    const name = m[1];
    // Classes and exceptions (`FileExtensionValidator`, `ValidationError`) are library types, not invented helpers.
    if (/^[A-Z]/.test(name) || before.has(name) || allowed.has(name) || !subWords(name).some((w) => HELPER_STEMS.some((s) => w.startsWith(s)))) continue;
    const definedOrImported = new RegExp(`(def|function|class|import|const|let|var)\\s[^\\n]*\\b${name.replace(/\$/g, "\\$")}\\b|\\b${name.replace(/\$/g, "\\$")}\\s*[,}]`);
    if (definedOrImported.test(fixed)) continue;
    const word = subWords(name).find((w) => HELPER_STEMS.some((s) => w.startsWith(s)))!;
    leaks.push({ ...lineAndColumn(fixed, m.index), word, name, where: "code", rule: "helper" });
  }
  return leaks;
}

/** One line per leak: `line 4:5: "safe" in safe_path (claim)`. */
export function formatLabelLeak(leak: LabelLeak): string {
  return `line ${leak.line}:${leak.column}: label-leaking word "${leak.word}" in ${leak.name} (${leak.where}, ${leak.rule})`;
}

/** Segments covered by an allowed API name matching the whole chain or a dotted run of it. */
function coveredSegments(segments: string[], allowed: Set<string>): boolean[] {
  const covered = segments.map(() => false);
  for (let i = 0; i < segments.length; i++)
    for (let j = i + 1; j <= segments.length; j++)
      if (allowed.has(segments.slice(i, j).join("."))) for (let k = i; k < j; k++) covered[k] = true;
  return covered;
}

const PHRASES = ALLOWED_PHRASES.map((p) => p.split(" "));

function coverPhrases(words: Word[]): void {
  for (const phrase of PHRASES)
    for (let i = 0; i + phrase.length <= words.length; i++)
      if (phrase.every((p, k) => words[i + k].word === p)) for (let k = 0; k < phrase.length; k++) words[i + k].covered = true;
}

/** A lone `secure`/`safe` used as a property, key or keyword argument is an option of a real API. */
function isOption(w: Word): boolean {
  if (subWords(w.chain.segments[w.segment]).length !== 1) return false;
  return w.segment > 0 || w.chain.optionLike;
}
