// The embedded detector: language-neutral view → a calibrated score per sink candidate → one finding per weakness;
// the verdict is the strongest finding. CPU only.
import { performance } from "node:perf_hooks";
import { extractView, extractViewOfNode, grammarOf, type CodeUnit, type SourceLanguage, type UnitSplitter, type UnitView } from "../../lang/index.js";
import { sha256 } from "../../util/hash.js";
import { VERSION } from "../../version.js";
import type { PredictedFinding } from "../../data/record.js";
import type { DetectionInput, Detector, Prediction } from "../Detector.js";
import { calibrate, candidateLogit, cweOf, type EmbeddedModel } from "./EmbeddedModel.js";
import { candidatesOf, type Candidate } from "./featurize.js";

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
    const verdict = judge(this.model, candidatesOf(this.model.features, code, view));
    return { id, ...verdict, latency_ms: round(performance.now() - start), model: this.id };
  }

  versions(): Record<string, string> {
    return { cwescope: VERSION, "embedded-format": String(this.model.version), "trained-with": String(this.model.manifest.cwescope ?? "unknown") };
  }

  async close(): Promise<void> {}
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** A candidate with its calibrated score. */
interface Scored {
  candidate: Candidate;
  score: number;
}

/**
 * Score every candidate; those at or above the threshold are findings (one per sink location and CWE, the
 * strongest kept), in source order. The verdict, CWE and confidence are the strongest finding's; `lines` are the
 * findings' lines (each sink's line and the lines its value was built on). A unit without candidates is clean
 * with the training prior of such units as its doubt.
 */
export function judge(model: EmbeddedModel, candidates: readonly Candidate[]): Pick<Prediction, "vulnerable" | "cwe" | "confidence" | "lines" | "findings"> {
  const scored: Scored[] = candidates.map((candidate) => ({ candidate, score: calibrate(model, candidateLogit(model, candidate.features)) }));
  let strongest: Scored | undefined;
  for (const s of scored) if (!strongest || s.score > strongest.score) strongest = s;
  const flagged = scored.filter((s) => s.score >= model.threshold);
  const findings = new Map<string, PredictedFinding>();
  const lines = new Set<number>();
  for (const { candidate, score } of flagged) {
    const hit = candidate.hit;
    if (!hit) continue;
    const cwe = cweOf(model, candidate.features, hit.cwe) ?? hit.cwe;
    const key = `${hit.line}:${hit.column}:${cwe}`;
    const confidence = round(score);
    if ((findings.get(key)?.confidence ?? -1) >= confidence) continue;
    findings.set(key, { cwe, confidence, startLine: hit.line, startColumn: hit.column, endLine: hit.endLine, endColumn: hit.endColumn, concept: hit.concept, sources: [...hit.sources], kinds: [...hit.kinds], path: hit.path.map((step) => ({ ...step })), inferred: [...hit.inferred] });
    for (const l of hit.lines) lines.add(l);
  }
  const located = [...findings.values()].sort((a, b) => a.startLine - b.startLine || a.startColumn - b.startColumn || a.cwe.localeCompare(b.cwe));
  const withFindings = model.features === "view" ? { findings: located } : {};
  if (!strongest || strongest.score < model.threshold) {
    return { vulnerable: false, cwe: null, confidence: round(1 - (strongest?.score ?? model.emptyPrior)), lines: [], ...withFindings };
  }
  const cwe = cweOf(model, strongest.candidate.features, strongest.candidate.hit?.cwe);
  return { vulnerable: true, cwe, confidence: round(strongest.score), lines: [...lines].sort((a, b) => a - b), ...withFindings };
}
