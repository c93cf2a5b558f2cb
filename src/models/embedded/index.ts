// `embedded` and `embedded:<path>`: load the artifact and the parsers, hand back a Detector.
import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { UnitSplitter } from "../../lang/index.js";
import { UserError } from "../../util/errors.js";
import { PACKAGE_ROOT } from "../../version.js";
import type { Detector, DetectorOptions } from "../Detector.js";
import { EmbeddedDetector } from "./EmbeddedDetector.js";
import { loadEmbeddedModel } from "./EmbeddedModel.js";

export { EmbeddedDetector, judge } from "./EmbeddedDetector.js";
export * from "./EmbeddedModel.js";
export { candidateFeatures, rowFeature, sharedFeatures } from "./candidateFeatures.js";
export { candidatesOf, tokenFeatures, type Candidate } from "./featurize.js";

/** The shipped default: `models/embedded/model.json` in the package. */
export const DEFAULT_EMBEDDED_MODEL = join(PACKAGE_ROOT, "models", "embedded", "model.json");

/** A model path is a `model.json` file or a folder holding one (what `cwescope train --out` writes). */
export async function resolveModelFile(spec: string): Promise<string> {
  if (!spec) return DEFAULT_EMBEDDED_MODEL;
  const path = resolve(spec);
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UserError(`embedded model not found: ${spec}`);
  return info.isDirectory() ? join(path, "model.json") : path;
}

/**
 * `spec` is "" for the shipped default or a path for `embedded:<path>`. Of the options only `threshold` applies
 * (the model runs synchronously on the calling thread); it enters the digest, so cached predictions made at
 * another threshold are not reused.
 */
export async function createEmbeddedDetector(spec: string, options: DetectorOptions = {}): Promise<EmbeddedDetector & Detector> {
  const file = await resolveModelFile(spec);
  let model = await loadEmbeddedModel(file);
  let text = await readFile(file, "utf8");
  const threshold = options.threshold;
  if (threshold !== undefined && !(typeof threshold === "number" && threshold >= 0 && threshold <= 1)) throw new UserError(`embedded threshold must be a number between 0 and 1 (got ${JSON.stringify(threshold)})`);
  if (threshold !== undefined && threshold !== model.threshold) {
    model = { ...model, threshold };
    text += `\nthreshold ${threshold}`;
  }
  const splitter = await UnitSplitter.create();
  return new EmbeddedDetector(spec ? `embedded:${spec}` : "embedded", model, splitter, text);
}
