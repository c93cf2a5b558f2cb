// One UnitSplitter per test file, and the view of a whole snippet (parsed, read, tree freed).
import { afterAll, beforeAll } from "vitest";
import { extractViewOfNode, UnitSplitter, viewFeatures, type SourceLanguage, type UnitView } from "../../src/lang/index.js";

/** Registers beforeAll/afterAll hooks; call at the top of a test file. */
export function useViews(): { view(code: string, language: SourceLanguage): UnitView; features(code: string, language: SourceLanguage): string[] } {
  let splitter: UnitSplitter;
  beforeAll(async () => {
    splitter = await UnitSplitter.create();
  });
  afterAll(() => splitter.delete());
  const view = (code: string, language: SourceLanguage): UnitView => {
    const tree = splitter.parse(code, language);
    try {
      return extractViewOfNode(tree.rootNode, language);
    } finally {
      tree.delete();
    }
  };
  return { view, features: (code, language) => viewFeatures(view(code, language)).sort() };
}
