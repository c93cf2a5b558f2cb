// `data generate`: ask a teacher model for candidate pairs, check each, keep the ones that pass.
import { parseCweId } from "../../cwe/catalog.js";
import { sha256 } from "../../util/hash.js";
import { UserError } from "../../util/errors.js";
import type { DatasetRecord, Language } from "../record.js";
import { checkCandidate, TeacherPairSchema, tidyCode, type CandidateLimits, type TeacherPair } from "./checkCandidate.js";
import { NearDuplicateIndex } from "./NearDuplicateIndex.js";
import { parseTeacherAnswer } from "./parseTeacherAnswer.js";
import type { SyntaxChecker } from "./SyntaxChecker.js";
import { teacherMessages, type TeacherMessage } from "./teacherPrompt.js";

/** A model that writes candidates: one chat completion per call. */
export interface Teacher {
  /** Model id as recorded in `source`, e.g. `openai:gpt-4o`. */
  readonly id: string;
  complete(messages: readonly TeacherMessage[], signal?: AbortSignal): Promise<string>;
}

export interface GenerateOptions extends CandidateLimits {
  teacher: Teacher;
  cwe: string;
  language: Language;
  /** Pairs to accept. */
  pairs: number;
  syntax: SyntaxChecker;
  /** Records every candidate is checked against for near-duplicates (all splits, both languages). */
  existing: readonly DatasetRecord[];
  /** Pairs asked for per request. Defaults to `5`. */
  batch?: number;
  /** Most requests before giving up. Defaults to four times the requests needed at full acceptance. */
  maxRequests?: number;
  /** Called once per candidate as soon as it is judged (accepted records are ready to write). */
  onOutcome?: (outcome: CandidateOutcome) => void | Promise<void>;
  signal?: AbortSignal;
}

export interface CandidateOutcome {
  /** 1-based request number. */
  request: number;
  /** 1-based position in the teacher's answer; `0` when the whole answer was rejected. */
  candidate: number;
  accepted: boolean;
  reasons: string[];
  /** The vulnerable record and its fixed twin when accepted; empty otherwise. */
  records: DatasetRecord[];
  /** The candidate as the teacher wrote it, or the answer text when it could not be parsed. */
  raw: unknown;
}

export interface GenerateResult {
  accepted: number;
  rejected: number;
  requests: number;
}

const PREFIX: Record<Language, string> = { python: "py", javascript: "js", typescript: "ts" };
const MAX_FAILED_REQUESTS_IN_A_ROW = 3;

export async function generatePairs(options: GenerateOptions): Promise<GenerateResult> {
  const cwe = parseCweId(options.cwe);
  if (!cwe) throw new UserError(`generate: bad CWE id "${options.cwe}"`);
  if (!Number.isInteger(options.pairs) || options.pairs < 1) throw new UserError("generate: --pairs must be a positive integer");
  const batch = options.batch ?? 5;
  const maxRequests = options.maxRequests ?? 4 * Math.ceil(options.pairs / batch);
  const index = new NearDuplicateIndex();
  for (const r of options.existing) index.add(r.id, r.code);
  const coveredTags = commonTags(options.existing, cwe, options.language);
  const result: GenerateResult = { accepted: 0, rejected: 0, requests: 0 };
  const report = async (o: CandidateOutcome) => {
    if (o.accepted) result.accepted++;
    else result.rejected++;
    await options.onOutcome?.(o);
  };
  let failedInARow = 0;
  while (result.accepted < options.pairs && result.requests < maxRequests) {
    const request = ++result.requests;
    const count = Math.min(batch, options.pairs - result.accepted);
    let text: string;
    try {
      text = await options.teacher.complete(teacherMessages({ cwe, language: options.language, count, coveredTags }), options.signal);
      failedInARow = 0;
    } catch (err) {
      if (options.signal?.aborted) throw err;
      const message = err instanceof Error ? err.message : String(err);
      if (++failedInARow >= MAX_FAILED_REQUESTS_IN_A_ROW) throw new Error(`teacher ${options.teacher.id}: ${failedInARow} requests failed in a row, last: ${message}`);
      await report({ request, candidate: 0, accepted: false, reasons: [`request failed: ${message}`], records: [], raw: null });
      continue;
    }
    const answer = parseTeacherAnswer(text);
    if (!answer.ok) {
      await report({ request, candidate: 0, accepted: false, reasons: [`answer: ${answer.error}`], records: [], raw: text });
      continue;
    }
    // One parser run for the whole answer (one python3 process), then the checks read the results.
    await options.syntax.check(
      answer.candidates.flatMap((c) => {
        const p = TeacherPairSchema.safeParse(c);
        return p.success ? [p.data.vulnerable, p.data.fixed].map((code) => ({ code: tidyCode(code), language: options.language })) : [];
      }),
    );
    for (let i = 0; i < answer.candidates.length && result.accepted < options.pairs; i++) {
      const raw = answer.candidates[i];
      const check = await checkCandidate(raw, { ...options, language: options.language, index });
      if (!check.ok) {
        await report({ request, candidate: i + 1, accepted: false, reasons: check.reasons, records: [], raw });
        continue;
      }
      const records = pairRecords(check.pair, cwe, options.language, options.teacher.id);
      for (const r of records) index.add(r.id, r.code);
      await report({ request, candidate: i + 1, accepted: true, reasons: [], records, raw });
    }
  }
  return result;
}

/** The vulnerable record and its fixed twin; the pair id carries a hash of the code, so reruns never collide. */
export function pairRecords(pair: TeacherPair, cwe: string, language: Language, teacherId: string): DatasetRecord[] {
  const num = cwe.slice(4).padStart(4, "0");
  const id = `${PREFIX[language]}-${num}-t${sha256(pair.vulnerable + "\0" + pair.fixed).slice(0, 10)}`;
  const base = { language, pair: id, source: `teacher:${teacherId.replace(/^openai:/, "")}`, tags: pair.tags };
  return [
    { id: `${id}-v`, ...base, code: pair.vulnerable, cwe, lines: pair.lines },
    { id: `${id}-f`, ...base, code: pair.fixed, cwe: null },
  ];
}

/** The tags most used by existing pairs of this CWE and language, to steer the teacher elsewhere. */
function commonTags(records: readonly DatasetRecord[], cwe: string, language: string, top = 12): string[] {
  const counts = new Map<string, number>();
  for (const r of records) if (r.cwe === cwe && r.language === language) for (const t of r.tags ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top).map(([t]) => t);
}
