// Verdict flips under meaning-preserving edits: per edit kind, the share of records whose binary verdict
// differs from the verdict on the original, beside accuracy on the originals and on the edited copies.
import type { DatasetRecord, Prediction } from "../../data/record.js";
import { EDIT_KINDS, type EditedRecord, type EditKind } from "./editKinds.js";

export interface FlipRow {
  /** An edit kind, or `all` for every edited record together. */
  edit: EditKind | "all";
  /** Edited records scored (pairs where either prediction failed are left out and counted in `failed`). */
  n: number;
  flips: number;
  flip_rate: number;
  /** Flips from vulnerable to not vulnerable (what an attacker wants) and the other way. */
  to_safe: number;
  to_vulnerable: number;
  failed: number;
  /** Binary accuracy on the same originals, and on their edited copies. */
  accuracy_original: number;
  accuracy_edited: number;
}

export interface FlipExample {
  edit: EditKind;
  original_id: string;
  gold_vulnerable: boolean;
  original_vulnerable: boolean;
  edited_vulnerable: boolean;
}

/** Flip table rows in `EDIT_KINDS` order, then `all`; also the flips themselves, for inspection. */
export function flipRates(
  originals: readonly DatasetRecord[],
  originalPreds: readonly Prediction[],
  edited: readonly EditedRecord[],
  editedPreds: readonly Prediction[],
): { rows: FlipRow[]; flips: FlipExample[] } {
  const byId = new Map(originals.map((r, i) => [r.id, { record: r, pred: originalPreds[i] }]));
  const empty = (edit: FlipRow["edit"]) => ({ edit, n: 0, flips: 0, to_safe: 0, to_vulnerable: 0, failed: 0, correctOriginal: 0, correctEdited: 0 });
  const acc = new Map<FlipRow["edit"], ReturnType<typeof empty>>([...EDIT_KINDS, "all" as const].map((k) => [k, empty(k)]));
  const flips: FlipExample[] = [];
  edited.forEach((e, i) => {
    const orig = byId.get(e.original_id);
    if (!orig) throw new Error(`edited record ${e.id} has no original ${e.original_id}`);
    const p = editedPreds[i];
    const gold = orig.record.cwe !== null;
    for (const row of [acc.get(e.edit)!, acc.get("all")!]) {
      if (orig.pred.error !== undefined || p.error !== undefined) {
        row.failed++;
        continue;
      }
      row.n++;
      if (orig.pred.vulnerable === gold) row.correctOriginal++;
      if (p.vulnerable === gold) row.correctEdited++;
      if (orig.pred.vulnerable !== p.vulnerable) {
        row.flips++;
        if (orig.pred.vulnerable) row.to_safe++;
        else row.to_vulnerable++;
      }
    }
    if (orig.pred.error === undefined && p.error === undefined && orig.pred.vulnerable !== p.vulnerable)
      flips.push({ edit: e.edit, original_id: e.original_id, gold_vulnerable: gold, original_vulnerable: orig.pred.vulnerable, edited_vulnerable: p.vulnerable });
  });
  const ratio = (a: number, b: number) => (b ? a / b : 0);
  const rows = [...acc.values()]
    .filter((r) => r.edit === "all" || r.n + r.failed > 0)
    .map(({ correctOriginal, correctEdited, ...r }) => ({ ...r, flip_rate: ratio(r.flips, r.n), accuracy_original: ratio(correctOriginal, r.n), accuracy_edited: ratio(correctEdited, r.n) }));
  return { rows, flips };
}

/** The flip table as text or markdown: edit kind × n, flips, flip rate, and accuracy before/after. */
export function formatFlipTable(model: string, rows: readonly FlipRow[], format: "text" | "md"): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const cells = rows.map((r) => [r.edit, String(r.n), String(r.flips), pct(r.flip_rate), `${r.to_safe}/${r.to_vulnerable}`, r.accuracy_original.toFixed(3), r.accuracy_edited.toFixed(3), String(r.failed)]);
  const head = ["edit", "n", "flips", "flip rate", "→safe/→vuln", "acc original", "acc edited", "failed"];
  if (format === "md") return [`**robustness of ${model}**`, "", `| ${head.join(" | ")} |`, `|---|${head.slice(1).map(() => "---:").join("|")}|`, ...cells.map((c) => `| ${c.join(" | ")} |`)].join("\n");
  const widths = head.map((h, k) => Math.max(h.length, ...cells.map((c) => c[k].length)));
  const line = (c: string[]) => c.map((x, k) => (k === 0 ? x.padEnd(widths[k]) : x.padStart(widths[k]))).join("  ");
  return [`robustness of ${model} (verdict flips under meaning-preserving edits)`, line(head), ...cells.map(line)].join("\n");
}
