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
    { callee: "execa.execa", concept: "spawn" },
    { callee: "execa.execaSync", concept: "spawn" },
    { callee: "execa.sync", concept: "spawn" },
    { callee: "execa.execaCommand", concept: "shell", args: [0] },
    { callee: "execa.execaCommandSync", concept: "shell", args: [0] },
    { callee: "execa.commandSync", concept: "shell", args: [0] },
    // cross-spawn: the default export is spawn (no shell unless asked).
    { callee: "cross-spawn", concept: "spawn", args: [0, 1], unless: { keyword: "shell", value: /^true$/ } },
    { callee: "cross-spawn", concept: "shell", args: [0, 1], when: { keyword: "shell", value: /^true$/ } },
    { callee: "cross-spawn.sync", concept: "spawn", args: [0, 1] },
    // Deno and Bun start processes from an argument vector.
    { callee: "Deno.run", concept: "spawn", args: [], keywords: ["cmd"] },
    { callee: "Deno.Command", concept: "spawn", args: [0], keywords: ["args"] },
    { callee: "Bun.spawn", concept: "spawn", args: [0], keywords: ["cmd"] },
    { callee: "Bun.spawnSync", concept: "spawn", args: [0], keywords: ["cmd"] },
  ],
  guards: [
    { callee: "shell-quote.quote", concept: "shell-quote" },
    { callee: "shellescape", concept: "shell-quote" },
  ],
};
