// The embedded detector: language-neutral view → linear model → calibrated verdict, CWE and lines. CPU only.
import { performance } from "node:perf_hooks";
import { extractView, extractViewOfNode, grammarOf, type CodeUnit, type SourceLanguage, type UnitSplitter, type UnitView } from "../../lang/index.js";
import { sha256 } from "../../util/hash.js";
import { VERSION } from "../../version.js";
import type { DetectionInput, Detector, Prediction } from "../Detector.js";
import { isFlagged, scoreFeatures, type EmbeddedModel } from "./EmbeddedModel.js";
import { featuresOf } from "./featurize.js";
import { pickLines } from "./pickLines.js";

export class EmbeddedDetector implements Detector {
  readonly backend = "embedded" as const;
  private readonly modelDigest: string;

  constructor(
    readonly id: string,
    readonly model: EmbeddedModel,
    private readonly splitter: UnitSplitter,
    /** What the digest covers: the model file, plus any override of it (`threshold`). */
    modelText: string,
  ) {
    this.modelDigest = sha256(modelText);
  }

  async digest(): Promise<string> {
    return this.modelDigest;
  }

  async preflight(): Promise<void> {}

  /**
   * The fast synchronous path for scanners: score a unit from `UnitSplitter.split` without re-parsing.
   * `latency_ms` covers the view and the model only.
   */
  scoreUnit(unit: CodeUnit, id = unit.file ? `${unit.file}:${unit.startLine}` : unit.name): Prediction {
    const start = performance.now();
    return this.predict(id, unit.code, () => extractView(unit), start);
  }

  /** Score a whole snippet (a dataset record): parses it once, reads the view of the entire file. */
  scoreCode(id: string, code: string, language: SourceLanguage): Prediction {
    const start = performance.now();
    const tree = this.splitter.parse(code, language);
    try {
      return this.predict(id, code, () => extractViewOfNode(tree.rootNode, language), start);
    } finally {
      tree.delete();
    }
  }

  async detect(input: DetectionInput): Promise<Prediction> {
    try {
      if (input.unit?.syntax) return this.scoreUnit(input.unit, input.id);
      return this.scoreCode(input.id, input.code, grammarOf(input.language));
    } catch (err) {
      return { id: input.id, vulnerable: false, cwe: null, confidence: 0, lines: [], latency_ms: 0, model: this.id, error: `embedded: ${(err as Error).message}` };
    }
  }

  /** The view a prediction was made from, for explanations and tests. */
  viewOf(code: string, language: SourceLanguage): UnitView {
    const tree = this.splitter.parse(code, language);
    try {
      return extractViewOfNode(tree.rootNode, language);
    } finally {
      tree.delete();
    }
  }

  private predict(id: string, code: string, view: () => UnitView, start: number): Prediction {
    let cached: UnitView | undefined;
    const getView = () => (cached ??= view());
    const scores = scoreFeatures(this.model, featuresOf(this.model.features, code, getView));
    const vulnerable = isFlagged(this.model, scores.vulnerable, this.model.features === "view" ? getView() : undefined);
    const lines = vulnerable && this.model.features === "view" ? pickLines(getView().sinks, this.model.lineConcepts[scores.cwe]) : [];
    return {
      id,
      vulnerable,
      cwe: vulnerable ? scores.cwe : null,
      confidence: round(vulnerable ? scores.vulnerable : 1 - scores.vulnerable),
      lines,
      latency_ms: round(performance.now() - start),
      model: this.id,
    };
  }

  versions(): Record<string, string> {
    return { cwescope: VERSION, "embedded-format": String(this.model.version), "trained-with": String(this.model.manifest.cwescope ?? "unknown") };
  }

  async close(): Promise<void> {}
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
