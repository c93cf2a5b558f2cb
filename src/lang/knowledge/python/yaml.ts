// PyYAML: the loaders that build arbitrary objects, and the safe ones.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const yaml: KnowledgeFamily = {
  family: "yaml",
  sinks: [
    { callee: "yaml.load", concept: "deserialize", args: [0], unless: { keyword: "Loader", value: /Safe|Base/ } },
    { callee: "yaml.unsafe_load", concept: "deserialize" },
    { callee: "yaml.load_all", concept: "deserialize", args: [0], unless: { keyword: "Loader", value: /Safe|Base/ } },
    { callee: "yaml.unsafe_load_all", concept: "deserialize" },
    { callee: "yaml.full_load_all", concept: "deserialize" },
    { callee: "yaml.full_load", concept: "deserialize" },
  ],
  guards: [
    { callee: "yaml.safe_load", concept: "safe-loader", cleans: false },
    { callee: "yaml.safe_load_all", concept: "safe-loader", cleans: false },
  ],
};
