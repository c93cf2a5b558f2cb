// What `finetune export` writes next to the data (manifest.json), and how `finetune plan` reads it back.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { formatZodError } from "../../data/record.js";
import { UserError } from "../../util/errors.js";

export const EXPORT_MANIFEST_FILE = "manifest.json";

const SplitSummarySchema = z.object({
  file: z.string(),
  sha256: z.string(),
  records: z.number().int(),
  source: z.object({ file: z.string(), sha256: z.string(), records: z.number().int() }),
  classes: z.object({ vulnerable: z.number().int(), not_vulnerable: z.number().int() }),
  balance: z.object({ mode: z.string(), dropped: z.number().int(), added: z.number().int() }),
  per_cwe: z.record(z.string(), z.number().int()),
  /** Estimated tokens per example (see estimateTokens.ts). */
  tokens: z.object({ max: z.number().int(), p95: z.number().int(), mean: z.number().int(), total: z.number().int(), answer_max: z.number().int() }),
});
export type SplitSummary = z.infer<typeof SplitSummarySchema>;

export const ExportManifestSchema = z.object({
  kind: z.literal("cwescope-finetune-export"),
  version: z.literal(1),
  cwescope: z.string(),
  format: z.enum(["chat", "alpaca"]),
  prompt: z.object({ id: z.string(), hash: z.string() }),
  strip_comments: z.boolean(),
  seed: z.number().int(),
  languages: z.array(z.string()),
  token_estimate: z.object({ method: z.string(), chars_per_token: z.number(), template_tokens: z.number() }),
  splits: z.object({ train: SplitSummarySchema, val: SplitSummarySchema.optional() }),
});
export type ExportManifest = z.infer<typeof ExportManifestSchema>;

/** Read `<dir>/manifest.json`; a missing or foreign file is a clear user error. */
export async function readExportManifest(dir: string): Promise<ExportManifest> {
  const file = join(dir, EXPORT_MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UserError(`${file}: not found; --export must name a folder written by \`cwescope finetune export\``);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file}: not JSON (${(err as Error).message})`);
  }
  const parsed = ExportManifestSchema.safeParse(json);
  if (!parsed.success) throw new UserError(`${file}: not a finetune export manifest: ${formatZodError(parsed.error)}`);
  return parsed.data;
}
