// The one loader of knowledge rows: a language's base and its library families merged into the API table the
// engine reads. Adding a library is adding a family file and listing it in the language's index.
import type { ApiTable } from "../tables/ApiTable.js";
import type { KnowledgeFamily, KnowledgeRows, LanguageBase } from "./KnowledgeRows.js";

const LISTS = ["sources", "sinks", "guards", "sinkProperties", "guardDecorators", "riskDecorators", "handlers", "callbackParams", "handlerParams", "moduleFactories", "patternCalls", "wrappers"] as const;

/**
 * Concatenates each list of the base and the families, in the order given: where the engine takes the first
 * matching row (`handlerParams`, `callbackParams`, `patternCalls`), earlier families win. Fails on a family
 * listed twice, so a copy-pasted index cannot double a library's rows.
 */
export function assembleTable(base: LanguageBase, families: readonly KnowledgeFamily[]): ApiTable {
  const names = new Set<string>();
  for (const f of families) {
    if (names.has(f.family)) throw new Error(`knowledge family "${f.family}" is listed twice`);
    names.add(f.family);
  }
  const merged: Required<KnowledgeRows> = {
    sources: [], sinks: [], guards: [], sinkProperties: [], guardDecorators: [], riskDecorators: [], handlers: [], callbackParams: [], handlerParams: [], moduleFactories: [], patternCalls: [], wrappers: [],
  };
  for (const part of [base, ...families]) {
    for (const key of LISTS) {
      const rows = part[key];
      if (rows) (merged[key] as unknown[]).push(...rows);
    }
  }
  return {
    ...merged,
    requestParams: base.requestParams,
    untaintedParams: base.untaintedParams,
    ...(base.trustedParamNames ? { trustedParamNames: base.trustedParamNames } : {}),
    ...(base.contextHandler ? { contextHandler: base.contextHandler } : {}),
    ...(base.defaultExportHandler ? { defaultExportHandler: base.defaultExportHandler } : {}),
    ...(base.wholeRecord ? { wholeRecord: base.wholeRecord } : {}),
    ...(base.assumedModules ? { assumedModules: base.assumedModules } : {}),
    ...(base.namedHandlers ? { namedHandlers: base.namedHandlers } : {}),
  };
}
