// Baselines: the fingerprints of accepted findings, so a scan reports only what is new.
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../util/atomicWrite.js";
import { z } from "zod";
import { formatZodError } from "../data/record.js";
import { UserError } from "../util/errors.js";
import type { Finding, ScanResult } from "./Finding.js";

const BaselineSchema = z.object({
  tool: z.literal("cwescope"),
  version: z.literal(1),
  findings: z.array(
    z.looseObject({ fingerprint: z.string().min(1), cwe: z.string(), file: z.string(), startLine: z.number().int().optional() }),
  ),
});
export type BaselineFile = z.infer<typeof BaselineSchema>;

/** Fingerprint → how many findings with it the baseline accepts. */
export type Baseline = Map<string, number>;

export async function readBaseline(path: string): Promise<Baseline> {
  const text = await readFile(path, "utf8").catch((err: NodeJS.ErrnoException) => {
    throw new UserError(`${path}: cannot read baseline (${err.code ?? err.message})`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${path}: baseline is not valid JSON (${(err as Error).message})`);
  }
  const parsed = BaselineSchema.safeParse(json);
  if (!parsed.success) throw new UserError(`${path}: not a cwescope baseline: ${formatZodError(parsed.error)}`);
  const baseline: Baseline = new Map();
  for (const f of parsed.data.findings) baseline.set(f.fingerprint, (baseline.get(f.fingerprint) ?? 0) + 1);
  return baseline;
}

/** Write the unsuppressed findings as a baseline (sorted, so the file diffs well). */
export async function writeBaseline(path: string, findings: readonly Finding[]): Promise<number> {
  const accepted = findings.filter((f) => !f.suppression);
  const body: BaselineFile = {
    tool: "cwescope",
    version: 1,
    findings: accepted.map((f) => ({ fingerprint: f.fingerprint, cwe: f.cwe, file: f.file, startLine: f.startLine })),
  };
  await writeFileAtomic(path, JSON.stringify(body, null, 2) + "\n");
  return accepted.length;
}

/** Split findings into new ones and those the baseline already accepts (each baseline entry used once). */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): { fresh: Finding[]; known: Finding[] } {
  const left = new Map(baseline);
  const fresh: Finding[] = [];
  const known: Finding[] = [];
  for (const f of findings) {
    const n = left.get(f.fingerprint) ?? 0;
    if (n > 0) {
      left.set(f.fingerprint, n - 1);
      known.push(f);
    } else fresh.push(f);
  }
  return { fresh, known };
}

/** The result with the findings the baseline accepts left out (counted in `summary.baselined`). */
export function filterByBaseline(result: ScanResult, baseline: Baseline): ScanResult {
  const active = result.findings.filter((f) => !f.suppression);
  const { fresh, known } = applyBaseline(active, baseline);
  return {
    ...result,
    findings: [...fresh, ...result.findings.filter((f) => f.suppression)],
    summary: { ...result.summary, findings: fresh.length, baselined: result.summary.baselined + known.length },
  };
}
