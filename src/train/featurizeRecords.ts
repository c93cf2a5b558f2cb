// Dataset records → feature lists (and views, for line association), parsing each snippet once.
import type { DatasetRecord } from "../data/record.js";
import { extractViewOfNode, grammarOf, type UnitSplitter, type UnitView } from "../lang/index.js";
import { featuresOf } from "../models/embedded/featurize.js";
import type { FeatureSet } from "../models/embedded/EmbeddedModel.js";

export interface FeaturizedRecord {
  record: DatasetRecord;
  features: string[];
  /** The view (view models only). */
  view?: UnitView;
}

export function featurizeRecords(records: readonly DatasetRecord[], set: FeatureSet, splitter: UnitSplitter): FeaturizedRecord[] {
  return records.map((record) => {
    const language = grammarOf(record.language);
    if (set === "tokens") return { record, features: featuresOf("tokens", record.code, () => undefined as never) };
    const tree = splitter.parse(record.code, language);
    try {
      const view = extractViewOfNode(tree.rootNode, language);
      return { record, features: featuresOf("view", record.code, () => view), view };
    } finally {
      tree.delete();
    }
  });
}
