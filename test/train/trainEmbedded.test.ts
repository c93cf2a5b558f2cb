import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sha256 } from "../../src/util/hash.js";
import { trainEmbedded } from "../../src/train/trainEmbedded.js";
import { createEmbeddedDetector } from "../../src/models/embedded/index.js";

const rec = (id: string, code: string, cwe: string | null, lines?: number[]) =>
  JSON.stringify({ id, language: "python", code, cwe, pair: id.slice(0, -1), ...(lines ? { lines } : {}) });

function dataset(n: number, prefix: string): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(rec(`${prefix}-${i}-sv`, `def f${i}(v):\n    q = "SELECT * FROM t WHERE a = '" + v + "'"\n    cur.execute(q)\n`, "CWE-89", [2, 3]));
    out.push(rec(`${prefix}-${i}-sf`, `def f${i}(v):\n    q = "SELECT * FROM t WHERE a = %s"\n    cur.execute(q, (v,))\n`, null));
    out.push(rec(`${prefix}-${i}-cv`, `import os\ndef g${i}(host):\n    os.system("ping -c 1 " + host)\n`, "CWE-78", [3]));
    out.push(rec(`${prefix}-${i}-cf`, `import subprocess\ndef g${i}(host):\n    subprocess.run(["ping", "-c", "1", "--", host])\n`, null));
  }
  return out.join("\n") + "\n";
}

describe("trainEmbedded", () => {
  it("trains, chooses and calibrates by cross-validation, writes a versioned artifact with its manifest, deterministically", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cwescope-train-"));
    const train = join(dir, "train.jsonl");
    const val = join(dir, "val.jsonl");
    await writeFile(train, dataset(6, "tr"));
    await writeFile(val, dataset(2, "va"));
    const a = await trainEmbedded({ data: train, val, out: join(dir, "a"), seed: 5, epochs: 20 });
    const b = await trainEmbedded({ data: train, val, out: join(dir, "b"), seed: 5, epochs: 20 });
    const textA = await readFile(a.file, "utf8");
    expect(await readFile(b.file, "utf8")).toBe(textA);

    const model = JSON.parse(textA);
    expect(model).toMatchObject({ format: "cwescope-embedded", version: 2, features: "view" });
    expect(model.manifest.seed).toBe(5);
    expect(model.manifest.data.train.sha256).toBe(sha256(await readFile(train)));
    expect(model.manifest.data.train.path).toBe("../train.jsonl");

    // The same repository in another folder: the same artifact, byte for byte (data paths are relative to the model).
    const moved = await mkdtemp(join(tmpdir(), "cwescope-train-moved-"));
    await cp(dir, moved, { recursive: true });
    const c = await trainEmbedded({ data: join(moved, "train.jsonl"), val: join(moved, "val.jsonl"), out: join(moved, "a"), seed: 5, epochs: 20 });
    expect(await readFile(c.file, "utf8")).toBe(textA);
    await rm(moved, { recursive: true, force: true });
    expect(model.manifest.data.val.records).toBe(8);
    expect(model.manifest.hyperparameters).toMatchObject({ pair_weight: 1, folds: 5, l2_grid: [3e-3, 1e-2, 3e-2] });
    expect(["negative", "down", "omit"]).toContain(model.manifest.hyperparameters.others);
    expect(Object.keys(model.manifest.metrics.cross_validation.cwe_exact_accuracy)).toEqual(["row", "head", "combined", "family"]);
    expect(model.manifest.metrics.cross_validation.mcc).toBe(1);
    expect(model.manifest.metrics.val.mcc).toBe(1);
    expect(model.calibration.a).toBeGreaterThan(0);
    expect(Object.keys(model.scorer.weights).every((f) => !/cur|ping|host|execute/.test(f))).toBe(true);

    const detector = await createEmbeddedDetector(a.file, {});
    const vuln = await detector.detect({ id: "x", language: "python", code: "def h(name):\n    sql = 'DELETE FROM t WHERE n = ' + name\n    db.execute(sql)\n" });
    expect(vuln).toMatchObject({ id: "x", vulnerable: true, cwe: "CWE-89", lines: [2, 3], model: `embedded:${a.file}` });
    const clean = await detector.detect({ id: "y", language: "python", code: "def h(name):\n    db.execute('DELETE FROM t WHERE n = ?', (name,))\n" });
    expect(clean.vulnerable).toBe(false);
    expect(vuln.findings).toEqual([expect.objectContaining({ cwe: "CWE-89", concept: "sql", startLine: 3 })]);
    // A sink concept with no training pair at all scores from the facts it shares with the trained ones.
    // Here: a URL built from a parameter by concatenation, like the SQL and shell flows of the training set.
    const unseen = await detector.detect({ id: "z", language: "python", code: "import requests\ndef h(path):\n    return requests.get('http://internal/' + path)\n" });
    expect(unseen).toMatchObject({ vulnerable: true, cwe: "CWE-918", lines: [3] });
    expect(unseen.findings).toEqual([expect.objectContaining({ concept: "http-request" })]);
  });

  it("still trains the raw-token ablation, without val", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cwescope-train-"));
    const train = join(dir, "train.jsonl");
    await writeFile(train, dataset(6, "tr"));
    const { model } = await trainEmbedded({ data: train, out: join(dir, "t"), features: "tokens", epochs: 20 });
    expect(model.features).toBe("tokens");
    expect(Object.keys(model.scorer.weights).every((f) => f.startsWith("tok:"))).toBe(true);
    expect(model.manifest.metrics).not.toHaveProperty("val");
  });
});
