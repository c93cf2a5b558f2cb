import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnitSplitter } from "../../../src/lang/index.js";
import { createEmbeddedDetector, type EmbeddedDetector } from "../../../src/models/embedded/index.js";
import { createDetector } from "../../../src/models/registry.js";
import { PredictionSchema } from "../../../src/data/record.js";

let detector: EmbeddedDetector;
let splitter: UnitSplitter;
beforeAll(async () => {
  detector = await createEmbeddedDetector("", {});
  splitter = await UnitSplitter.create();
});
afterAll(() => splitter.delete());

const SNIPPET = [
  "import os",
  "from flask import request",
  "",
  '@app.route("/ping")',
  "def ping():",
  '    host = request.args.get("host")',
  '    os.system("ping -c 1 " + host)',
  '    return "ok"',
].join("\n");

describe("embedded detector (shipped model)", () => {
  it("loads through the registry as `embedded` with a digest and versions", async () => {
    const d = await createDetector("embedded");
    expect(d.id).toBe("embedded");
    expect(d.backend).toBe("embedded");
    expect(await d.digest()).toMatch(/^[0-9a-f]{64}$/);
    expect(d.versions()["embedded-format"]).toBe("2");
  });

  it("answers valid prediction records for code and for a parsed unit alike", async () => {
    const fromCode = await detector.detect({ id: "a", language: "python", code: SNIPPET });
    expect(PredictionSchema.safeParse(fromCode).success).toBe(true);
    const { units } = splitter.split(SNIPPET, "python", "app.py");
    const fn = units.find((u) => u.name === "ping")!;
    const fromUnit = await detector.detect({ id: "b", language: "python", code: fn.code, unit: fn });
    const sync = detector.scoreUnit(fn);
    expect(sync.id).toBe("app.py:4");
    expect(fromUnit.vulnerable).toBe(sync.vulnerable);
    expect(fromUnit.cwe).toBe(sync.cwe);
    expect(fromUnit.confidence).toBe(sync.confidence);
    if (fromUnit.vulnerable) expect(fromUnit.lines).toContain(7);
  });

  it("scores TypeScript with the JavaScript table and reports a per-sample failure as data", async () => {
    const ts = await detector.detect({ id: "t", language: "typescript", code: "export const f = (a: string): string => a;\n" });
    expect(ts.error).toBeUndefined();
    const bad = await detector.detect({ id: "z", language: "cobol" as never, code: "x" });
    expect(bad).toMatchObject({ id: "z", vulnerable: false, cwe: null });
    expect(bad.error).toMatch(/^embedded: /);
  });

  it("takes another threshold as an option: the verdict moves and the digest follows it", async () => {
    const strict = await createEmbeddedDetector("", { threshold: 1 });
    const same = await createEmbeddedDetector("", { threshold: detector.model.threshold });
    const input = { id: "p", language: "python" as const, code: SNIPPET };
    const [base, high] = [await detector.detect(input), await strict.detect(input)];
    expect(base.vulnerable).toBe(true);
    expect(high.vulnerable).toBe(false);
    expect(await strict.digest()).not.toBe(await detector.digest());
    expect(await same.digest()).toBe(await detector.digest());
    // An experiment spec passes backend options through unchecked: a wrong type must still be refused.
    await expect(createEmbeddedDetector("", { threshold: "high" as unknown as number })).rejects.toThrow(/threshold must be a number/);
  });

  it("fails loudly on a missing or malformed model file", async () => {
    await expect(createDetector("embedded:/nonexistent/model.json")).rejects.toThrow(/not found/);
    const dir = await mkdtemp(join(tmpdir(), "cwescope-bad-"));
    await writeFile(join(dir, "model.json"), JSON.stringify({ format: "cwescope-embedded", version: 99 }));
    await expect(createDetector(`embedded:${dir}`)).rejects.toThrow(/not a cwescope-embedded v2 model/);
  });

  it("refuses a v1 model (one verdict per unit) with a retrain hint", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cwescope-v1-"));
    const v1 = { format: "cwescope-embedded", version: 1, features: "view", classes: ["none", "CWE-89"], weights: {}, bias: [0, 0], binary: { weights: {}, bias: 0 }, calibration: { a: 1, b: 0 }, threshold: 0.5, lineConcepts: {}, manifest: {} };
    await writeFile(join(dir, "model.json"), JSON.stringify(v1));
    await expect(createDetector(`embedded:${dir}`)).rejects.toThrow(/model\.json: a cwescope-embedded v1 model .*reads v2.*retrain it: cwescope train/);
  });
});
