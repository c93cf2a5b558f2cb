// Serving a model that is not a chat model (the embedded one): find the code in the request (a cwescope prompt's
// fenced block, or a Markdown code block as any chat client sends it), run the detector on it, and answer in the
// format the prompt asks for. A message with no code gets a short account of what this server answers.
import { cweName } from "../cwe/catalog.js";
import type { ChatResult, Detector, Prediction } from "../models/Detector.js";
import { chatJsonPrompt, extractFencedCode, identifyPrompt, type ChatMessage } from "../prompts/index.js";

/** The request cannot be answered by this backend (a 400 for the client; 422 for code it cannot analyse). */
export class UnanswerableRequestError extends Error {
  override name = "UnanswerableRequestError";
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

type Language = "python" | "javascript" | "typescript";

export async function detectorAnswer(detector: Detector, messages: ChatMessage[], wantsJson: boolean, signal?: AbortSignal): Promise<ChatResult> {
  const user = [...messages].reverse().find((m) => m.role === "user");
  const fenced = user ? extractFencedCode(user.content) : null;
  const markdown = !fenced && user ? markdownCode(user.content) : null;
  const found = fenced ? { code: fenced.code, language: normalizeLanguage(fenced.language) } : markdown;
  if (!found) {
    if (wantsJson) throw new UnanswerableRequestError(`${detector.id} answers only about code: put it in a Markdown code block (\`\`\`python … \`\`\`) in the last user message`);
    return reply(usage(detector));
  }
  const prediction = await detector.detect({ id: "serve", language: found.language, code: found.code }, { signal });
  // The detector could not analyse this code (nested past its reach, say): the client's input, not a server fault.
  if (prediction.error) throw new UnanswerableRequestError(`unanalysable: ${prediction.error}`, 422);
  const answer = { vulnerable: prediction.vulnerable, cwe: prediction.cwe, lines: prediction.lines, reason: typeof prediction.reason === "string" ? prediction.reason : "" };
  if (fenced || wantsJson) return reply((wantsJson ? chatJsonPrompt : (identifyPrompt(messages) ?? chatJsonPrompt)).formatAnswer(answer));
  return reply(sentence(prediction));
}

function reply(text: string): ChatResult {
  return { text, tokensIn: 0, tokensOut: 0, finishReason: "stop" };
}

/** What a person asking in a chat client reads. */
function sentence(p: Prediction): string {
  if (!p.vulnerable || !p.cwe) return "No weakness found.";
  const at = p.lines.length ? ` at line${p.lines.length > 1 ? "s" : ""} ${p.lines.join(", ")}` : "";
  const reason = typeof p.reason === "string" && p.reason ? ` ${p.reason}` : "";
  return `${p.cwe} (${cweName(p.cwe)})${at}, confidence ${p.confidence.toFixed(2)}.${reason}`;
}

function usage(detector: Detector): string {
  return `${detector.id} is cwescope's detector, not a chat model: send Python, JavaScript or TypeScript code in a Markdown code block (\`\`\`python … \`\`\`), and it answers which CWE weakness the code has and on which lines.`;
}

/** The first Markdown code block (``` or ~~~) of a message, with its language from the info string or a guess. */
export function markdownCode(text: string): { code: string; language: Language } | null {
  const m = /(^|\n)(```+|~~~+)[ \t]*([\w+#.-]*)[^\n]*\n([\s\S]*?)\n\2[ \t]*(?=\n|$)/.exec(text);
  if (!m || !m[4].trim()) return null;
  const info = m[3].toLowerCase();
  const language: Language | undefined = /^(py|python3?)$/.test(info)
    ? "python"
    : /^(ts|tsx|typescript)$/.test(info)
      ? "typescript"
      : /^(js|jsx|javascript|node|mjs|cjs)$/.test(info)
        ? "javascript"
        : undefined;
  return { code: m[4], language: language ?? guessLanguage(m[4]) };
}

/** Python reads by its keywords and colons; anything else is taken for JavaScript. */
function guessLanguage(code: string): Language {
  return /^\s*(def |class \w+[:(]|import \w+\s*$|from \w[\w.]* import )/m.test(code) ? "python" : "javascript";
}

function normalizeLanguage(language: string): Language {
  if (language === "python" || language === "typescript") return language;
  return "javascript";
}
