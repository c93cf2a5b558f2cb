import { describe, expect, it } from "vitest";
import { loadJsonl } from "../../src/data/jsonl.js";
import { DatasetRecordSchema } from "../../src/data/record.js";
import { UnitSplitter } from "../../src/lang/index.js";
import { featurizeRecords } from "../../src/train/featurizeRecords.js";
import { selectEmbedded } from "../../src/train/selectEmbedded.js";

describe("selectEmbedded operating point", () => {
  it("keeps the cross-validated false-positive rate within --max-fpr, raising the threshold as the ceiling tightens", { timeout: 60_000 }, async () => {
    const splitter = await UnitSplitter.create();
    const train = featurizeRecords(await loadJsonl("data/python/train.jsonl", DatasetRecordSchema), "view", splitter);
    splitter.delete();
    const loose = selectEmbedded(train, "view", { l2: [1e-2], others: ["omit"], cweSources: ["row"], maxFpr: 0.4 });
    const tight = selectEmbedded(train, "view", { l2: [1e-2], others: ["omit"], cweSources: ["row"], maxFpr: 0.05 });
    for (const [s, ceiling] of [[loose, 0.4], [tight, 0.05]] as const) {
      expect(s.crossValidation.fpr).toBeLessThanOrEqual(ceiling);
      expect(s.model.threshold).toBe(s.threshold);
    }
    expect(tight.threshold).toBeGreaterThan(loose.threshold);
    expect(tight.crossValidation.fpr).toBeLessThan(loose.crossValidation.fpr);
    // The same folds and fits: only the threshold differs.
    expect(tight.model.scorer).toEqual(loose.model.scorer);
    expect(tight.model.calibration).toEqual(loose.model.calibration);
  });
});
