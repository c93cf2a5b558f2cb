// The embedded model artifact (models/<name>/model.json): versioned format, weights, calibration, manifest.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { UserError } from "../../util/errors.js";

export const EMBEDDED_FORMAT = "cwescope-embedded";
export const EMBEDDED_FORMAT_VERSION = 1;

/** What the model reads: the language-neutral view, or raw code tokens (the ablation baseline). */
export const FEATURE_SETS = ["view", "tokens"] as const;
export type FeatureSet = (typeof FEATURE_SETS)[number];

export const EmbeddedModelSchema = z.object({
  format: z.literal(EMBEDDED_FORMAT),
  version: z.literal(EMBEDDED_FORMAT_VERSION),
  features: z.enum(FEATURE_SETS),
  /** `none` first, then the CWE ids. */
  classes: z.array(z.string()).min(2),
  /** Feature name → one weight per class. */
  weights: z.record(z.string(), z.array(z.number())),
  bias: z.array(z.number()),
  /** The vulnerable-or-not head: feature → weight (logit of P(vulnerable)), trained apart from the CWE head. */
  binary: z.object({ weights: z.record(z.string(), z.number()), bias: z.number() }),
  /** Platt scaling of logit(P(vulnerable)): p = sigmoid(a·x + b). */
  calibration: z.object({ a: z.number(), b: z.number() }),
  /** Calibrated probability at or above which a sample is flagged. */
  threshold: z.number().min(0).max(1),
  /** CWE → sink concept → how often that sink carried the gold lines in training. */
  lineConcepts: z.record(z.string(), z.record(z.string(), z.number())),
  manifest: z.looseObject({}),
});
export type EmbeddedModel = z.infer<typeof EmbeddedModelSchema>;

export async function loadEmbeddedModel(file: string): Promise<EmbeddedModel> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new UserError(`cannot read embedded model ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file}: not JSON (${(err as Error).message})`);
  }
  const parsed = EmbeddedModelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${file}: not a ${EMBEDDED_FORMAT} v${EMBEDDED_FORMAT_VERSION} model (${issue.path.join(".") || "root"}: ${issue.message})`);
  }
  const model = parsed.data;
  for (const [name, w] of Object.entries(model.weights)) {
    if (w.length !== model.classes.length) throw new UserError(`${file}: weights of "${name}" have ${w.length} values for ${model.classes.length} classes`);
  }
  return model;
}

export interface Scores {
  /** Softmax probabilities per class (same order as `classes`). */
  probabilities: number[];
  /** Calibrated probability that the sample is vulnerable (from the binary head). */
  vulnerable: number;
  /** Most likely CWE among the vulnerable classes. */
  cwe: string;
}

/** Score a set of active (binary) features: binary head for the verdict, CWE head for the id. Unknown features are ignored. */
export function scoreFeatures(model: EmbeddedModel, features: readonly string[]): Scores {
  const k = model.classes.length;
  const logits = model.bias.slice();
  for (const f of features) {
    const w = model.weights[f];
    if (w) for (let c = 0; c < k; c++) logits[c] += w[c];
  }
  const probabilities = softmax(logits);
  const x = binaryLogit(model, features);
  const vulnerable = 1 / (1 + Math.exp(-(model.calibration.a * x + model.calibration.b)));
  let best = 1;
  for (let c = 2; c < k; c++) if (probabilities[c] > probabilities[best]) best = c;
  return { probabilities, vulnerable, cwe: model.classes[best] };
}

/** The binary head's score before calibration: what Platt scaling is fitted on. */
export function binaryLogit(model: EmbeddedModel, features: readonly string[]): number {
  let x = model.binary.bias;
  for (const f of features) x += model.binary.weights[f] ?? 0;
  return x;
}

/**
 * The verdict: the calibrated score reaches the threshold and, for view models, the view has a sink. Without a
 * recognised sink the score is only the training set's prior (half its records are vulnerable), which would
 * flag ordinary code at ~0.51.
 */
export function isFlagged(model: EmbeddedModel, vulnerable: number, view: { sinks: readonly unknown[] } | undefined): boolean {
  return hasEvidence(model.features, view) && vulnerable >= model.threshold;
}

/** A view model may only flag a unit whose view has a sink; the tokens ablation has no view to ask. */
export function hasEvidence(features: FeatureSet, view: { sinks: readonly unknown[] } | undefined): boolean {
  return features !== "view" || (view?.sinks.length ?? 0) > 0;
}

export function softmax(logits: readonly number[]): number[] {
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  const exp = logits.map((v) => Math.exp(v - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((v) => v / sum);
}
