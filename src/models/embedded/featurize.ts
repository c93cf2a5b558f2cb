// Features of one input, identical at training and prediction time.
import { viewFeatures, type UnitView } from "../../lang/index.js";
import type { FeatureSet } from "./EmbeddedModel.js";

const TOKEN = /[A-Za-z_$][A-Za-z0-9_$]*/g;

/** Bag of words over identifier-like tokens (lower-cased): the ablation baseline's representation. */
export function tokenFeatures(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(TOKEN)) out.add(`tok:${m[0].toLowerCase()}`);
  return [...out];
}

/** The features a model of `set` reads. The view is only computed for `view` models. */
export function featuresOf(set: FeatureSet, code: string, view: () => UnitView): string[] {
  return set === "tokens" ? tokenFeatures(code) : viewFeatures(view());
}
