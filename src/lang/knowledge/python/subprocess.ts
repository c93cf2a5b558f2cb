// Commands: os.system/popen, subprocess, asyncio subprocesses, os.exec*; shlex quoting.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const subprocess: KnowledgeFamily = {
  family: "subprocess",
  sinks: [
    { callee: "os.system", concept: "shell" },
    { callee: "os.popen", concept: "shell" },
    { callee: "commands.getoutput", concept: "shell" },
    { callee: "subprocess.getoutput", concept: "shell" },
    { callee: "subprocess.getstatusoutput", concept: "shell" },
    { callee: "asyncio.create_subprocess_shell", concept: "shell" },
    ...["run", "call", "Popen", "check_output", "check_call"].flatMap((f) => [
      { callee: `subprocess.${f}`, concept: "shell" as const, args: [0], keywords: ["args"], when: { keyword: "shell", value: /^True$/ } },
      { callee: `subprocess.${f}`, concept: "spawn" as const, args: [0], keywords: ["args"], unless: { keyword: "shell", value: /^True$/ } },
    ]),
    { callee: "asyncio.create_subprocess_exec", concept: "spawn" },
    { callee: "os.exec*", concept: "spawn" },
    ...["spawnl", "spawnle", "spawnlp", "spawnv", "spawnve", "spawnvp", "posix_spawn", "posix_spawnp"].map((f) => ({ callee: `os.${f}`, concept: "spawn" as const })),
    { callee: "pty.spawn", concept: "spawn", args: [0] },
  ],
  guards: [
    { callee: "shlex.quote", concept: "shell-quote" },
    { callee: "pipes.quote", concept: "shell-quote" },
  ],
};
