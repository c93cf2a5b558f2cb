// One model stage of a scan: counts units, flags, failures and time; runs async models with bounded concurrency.
import type { CodeUnit } from "../lang/CodeUnit.js";
import type { Detector, Prediction } from "../models/Detector.js";
import type { StageFigures } from "./Finding.js";

/**
 * The embedded model's synchronous path: scores a parsed unit without a promise per unit. Its `lines` are
 * file lines (the unit's syntax nodes carry file positions), unlike `detect()`, whose lines count from the
 * first line of the `code` it was given.
 */
export interface SyncUnitScorer {
  scoreUnit(unit: CodeUnit, id?: string): Prediction;
}

/** `detect()` lines count from the unit's first line; scan works in file lines. */
function toFileLines(prediction: Prediction, unit: CodeUnit): Prediction {
  if (!prediction.lines?.length) return prediction;
  return { ...prediction, lines: prediction.lines.map((l) => unit.startLine + l - 1) };
}

function syncScorerOf(detector: Detector): SyncUnitScorer | undefined {
  const candidate = detector as Detector & Partial<SyncUnitScorer>;
  return typeof candidate.scoreUnit === "function" ? (candidate as unknown as SyncUnitScorer) : undefined;
}

/** The prefix of the error a unit gets when its analysis throws (a tree nested past the stack, a bug). */
export const UNANALYSABLE = "unanalysable";

/** Errors that stop a scan: an abort, or a problem the user must fix (a `UserError`). */
function isFatal(err: unknown): boolean {
  const name = (err as Error | undefined)?.name;
  return name === "AbortError" || name === "UserError";
}

/** A failed prediction for a unit whose analysis threw: counted as failed, named in the scan's notes. */
export function unanalysable(model: string, id: string, err: unknown): Prediction {
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { id, vulnerable: false, cwe: null, confidence: 0, lines: [], latency_ms: 0, model, error: `${UNANALYSABLE}: ${detail}` };
}

export class ModelStage {
  readonly figures: StageFigures;
  private readonly sync: SyncUnitScorer | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private busySince = 0;
  /** A configuration error or abort from the model: stops the scan at the next submit or drain. */
  private failure: unknown;

  constructor(
    readonly detector: Detector,
    private readonly concurrency: number,
    private readonly signal?: AbortSignal,
  ) {
    this.figures = { model: detector.id, units: 0, flagged: 0, failed: 0, ms: 0 };
    this.sync = syncScorerOf(detector);
  }

  /** Whether units can be scored synchronously (while their tree is alive). */
  get isSync(): boolean {
    return this.sync !== undefined;
  }

  /** Score now; only for sync stages. Lines come back as file lines. */
  scoreNow(unit: CodeUnit, id: string): Prediction {
    const t0 = performance.now();
    let prediction: Prediction;
    try {
      prediction = this.sync!.scoreUnit(unit, id);
    } catch (err) {
      if (isFatal(err)) throw err;
      prediction = unanalysable(this.detector.id, id, err);
    }
    this.figures.ms += performance.now() - t0;
    this.count(prediction);
    return prediction;
  }

  /**
   * Queue a unit; `then` runs with the prediction. Waits while `concurrency` requests are in flight, so
   * a scan never holds more than that many units for this stage. `then` gets file lines.
   */
  async submit(unit: CodeUnit, id: string, then: (prediction: Prediction) => void): Promise<void> {
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    this.rethrow();
    if (this.inFlight.size === 0) this.busySince = performance.now();
    const input = { id, language: unit.language === "tsx" ? "typescript" : unit.language, code: unit.code, unit } as const;
    const task = this.detector
      .detect(input, { signal: this.signal })
      .then((prediction) => {
        this.count(prediction);
        then(toFileLines(prediction, unit));
      })
      .catch((err: unknown) => {
        // An abort or a configuration error stops the scan; anything else fails this unit only (reported).
        if (isFatal(err)) this.failure ??= err;
        else {
          const prediction = unanalysable(this.detector.id, id, err);
          this.count(prediction);
          then(prediction);
        }
      })
      .finally(() => {
        this.inFlight.delete(task);
        if (this.inFlight.size === 0) this.figures.ms += performance.now() - this.busySince;
      });
    this.inFlight.add(task);
  }

  /** Wait for every queued unit. */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.all(this.inFlight);
    this.rethrow();
  }

  private rethrow(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private count(prediction: Prediction): void {
    this.figures.units++;
    if (prediction.error) this.figures.failed++;
    else if (prediction.vulnerable) this.figures.flagged++;
  }
}
