// Robust reading of model answers: JSON inside prose or code fences, CWE ids in any spelling, yes/no words,
// refusals and empty answers. Every outcome is an answer or an error string; nothing here throws.
import { parseCweId } from "../cwe/catalog.js";
import type { ParseResult, PromptAnswer } from "./Prompt.js";
import { readVerdictText } from "./readVerdict.js";

const REFUSAL = /^\s*(?:i['’]?m sorry|i am sorry|sorry,|i can(?:not|['’]t) (?:help|assist|comply|provide|analy[sz]e)|i won['’]t|as an ai\b|i['’]m not able to|i am not able to|i['’]m unable to|i am unable to)/i;

/** `empty` / `refusal` errors for answers that carry nothing to parse; `null` when there is something. */
export function emptyOrRefusal(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return "empty: the model returned no answer";
  if (REFUSAL.test(trimmed)) return `refusal: ${clip(trimmed)}`;
  return null;
}

/** First JSON object in the text: bare, inside a ```json fence, or embedded in prose. */
export function extractJsonObject(text: string): Record<string, unknown> | undefined {
  const fenced = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(text);
  const candidates = fenced ? [fenced[1], text] : [text];
  for (const candidate of candidates) {
    for (let start = candidate.indexOf("{"); start !== -1; start = candidate.indexOf("{", start + 1)) {
      const end = matchingBrace(candidate, start);
      if (end === -1) break;
      const value = tryJson(candidate.slice(start, end + 1));
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    }
  }
  return undefined;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(text.replace(/,\s*([}\]])/g, "$1")); // trailing commas
    } catch {
      return undefined;
    }
  }
}

function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

/** Read `{vulnerable, cwe, lines, reason}` leniently (strings for booleans, `"none"`/`null` CWEs, `"7-9"` ranges). */
export function interpretJsonAnswer(obj: Record<string, unknown>): ParseResult {
  const rawCwe = obj.cwe ?? obj.cwe_id ?? obj.CWE ?? obj.weakness;
  const cwe = typeof rawCwe === "string" || typeof rawCwe === "number" ? parseCweId(rawCwe) : null;
  const rawVerdict = obj.vulnerable ?? obj.is_vulnerable ?? obj.vulnerability;
  let vulnerable = toBoolean(rawVerdict);
  if (vulnerable === undefined) {
    if (rawVerdict !== undefined) return unparsable(`"vulnerable" is ${clip(JSON.stringify(rawVerdict), 40)}`, JSON.stringify(obj));
    if (rawCwe === undefined) return { ok: false, error: `parse: JSON answer has neither "vulnerable" nor "cwe": ${clip(JSON.stringify(obj))}` };
    if (cwe === null && !/^\s*(?:none|null|n\/a|)\s*$/i.test(String(rawCwe ?? ""))) return unparsable(`"cwe" is ${clip(JSON.stringify(rawCwe), 40)}`, JSON.stringify(obj));
    vulnerable = cwe !== null;
  }
  // The boolean is the verdict the JSON contract asks for; a CWE beside "false" is a detail, dropped (as lines are).
  const reason = typeof obj.reason === "string" ? obj.reason : typeof obj.explanation === "string" ? obj.explanation : undefined;
  return {
    ok: true,
    answer: { vulnerable, cwe: vulnerable ? cwe : null, lines: vulnerable ? toLines(obj.lines ?? obj.line) : [], ...(reason !== undefined ? { reason } : {}) },
  };
}

function toBoolean(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v !== "string") return undefined;
  if (/^\s*(true|yes|vulnerable|1)\s*$/i.test(v)) return true;
  if (/^\s*(false|no|not vulnerable|safe|0)\s*$/i.test(v)) return false;
  return undefined;
}

function toLines(v: unknown): number[] {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  const out = new Set<number>();
  for (const item of items) {
    if (typeof item === "number" && Number.isInteger(item) && item > 0) out.add(item);
    else if (typeof item === "string") {
      const range = /^\s*(\d+)\s*(?:-|–|\.\.)\s*(\d+)\s*$/.exec(item);
      if (range && Number(range[2]) - Number(range[1]) < 1000) {
        for (let n = Math.max(1, Number(range[1])); n <= Number(range[2]); n++) out.add(n);
      } else if (/^\s*\d+\s*$/.test(item) && Number(item) > 0) out.add(Number(item));
    }
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * JSON where the answer starts as JSON (bare or fenced): read as JSON or not at all. A cut-off object (a
 * stream that ended early but was marked finished) is unparsable, never read as prose.
 */
function jsonFirst(text: string): ParseResult | undefined {
  const body = text.trim().replace(/^```(?:json|JSON)?\s*/, "");
  if (!body.startsWith("{") && !body.startsWith("[")) return undefined;
  const json = extractJsonObject(text);
  if (json) return interpretJsonAnswer(json);
  return unparsable("JSON that does not parse or is cut off", text);
}

/** A free-text verdict; `keepCwe` false drops any CWE id (a prompt that asks for none). */
function fromText(text: string, keepCwe = true): ParseResult {
  const verdict = readVerdictText(text);
  if (!verdict.ok) return unparsable(verdict.why, text);
  return ok({ vulnerable: verdict.vulnerable, cwe: verdict.vulnerable && keepCwe ? verdict.cwe : null, lines: [] });
}

/** A free-text answer naming a CWE id or saying none (the study's instruction format). */
export function parseCweText(text: string): ParseResult {
  const problem = emptyOrRefusal(text);
  if (problem) return { ok: false, error: problem };
  return jsonFirst(text) ?? fromText(text);
}

/** A binary answer: `vulnerable` / `not vulnerable` (also yes/no); a CWE id, when named, is kept. */
export function parseBinaryText(text: string): ParseResult {
  const problem = emptyOrRefusal(text);
  if (problem) return { ok: false, error: problem };
  return jsonFirst(text) ?? fromText(text);
}

/** A JSON answer, falling back to the text reader when the model answered in words only. */
export function parseJsonAnswer(text: string): ParseResult {
  const problem = emptyOrRefusal(text);
  if (problem) return { ok: false, error: problem };
  const json = extractJsonObject(text);
  if (json) return interpretJsonAnswer(json);
  // An object was begun but never closed: the answer is cut off, whatever the prose around it says.
  if (/\{\s*"/.test(text)) return unparsable("JSON that does not parse or is cut off", text);
  const asText = fromText(text);
  return asText.ok ? asText : unparsable("no JSON object, and no verdict in words", text);
}

/** The error of an answer that is not unambiguous under the prompt's contract: counted as failed, never guessed. */
function unparsable(why: string, text: string): ParseResult {
  return { ok: false, error: `parse: unparsable answer (${why}): ${clip(text)}` };
}

function ok(answer: PromptAnswer): ParseResult {
  return { ok: true, answer };
}

function clip(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? flat.slice(0, max) + "…" : flat;
}
