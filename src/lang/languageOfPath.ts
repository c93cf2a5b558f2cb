// File extension → grammar. JSX parses with the JavaScript grammar; TSX needs its own.
import { extname } from "node:path";
import type { SourceLanguage } from "./CodeUnit.js";

const BY_EXTENSION: Record<string, SourceLanguage> = {
  ".py": "python",
  ".pyw": "python",
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".jsx": "javascript",
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".tsx": "tsx",
};

/** The language of a file from its extension, or undefined when cwescope does not parse it. `.d.ts` is skipped. */
export function languageOfPath(path: string): SourceLanguage | undefined {
  if (/\.d\.[mc]?ts$/i.test(path)) return undefined;
  return BY_EXTENSION[extname(path).toLowerCase()];
}

/** Map a dataset record language (`python|javascript|typescript`) to a grammar. */
export function grammarOf(language: string): SourceLanguage {
  if (language === "python" || language === "javascript" || language === "typescript" || language === "tsx") return language;
  throw new Error(`no grammar for language "${language}"`);
}
