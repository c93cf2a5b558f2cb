// Dataset records → candidates with features (and views, for labelling candidates by the gold lines), parsing
// each snippet once.
import type { DatasetRecord } from "../data/record.js";
import { extractViewOfNode, grammarOf, type UnitSplitter, type UnitView } from "../lang/index.js";
import type { FeatureSet } from "../models/embedded/EmbeddedModel.js";
import { candidatesOf, type Candidate } from "../models/embedded/featurize.js";

export interface FeaturizedRecord {
  record: DatasetRecord;
  /** What the model scores: the view's sinks (view models) or the whole record (tokens). */
  candidates: Candidate[];
  /** Every feature of any candidate, sorted: for comparing twins. */
  features: string[];
  /** The view (view models only). */
  view?: UnitView;
}

export function featurizeRecords(records: readonly DatasetRecord[], set: FeatureSet, splitter: UnitSplitter): FeaturizedRecord[] {
  return records.map((record) => {
    if (set === "tokens") return withUnion({ record, candidates: candidatesOf("tokens", record.code, () => undefined as never) });
    const language = grammarOf(record.language);
    const tree = splitter.parse(record.code, language);
    try {
      const view = extractViewOfNode(tree.rootNode, language);
      return withUnion({ record, candidates: candidatesOf("view", record.code, () => view), view });
    } finally {
      tree.delete();
    }
  });
}

function withUnion(r: Omit<FeaturizedRecord, "features">): FeaturizedRecord {
  return { ...r, features: [...new Set(r.candidates.flatMap((c) => c.features))].sort() };
}
