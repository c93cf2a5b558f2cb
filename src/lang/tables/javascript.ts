// JavaScript/TypeScript's API table, assembled from the library family files under `lang/knowledge/javascript/`.
export { JAVASCRIPT_TABLE } from "../knowledge/javascript/index.js";
