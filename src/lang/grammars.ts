// Loads the WASM grammars shipped in the tree-sitter npm packages, once per process (no download at run time).
import { createRequire } from "node:module";
import { Language, Parser } from "web-tree-sitter";
import type { SourceLanguage } from "./CodeUnit.js";
import { treeSitterModule } from "./WasmCursor.js";

const require = createRequire(import.meta.url);

const WASM: Record<SourceLanguage, string> = {
  python: "tree-sitter-python/tree-sitter-python.wasm",
  javascript: "tree-sitter-javascript/tree-sitter-javascript.wasm",
  typescript: "tree-sitter-typescript/tree-sitter-typescript.wasm",
  tsx: "tree-sitter-typescript/tree-sitter-tsx.wasm",
};

export const SOURCE_LANGUAGES = Object.keys(WASM) as SourceLanguage[];

let loading: Promise<Record<SourceLanguage, Language>> | undefined;

/** The four grammars, loaded once and shared by every parser in the process. */
export function loadGrammars(): Promise<Record<SourceLanguage, Language>> {
  loading ??= (async () => {
    // The module object is kept: the syntax copy's cursor calls the binding directly.
    await Parser.init(treeSitterModule as Parameters<typeof Parser.init>[0]);
    const entries = await Promise.all(
      SOURCE_LANGUAGES.map(async (lang) => [lang, await Language.load(require.resolve(WASM[lang]))] as const),
    );
    return Object.fromEntries(entries) as Record<SourceLanguage, Language>;
  })();
  return loading;
}
