// The candidates of an input and their features, identical at training and prediction time.
import type { SinkHit, UnitView } from "../../lang/index.js";
import { candidateFeatures } from "./candidateFeatures.js";
import type { FeatureSet } from "./EmbeddedModel.js";

const TOKEN = /[A-Za-z_$][A-Za-z0-9_$]*/g;

/** One thing the model scores: a sink occurrence of the view, or (tokens ablation) the whole input. */
export interface Candidate {
  /** The sink (view models); absent for the tokens ablation, which has no location. */
  hit?: SinkHit;
  features: string[];
}

/** Bag of words over identifier-like tokens (lower-cased): the ablation baseline's representation. */
export function tokenFeatures(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(TOKEN)) out.add(`tok:${m[0].toLowerCase()}`);
  return [...out];
}

/**
 * The candidates a model of `set` scores: each sink of the view (none when the view has no sink), or the whole
 * input as one candidate for the tokens ablation. The view is only computed for `view` models.
 */
export function candidatesOf(set: FeatureSet, code: string, view: () => UnitView): Candidate[] {
  if (set === "tokens") return [{ features: tokenFeatures(code) }];
  const v = view();
  return v.sinks.map((hit) => ({ hit, features: candidateFeatures(hit, v) }));
}
