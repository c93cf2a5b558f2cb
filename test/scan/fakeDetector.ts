// A test double for the Detector interface: flags lines by fixed patterns, so pipeline tests know the answers.
import type { CodeUnit } from "../../src/lang/CodeUnit.js";
import type { DetectionInput, Detector, Prediction } from "../../src/models/Detector.js";

export const PATTERNS: Array<[RegExp, string]> = [
  [/execute\(f"|LIKE '%\$\{|"SELECT[^"]*'" \+/, "CWE-89"],
  [/shell=True|os\.system\(|exec\(`/, "CWE-78"],
  [/send_file\(os\.path\.join|sendFile\(path\.join/, "CWE-22"],
  [/pickle\.loads/, "CWE-502"],
  [/_(TOKEN|SECRET) = "/, "CWE-798"],
  [/\.innerHTML =|dangerouslySetInnerHTML/, "CWE-79"],
  [/\beval\(/, "CWE-94"],
];

/** The verdict for a snippet: the first pattern that matches, with every line it matches (1-based in `code`). */
export function judge(code: string, id: string, model: string): Prediction {
  const lines = code.split("\n");
  for (const [pattern, cwe] of PATTERNS) {
    const hits = lines.flatMap((text, i) => (pattern.test(text) ? [i + 1] : []));
    if (hits.length) return { id, vulnerable: true, cwe, confidence: 0.9, lines: hits, latency_ms: 0, model };
  }
  return { id, vulnerable: false, cwe: null, confidence: 0.8, lines: [], latency_ms: 0, model };
}

export interface FakeOptions {
  id?: string;
  /** Give the detector the embedded model's synchronous `scoreUnit`. Defaults to `false`. */
  sync?: boolean;
  /** Answer these unit names with a per-sample error. */
  failOn?: string[];
  /** Answer vulnerable for every unit whose code matches nothing, with this CWE (a noisy model). */
  noisy?: string;
}

export type FakeDetector = Detector & { calls: DetectionInput[]; scoreUnit?: (unit: CodeUnit, id?: string) => Prediction; closed: boolean };

export function fakeDetector(options: FakeOptions = {}): FakeDetector {
  const model = options.id ?? "fake";
  const answer = (code: string, id: string, name?: string): Prediction => {
    if (name && options.failOn?.includes(name)) return { id, vulnerable: false, cwe: null, confidence: 0, lines: [], latency_ms: 0, model, error: "timeout: no answer" };
    const verdict = judge(code, id, model);
    if (!verdict.vulnerable && options.noisy) return { ...verdict, vulnerable: true, cwe: options.noisy, confidence: 0.6 };
    return verdict;
  };
  const detector: FakeDetector = {
    id: model,
    backend: "embedded",
    calls: [],
    closed: false,
    digest: async () => "fake",
    preflight: async () => {},
    detect: async (input) => {
      detector.calls.push(input);
      await new Promise((r) => setTimeout(r, 1));
      return answer(input.code, input.id, input.unit?.name);
    },
    versions: () => ({}),
    close: async () => {
      detector.closed = true;
    },
  };
  // Like the embedded model's scoreUnit, the synchronous path answers in file lines.
  if (options.sync)
    detector.scoreUnit = (unit, id = unit.name) => {
      const p = answer(unit.code, id, unit.name);
      return { ...p, lines: p.lines.map((l) => unit.startLine + l - 1) };
    };
  return detector;
}
