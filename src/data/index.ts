export * from "./record.js";
export * from "./jsonl.js";
export * from "./validate.js";
export * from "./stats.js";
export * from "./split.js";
export * from "./dedupe.js";
export * from "./minhash.js";
export * from "./build.js";
