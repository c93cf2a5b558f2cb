// The embedded model artifact (models/<name>/model.json): versioned format, candidate scorer, calibration,
// CWE head, manifest.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { sameFamily } from "../../cwe/catalog.js";
import { UserError } from "../../util/errors.js";
import { rowFeature } from "./candidateFeatures.js";

export const EMBEDDED_FORMAT = "cwescope-embedded";
/** v2 scores each candidate (sink occurrence); v1 gave one verdict per unit and is not read. */
export const EMBEDDED_FORMAT_VERSION = 2;

/** What the model reads: the language-neutral view, or raw code tokens (the ablation baseline). */
export const FEATURE_SETS = ["view", "tokens"] as const;
export type FeatureSet = (typeof FEATURE_SETS)[number];

/**
 * Where a finding's CWE comes from: the knowledge row of its sink (`row`); a learned head over the candidate's
 * features (`head`); that head with the row's CWE as one more feature, falling back to the row for a CWE the head
 * never saw (`combined`); or the head's best class within the row's CWE family, the row when the head has none of
 * that family (`family`: the row decides the kind of weakness, the head only refines it, e.g. CWE-639 vs 863).
 */
export const CWE_SOURCES = ["row", "head", "combined", "family"] as const;
export type CweSource = (typeof CWE_SOURCES)[number];

export const EmbeddedModelSchema = z.object({
  format: z.literal(EMBEDDED_FORMAT),
  version: z.literal(EMBEDDED_FORMAT_VERSION),
  features: z.enum(FEATURE_SETS),
  /** The candidate scorer: feature → weight of the logit that this candidate is a real weakness. */
  scorer: z.object({ weights: z.record(z.string(), z.number()), bias: z.number() }),
  /** Platt scaling of a unit's strongest candidate logit: p = sigmoid(a·x + b). */
  calibration: z.object({ a: z.number(), b: z.number() }),
  /** Calibrated probability at or above which a candidate becomes a finding. */
  threshold: z.number().min(0).max(1),
  /** Share of training records without any candidate that were vulnerable: such units are never flagged. */
  emptyPrior: z.number().min(0).max(1),
  cwe: z.object({
    source: z.enum(CWE_SOURCES),
    /** The CWE ids of the head (empty for `row`). */
    classes: z.array(z.string()),
    /** Feature name → one weight per class. */
    weights: z.record(z.string(), z.array(z.number())),
    bias: z.array(z.number()),
  }),
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
  const version = (json as { format?: unknown; version?: unknown } | null)?.version;
  if ((json as { format?: unknown } | null)?.format === EMBEDDED_FORMAT && version === 1) {
    throw new UserError(
      `${file}: a ${EMBEDDED_FORMAT} v1 model (one verdict per unit); this cwescope reads v${EMBEDDED_FORMAT_VERSION}, which scores each sink candidate — retrain it: cwescope train --data <train.jsonl> --out <folder>`,
    );
  }
  const parsed = EmbeddedModelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${file}: not a ${EMBEDDED_FORMAT} v${EMBEDDED_FORMAT_VERSION} model (${issue.path.join(".") || "root"}: ${issue.message})`);
  }
  const model = parsed.data;
  const k = model.cwe.classes.length;
  if (model.cwe.source !== "row" && k === 0) throw new UserError(`${file}: cwe.source "${model.cwe.source}" needs head classes`);
  if (model.cwe.bias.length !== k) throw new UserError(`${file}: cwe.bias has ${model.cwe.bias.length} values for ${k} classes`);
  for (const [name, w] of Object.entries(model.cwe.weights)) {
    if (w.length !== k) throw new UserError(`${file}: cwe weights of "${name}" have ${w.length} values for ${k} classes`);
  }
  return model;
}

/** The candidate scorer's logit before calibration (what Platt scaling is fitted on). Unknown features are ignored. */
export function candidateLogit(model: Pick<EmbeddedModel, "scorer">, features: readonly string[]): number {
  let x = model.scorer.bias;
  for (const f of features) x += model.scorer.weights[f] ?? 0;
  return x;
}

/** Calibrated probability of a logit. */
export function calibrate(model: Pick<EmbeddedModel, "calibration">, logit: number): number {
  return 1 / (1 + Math.exp(-(model.calibration.a * logit + model.calibration.b)));
}

/**
 * A candidate's CWE under the model's source: `row` is the sink row's CWE; the head's best class otherwise (with
 * the row's CWE as a feature for `combined`, which keeps the row's CWE when the head never saw it). Without a
 * row (the tokens ablation) the head answers, or `null` when there is none.
 */
export function cweOf(model: Pick<EmbeddedModel, "cwe">, features: readonly string[], row: string | undefined): string | null {
  const { source, classes, weights, bias } = model.cwe;
  if (source === "row" || !classes.length) return row ?? null;
  if (source === "combined" && row && !classes.includes(row)) return row;
  const logits = bias.slice();
  const add = (f: string) => {
    const w = weights[f];
    if (w) for (let c = 0; c < logits.length; c++) logits[c] += w[c];
  };
  for (const f of features) add(f);
  if (source === "combined" && row) add(rowFeature({ cwe: row }));
  const allowed = (c: number) => source !== "family" || !row || sameFamily(classes[c], row);
  let best = -1;
  for (let c = 0; c < logits.length; c++) if (allowed(c) && (best < 0 || logits[c] > logits[best])) best = c;
  return best < 0 ? (row ?? null) : classes[best];
}
