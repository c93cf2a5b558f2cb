// Wires `train:` in experiment specs to the embedded trainer. The artifact is keyed by the data hashes and
// the trainer's code, so a rerun (or a resumed run) reuses it instead of training again, and a changed
// trainer trains anew.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ModelSpec } from "../../eval/spec.js";
import { trainEmbedded } from "../../train/trainEmbedded.js";
import { trainerFingerprint } from "../../train/trainerFingerprint.js";
import { sha256, sha256File } from "../../util/hash.js";
import { CliError } from "../errors.js";
import type { CliContext } from "../context.js";

export async function prepareEmbeddedModel(model: ModelSpec, outDir: string, ctx: CliContext): Promise<string> {
  if (!model.train) return model.id;
  if (!model.id.startsWith("embedded")) throw new CliError(`model "${model.name}": \`train:\` is only for embedded models (got ${model.id})`);
  const hashes = [await sha256File(model.train.data), model.train.val ? await sha256File(model.train.val) : "", trainerFingerprint()];
  const dir = join(outDir, "models", `${model.name!.replace(/[^A-Za-z0-9._-]+/g, "_")}-${sha256(hashes.join(":")).slice(0, 12)}`);
  if (existsSync(join(dir, "model.json"))) {
    ctx.log.info(`${model.name}: reusing ${dir}/model.json (training data and trainer unchanged)`);
  } else {
    const started = performance.now();
    const result = await trainEmbedded({ data: model.train.data, val: model.train.val, out: dir }, (m) => ctx.log.debug(m));
    ctx.log.info(`${model.name}: trained on ${model.train.data} in ${((performance.now() - started) / 1000).toFixed(1)} s → ${result.file}`);
  }
  return `embedded:${dir}`;
}
