// Parsing and the language-neutral view: what the scanner and the embedded model build on.
export type { CodeUnit, SourceLanguage, UnitKind } from "./CodeUnit.js";
export { UnitSplitter, type SplitResult } from "./UnitSplitter.js";
export { languageOfPath, grammarOf } from "./languageOfPath.js";
export { loadGrammars, SOURCE_LANGUAGES } from "./grammars.js";
export { extractView, extractViewOfNode } from "./view/extractView.js";
export { viewFeatures } from "./view/viewFeatures.js";
export { MAX_NESTING, NestingTooDeepError } from "./view/NestingTooDeepError.js";
export type { UnitView, SinkHit } from "./view/UnitView.js";
export * from "./view/concepts.js";
export type { ApiTable, SinkRule, SourceRule, GuardRule, CalleePattern } from "./tables/ApiTable.js";
export { PYTHON_TABLE } from "./tables/python.js";
export { JAVASCRIPT_TABLE } from "./tables/javascript.js";
