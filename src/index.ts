// Public library API: `import { ... } from "cwescope"`.
export * from "./cwe/index.js";
export * from "./data/index.js";
export { runCli } from "./cli/main.js";
export { VERSION } from "./version.js";
export * from "./scan/index.js";
export { formats, isFormatName, type FormatName, type ReportFormat, type RenderOptions } from "./report/formats/index.js";
