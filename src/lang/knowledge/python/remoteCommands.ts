// Commands run over SSH or through a task runner: Fabric 1 (`fabric.api.run/sudo/local`, a shell command on
// the remote or local host), Fabric 2 and Invoke (`Connection(host).run(cmd)`, `invoke.run(cmd)`) and
// paramiko (`SSHClient.exec_command(command)`, run by the remote user's shell).
import type { KnowledgeFamily } from "../KnowledgeRows.js";

const FABRIC1 = ["fabric.api", "fabric.operations"];
/** What a Fabric 2 connection or an Invoke context reads as once made: `c = Connection(host)` … `c.run(cmd)`. */
const CONNECTION = "fabric-connection";

export const remoteCommands: KnowledgeFamily = {
  family: "remote-commands",
  sinks: [
    ...FABRIC1.flatMap((m) => ["run", "sudo", "local"].map((f) => ({ callee: `${m}.${f}`, concept: "shell" as const, args: [0], keywords: ["command"] }))),
    ...["run", "sudo", "local"].map((f) => ({ callee: `${CONNECTION}.${f}`, concept: "shell" as const, args: [0], keywords: ["command"] })),
    { callee: "invoke.run", concept: "shell", args: [0], keywords: ["command"] },
    { callee: "invoke.sudo", concept: "shell", args: [0], keywords: ["command"] },
    { callee: "**.exec_command", concept: "shell", args: [0], keywords: ["command"] },
  ],
  moduleFactories: [
    { callee: "fabric.Connection", module: CONNECTION },
    { callee: "fabric.connection.Connection", module: CONNECTION },
    { callee: "invoke.Context", module: CONNECTION },
  ],
};
