// The dataset and prediction records of DESIGN.md as zod schemas: the contracts, validated at the edge.
import { z } from "zod";
import { parseCweId } from "../cwe/catalog.js";

export const LANGUAGES = ["python", "javascript", "typescript"] as const;
export type Language = (typeof LANGUAGES)[number];

/** `CWE-<n>` in canonical spelling. Unknown-but-well-formed ids pass here; the catalog check is separate. */
export const CweIdSchema = z
  .string()
  .refine((s) => parseCweId(s) === s, { message: 'CWE id must be spelled "CWE-<n>" (e.g. "CWE-89")' });

export const DatasetRecordSchema = z.looseObject({
  id: z.string().min(1),
  language: z.enum(LANGUAGES),
  code: z.string(),
  cwe: CweIdSchema.nullable(),
  pair: z.string().min(1).nullable().optional(),
  lines: z.array(z.number().int().positive()).optional(),
  source: z.string().optional(),
  tags: z.array(z.string()).optional(),
});
export type DatasetRecord = z.infer<typeof DatasetRecordSchema>;

/** One weakness at its sink (DESIGN.md "Finding"), as a detector that reports findings returns it. */
export const PredictedFindingSchema = z.looseObject({
  cwe: z.string(),
  confidence: z.number().min(0).max(1),
  /** 1-based, in the record's code (or the scanned file for units). */
  startLine: z.number().int().positive(),
  startColumn: z.number().int().positive(),
  endLine: z.number().int().positive(),
  endColumn: z.number().int().positive(),
  /** The sink concept the finding was found at (`sql`, `shell`, …). */
  concept: z.string().optional(),
  /** Source concepts of the flow (`request`, `argv`, …) and how it was built (`concat`, `interpolation`, …). */
  sources: z.array(z.string()).optional(),
  kinds: z.array(z.string()).optional(),
  path: z.array(z.looseObject({ line: z.number().int(), kind: z.enum(["source", "step", "sink"]), text: z.string(), note: z.string().optional() })),
  inferred: z.array(z.string()),
});
export type PredictedFinding = z.infer<typeof PredictedFindingSchema>;

export const PredictionSchema = z.looseObject({
  id: z.string(),
  vulnerable: z.boolean(),
  cwe: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  lines: z.array(z.number().int()),
  latency_ms: z.number().nonnegative(),
  model: z.string(),
  error: z.string().optional(),
  ttft_ms: z.number().nonnegative().optional(),
  tokens_in: z.number().int().nonnegative().optional(),
  tokens_out: z.number().int().nonnegative().optional(),
  prompt_id: z.string().optional(),
  prompt_hash: z.string().optional(),
  /** Each weakness at its sink; the verdict is the strongest of them and `lines` are theirs. */
  findings: z.array(PredictedFindingSchema).optional(),
});
export type Prediction = z.infer<typeof PredictionSchema>;

/** Format a zod error as one short sentence: `field: message; field: message`. */
export function formatZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "record"}: ${i.message}`).join("; ");
}
