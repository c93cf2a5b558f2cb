import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { trainerFingerprint } from "../../src/train/trainerFingerprint.js";

describe("trainerFingerprint", () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  /** A code root with the trainer's folders; `learner` is the content of train/learner.js. */
  function codeRoot(learner: string, exportCode = "export {};"): string {
    const root = mkdtempSync(join(tmpdir(), "cwescope-fp-"));
    roots.push(root);
    for (const dir of ["cwe", "lang/view", "models/embedded", "train/finetune"]) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, "lang/view/view.js"), "export const view = 1;");
    writeFileSync(join(root, "train/learner.js"), learner);
    writeFileSync(join(root, "train/finetune/export.js"), exportCode);
    return root;
  }

  it("changes when the learner's code changes, not when fine-tuning export code does", () => {
    const a = trainerFingerprint(codeRoot("export const l2 = 0.01;"));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(trainerFingerprint(codeRoot("export const l2 = 0.01;", "export const other = 1;"))).toBe(a);
    expect(trainerFingerprint(codeRoot("export const l2 = 0.03;"))).not.toBe(a);
  });

  it("covers this package's own trainer code", () => {
    expect(trainerFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(trainerFingerprint()).toBe(trainerFingerprint());
  });
});
