// The JSON lines trainer/train.py prints on stdout, one event per line, and how each reads to a person.

/** One progress event; `event` names its kind, the other fields depend on it. */
export interface TrainerEvent {
  event: string;
  [field: string]: unknown;
}

/** Parse one stdout line; `undefined` when it is not a trainer event (plain output is passed through as text). */
export function parseTrainerEvent(line: string): TrainerEvent | undefined {
  const text = line.trim();
  if (!text.startsWith("{")) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === "object" && typeof (value as { event?: unknown }).event === "string") return value as TrainerEvent;
  } catch {
    // not JSON: plain output
  }
  return undefined;
}

const num = (v: unknown, digits = 4) => (typeof v === "number" ? (Math.abs(v) >= 1e-3 || v === 0 ? Number(v.toFixed(digits)).toString() : v.toExponential(2)) : "?");

/** One line for the terminal, or `undefined` for events not worth a line. */
export function describeTrainerEvent(e: TrainerEvent): string | undefined {
  switch (e.event) {
    case "start":
      return `trainer started (${String(e.recipe ?? "")})`;
    case "data":
      return `${String(e.split)}: ${String(e.examples)} examples, longest ${String(e.max_tokens)} tokens${e.skipped_too_long ? `, ${String(e.skipped_too_long)} skipped (longer than max_seq_len)` : ""}`;
    case "model":
    case "warning":
      return `${e.event === "warning" ? "warning: " : ""}${String(e.message)}`;
    case "train_begin":
      return `training: ${String(e.max_steps)} steps, ${String(e.epochs)} epoch(s), ${String(e.trainable_params)} trainable parameters`;
    case "log": {
      const steps = typeof e.step === "number" && typeof e.max_steps === "number" && e.max_steps > 0 ? ` (${Math.round((100 * e.step) / e.max_steps)} %)` : "";
      return `step ${String(e.step)}/${String(e.max_steps)}${steps}  epoch ${num(e.epoch, 2)}  loss ${num(e.loss)}  lr ${num(e.learning_rate)}`;
    }
    case "eval":
      return `eval  step ${String(e.step)}  epoch ${num(e.epoch, 2)}  val loss ${num(e.eval_loss)}`;
    case "val_answers":
      return `val answers: ${String(e.exact)}/${String(e.examples)} exactly as expected (${num(e.accuracy, 3)})`;
    case "saved":
      return `adapter saved to ${String(e.adapter)}`;
    case "done":
      return `done in ${num(e.seconds, 1)} s`;
    case "error":
      return `trainer error (${String(e.kind)}): ${String(e.message)}`;
    default:
      return undefined;
  }
}
