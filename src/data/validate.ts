// `data validate`: every problem of every file, with file:line, in one pass per file.
import { isKnownCwe } from "../cwe/catalog.js";
import { readJsonl } from "./jsonl.js";
import { DatasetRecordSchema, type DatasetRecord } from "./record.js";

export interface Problem {
  file: string;
  line: number;
  message: string;
}

export interface ValidationResult {
  problems: Problem[];
  records: number;
}

interface PairMember {
  file: string;
  line: number;
  vulnerable: boolean;
}

/** Validate dataset files together: duplicate ids and pairs are checked across all of them. */
export async function validateFiles(files: string[]): Promise<ValidationResult> {
  const problems: Problem[] = [];
  const ids = new Map<string, string>();
  const pairs = new Map<string, PairMember[]>();
  let records = 0;
  for (const file of files) {
    for await (const item of readJsonl(file, DatasetRecordSchema)) {
      if (!item.ok) {
        problems.push({ file, line: item.line, message: item.error });
        continue;
      }
      records++;
      const r = item.value as DatasetRecord;
      const say = (message: string) => problems.push({ file, line: item.line, message });
      const first = ids.get(r.id);
      if (first) say(`duplicate id "${r.id}" (first seen at ${first})`);
      else ids.set(r.id, `${file}:${item.line}`);
      if (r.cwe !== null && !isKnownCwe(r.cwe)) say(`unknown CWE id "${r.cwe}" (not in the catalog)`);
      const codeLines = r.code.split("\n").length;
      if (r.cwe !== null && r.lines === undefined) say("vulnerable record has no `lines`");
      for (const n of r.lines ?? []) if (n > codeLines) say(`line ${n} is beyond the code (${codeLines} lines)`);
      if (r.pair) {
        const members = pairs.get(r.pair) ?? [];
        members.push({ file, line: item.line, vulnerable: r.cwe !== null });
        pairs.set(r.pair, members);
      }
    }
  }
  for (const [pair, members] of pairs) {
    const at = members[0];
    const vuln = members.filter((m) => m.vulnerable).length;
    if (members.length !== 2 || vuln !== 1)
      problems.push({ file: at.file, line: at.line, message: `pair "${pair}" has ${members.length} record(s), ${vuln} vulnerable (want one vulnerable and its fixed twin)` });
    else if (members[0].file !== members[1].file)
      problems.push({ file: at.file, line: at.line, message: `pair "${pair}" straddles ${members[0].file} and ${members[1].file}` });
  }
  return { problems, records };
}
