// child_process and the libraries around it (shelljs, execa): commands through a shell or an argument vector.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const childProcess: KnowledgeFamily = {
  family: "child-process",
  sinks: [
    { callee: "child_process.exec", concept: "shell", args: [0] },
    { callee: "child_process.execSync", concept: "shell", args: [0] },
    { callee: "shelljs.exec", concept: "shell", args: [0] },
    { callee: "execa.command", concept: "shell", args: [0] },
    ...["spawn", "spawnSync", "execFile", "execFileSync", "fork"].flatMap((f) => [
      { callee: `child_process.${f}`, concept: "shell" as const, args: [0, 1], when: { keyword: "shell", value: /^true$/ } },
      { callee: `child_process.${f}`, concept: "spawn" as const, args: [0, 1], unless: { keyword: "shell", value: /^true$/ } },
    ]),
    { callee: "execa", concept: "spawn" },
  ],
  guards: [
    { callee: "shell-quote.quote", concept: "shell-quote" },
    { callee: "shellescape", concept: "shell-quote" },
  ],
};
