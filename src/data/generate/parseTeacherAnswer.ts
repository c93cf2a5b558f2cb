// The teacher's answer text → candidate pairs: JSON possibly wrapped in a code fence or a sentence.

export type TeacherAnswer = { ok: true; candidates: unknown[] } | { ok: false; error: string };

/**
 * Accepts `{"pairs": [...]}` or a bare array of pairs, alone, inside a ```json fence, or inside prose. Of the
 * readings that parse, the longest wins, so `{"examples": []}` is not mistaken for its inner `[]`.
 */
export function parseTeacherAnswer(text: string): TeacherAnswer {
  if (!/[[{]/.test(text)) return { ok: false, error: "the answer holds no JSON" };
  const fenced = /```(?:json)?\s*\n([\s\S]*?)```/.exec(text)?.[1];
  const attempts = [text.trim(), fenced?.trim(), slice(text, "{", "}"), slice(text, "[", "]")].filter((t): t is string => Boolean(t));
  let best: { source: string; value: unknown } | undefined;
  let parseError = "malformed JSON";
  for (const source of attempts) {
    try {
      const value: unknown = JSON.parse(source);
      if (!best || source.length > best.source.length) best = { source, value };
    } catch (err) {
      parseError = `malformed JSON (${(err as Error).message})`;
    }
  }
  if (!best) return { ok: false, error: parseError };
  const value = best.value;
  if (Array.isArray(value)) return { ok: true, candidates: value };
  if (value && typeof value === "object" && Array.isArray((value as { pairs?: unknown }).pairs))
    return { ok: true, candidates: (value as { pairs: unknown[] }).pairs };
  return { ok: false, error: 'JSON without a "pairs" array' };
}

function slice(text: string, open: string, close: string): string | undefined {
  const start = text.indexOf(open);
  const end = text.lastIndexOf(close);
  return start >= 0 && end > start ? text.slice(start, end + 1) : undefined;
}
