// The rows one library family contributes to a language's API table (CodeQL's `<library>.model.yml`): every
// list is optional, and a family holds only what its library adds.
import type { ApiTable } from "../tables/ApiTable.js";

/** The list-valued parts of an `ApiTable`: what a library family file may add. */
export type KnowledgeRows = Partial<
  Pick<
    ApiTable,
    | "sources"
    | "sinks"
    | "guards"
    | "sinkProperties"
    | "guardDecorators"
    | "riskDecorators"
    | "handlers"
    | "callbackParams"
    | "handlerParams"
    | "moduleFactories"
    | "patternCalls"
    | "wrappers"
  >
>;

/** A library family: its name (the file's name) and its rows. */
export interface KnowledgeFamily extends KnowledgeRows {
  family: string;
}

/** What a language fixes whatever its libraries: parameter roles and the few whole-language patterns. */
export type LanguageBase = KnowledgeRows &
  Pick<ApiTable, "requestParams" | "untaintedParams" | "trustedParamNames" | "contextHandler" | "defaultExportHandler" | "wholeRecord" | "assumedModules" | "namedHandlers">;
