// Python 2's shell pipes, still in old code: os.popen2/3/4, the popen2 module, platform.popen. Each runs a
// string command through the shell (a list runs without one in os.popen2/3/4 and popen2; text is the case).
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const legacyCommands: KnowledgeFamily = {
  family: "legacy-commands",
  sinks: [
    ...["popen2", "popen3", "popen4"].flatMap((f) => [
      { callee: `os.${f}`, concept: "shell" as const, args: [0], keywords: ["cmd"] },
      { callee: `popen2.${f}`, concept: "shell" as const, args: [0], keywords: ["cmd"] },
    ]),
    { callee: "popen2.Popen3", concept: "shell", args: [0], keywords: ["cmd"] },
    { callee: "popen2.Popen4", concept: "shell", args: [0], keywords: ["cmd"] },
    { callee: "platform.popen", concept: "shell", args: [0], keywords: ["cmd"] },
  ],
};
