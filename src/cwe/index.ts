export * from "./catalog.js";
export * from "./supportedCwes.js";
