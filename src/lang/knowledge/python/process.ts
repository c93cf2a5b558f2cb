// What a Python program reads from its process: arguments, environment, standard input, sockets, tracebacks.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const processInputs: KnowledgeFamily = {
  family: "process",
  sources: [
    { pattern: "sys.argv", concept: "argv", member: true },
    { pattern: "os.environ", concept: "env", member: true },
    { pattern: "os.getenv", concept: "env" },
    { pattern: "os.environ.get", concept: "env" },
    { pattern: "traceback.format_exc", concept: "exception" },
    { pattern: "traceback.format_exception", concept: "exception" },
    { pattern: "sys.stdin.read", concept: "stdin" },
    { pattern: "sys.stdin.readline", concept: "stdin" },
    { pattern: "**.recv", concept: "socket" },
    { pattern: "**.receive", concept: "socket" },
    { pattern: "**.receive_text", concept: "socket" },
    { pattern: "**.receive_json", concept: "socket" },
    { pattern: "**.receive_bytes", concept: "socket" },
    { pattern: "**.recvfrom", concept: "socket" },
  ],
  guards: [
    { callee: "os.getenv", concept: "secret-from-env", cleans: false },
    { callee: "os.environ.get", concept: "secret-from-env", cleans: false },
  ],
};
