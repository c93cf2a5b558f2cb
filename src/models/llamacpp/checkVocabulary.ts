// A GGUF's vocabulary is checked before llama.cpp loads it: a tokenizer that cannot spell every byte aborts
// the process from native code (std::out_of_range) on the first prompt holding that byte, with no message.
import { UserError } from "../../util/errors.js";

/** GPT-2's byte-level BPE alphabet: the character each byte is written as in the vocabulary. */
function byteLevelAlphabet(): string[] {
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const out: string[] = [];
  let next = 256;
  for (let b = 0; b < 256; b++) out.push(String.fromCodePoint(printable(b) ? b : next++));
  return out;
}

/**
 * Throw a `UserError` naming `path` when its vocabulary cannot encode arbitrary text: a SentencePiece (`llama`)
 * vocabulary needs the 256 byte-fallback tokens `<0x00>`…`<0xFF>`, a byte-level BPE (`gpt2`) one the 256
 * byte characters. Other tokenizer kinds are left to llama.cpp.
 */
export async function checkVocabulary(path: string): Promise<void> {
  const { readGgufFileInfo } = await import("node-llama-cpp");
  let info: Awaited<ReturnType<typeof readGgufFileInfo>>;
  try {
    info = await readGgufFileInfo(path, { readTensorInfo: false, logWarnings: false });
  } catch (err) {
    throw new UserError(`llamacpp: ${path} is not a readable GGUF file: ${err instanceof Error ? err.message : String(err)}`);
  }
  const ggml = (info.metadata as { tokenizer?: { ggml?: { model?: string; tokens?: readonly string[] } } }).tokenizer?.ggml;
  const tokens = new Set(ggml?.tokens ?? []);
  if (!tokens.size) throw new UserError(`llamacpp: ${path} has no vocabulary (tokenizer.ggml.tokens is empty)`);
  const needed =
    ggml?.model === "llama"
      ? Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`)
      : ggml?.model === "gpt2"
        ? byteLevelAlphabet()
        : [];
  const missing = needed.filter((t) => !tokens.has(t));
  if (missing.length)
    throw new UserError(
      `llamacpp: ${path}: its ${ggml!.model} vocabulary cannot encode every byte (${missing.length} byte token(s) missing, e.g. ${missing.slice(0, 4).map((t) => JSON.stringify(t)).join(", ")}); llama.cpp would abort on such input`,
    );
}
