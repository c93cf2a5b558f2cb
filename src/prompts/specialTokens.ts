// Chat-template control tokens written inside scanned code are broken apart before the code reaches a model:
// a server that parses special tokens in text would otherwise end the turn or open a new one where the code says.

/** Control tokens of the chat templates cwescope's models use (ChatML, Llama 2/3, Gemma, Mistral, Phi, DeepSeek). */
const SPECIAL_TOKENS = [
  /<\|[\w.-]{1,40}\|>/g, // <|im_start|> <|im_end|> <|eot_id|> <|start_header_id|> <|endoftext|> <|user|> …
  /<｜[^｜>]{1,40}｜>/g, // DeepSeek's full-width bars
  /<\/?s>/g,
  /\[\/?INST\]/g,
  /<<\/?SYS>>/g,
  /<(?:start|end)_of_turn>/g,
];

/** Break every chat control token in `code` apart (`<|eot_id|>` → `< |eot_id| >`), keeping it readable. */
export function neutraliseSpecialTokens(code: string): string {
  let out = code;
  for (const re of SPECIAL_TOKENS) out = out.replace(re, (t) => (t.length > 2 ? `${t[0]} ${t.slice(1, -1)} ${t.at(-1)}` : t));
  return out;
}
