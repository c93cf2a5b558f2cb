// Wires `train:` in experiment specs to the embedded trainer (placeholder until the trainer lands).
import type { ModelSpec } from "../../eval/spec.js";
import { CliError } from "../errors.js";
import type { CliContext } from "../context.js";

export async function prepareEmbeddedModel(model: ModelSpec, _outDir: string, _ctx: CliContext): Promise<string> {
  throw new CliError(`model "${model.name}": training inside experiments needs the embedded trainer, which is not built yet`);
}
