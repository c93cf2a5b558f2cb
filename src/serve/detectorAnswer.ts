// Serving a model that is not a chat model (the embedded one): find the fenced code in a cwescope prompt,
// run the detector on it, and write the answer the way that prompt asks for it.
import type { ChatResult, Detector } from "../models/Detector.js";
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

export async function detectorAnswer(detector: Detector, messages: ChatMessage[], wantsJson: boolean, signal?: AbortSignal): Promise<ChatResult> {
  const user = [...messages].reverse().find((m) => m.role === "user");
  const fenced = user ? extractFencedCode(user.content) : null;
  if (!fenced) throw new UnanswerableRequestError(`${detector.id} answers only cwescope prompts: no <code-…> block in the last user message`);
  const prediction = await detector.detect({ id: "serve", language: normalizeLanguage(fenced.language), code: fenced.code }, { signal });
  // The detector could not analyse this code (nested past its reach, say): the client's input, not a server fault.
  if (prediction.error) throw new UnanswerableRequestError(`unanalysable: ${prediction.error}`, 422);
  const prompt = wantsJson ? chatJsonPrompt : (identifyPrompt(messages) ?? chatJsonPrompt);
  const text = prompt.formatAnswer({ vulnerable: prediction.vulnerable, cwe: prediction.cwe, lines: prediction.lines, reason: typeof prediction.reason === "string" ? prediction.reason : "" });
  return { text, tokensIn: 0, tokensOut: 0, finishReason: "stop" };
}

function normalizeLanguage(language: string): "python" | "javascript" | "typescript" {
  if (language === "python" || language === "typescript") return language;
  return "javascript";
}
