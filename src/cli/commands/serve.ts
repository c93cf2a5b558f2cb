// `cwescope serve --model <id> --port N [--host 127.0.0.1]`: an OpenAI-compatible server over any backend.
import type { Command } from "commander";
import { createDetector } from "../../models/registry.js";
import { ChatServer } from "../../serve/index.js";
import { CliError, EXIT } from "../errors.js";
import { intOption, optionalIntOption } from "../intOption.js";
import { addTimeoutOption, timeoutOption } from "../reliabilityOptions.js";
import { action, type ProgramState } from "../program.js";

interface ServeFlags {
  model: string;
  port: string;
  host: string;
  name?: string;
  prompt?: string;
  threads?: string;
  concurrency?: string;
  contextSize?: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  maxQueue: string;
  maxCodeBytes: string;
  timeout?: string;
}

export function registerServe(program: Command, state: ProgramState): void {
  const command = program
    .command("serve")
    .description("serve a model over the OpenAI chat API (/v1/models, /v1/chat/completions, /health)")
    .requiredOption("-m, --model <id>", "model id: embedded, embedded:<path>, llamacpp:<path.gguf>, openai:<model>")
    .option("-p, --port <n>", "port (0 picks a free one)", "8080")
    .option("--host <addr>", "interface to bind; anything but loopback exposes the model to the network", "127.0.0.1")
    .option("--name <name>", "model name clients ask for (default: the model id)")
    .option("--prompt <id>", "prompt template for backends that need one")
    .option("--threads <n>", "CPU threads for in-process models")
    .option("--concurrency <n>", "requests answered at once")
    .option("--context-size <n>", "context size per sequence (llamacpp)")
    .option("--base-url <url>", "upstream server, for openai:<model>")
    .option("--api-key-env <NAME>", "environment variable holding the upstream API key")
    .option("--max-queue <n>", "chat requests waiting for a turn; beyond it, 503 at once", "32")
    .option("--max-code-bytes <n>", "largest message text a request may send (413 beyond)", "1000000");
  addTimeoutOption(command, "an upstream answer may take, retries included");
  command.action(
      action(state, async (ctx, flags: ServeFlags) => {
        const port = intOption(flags.port, "--port", 0);
        const detector = await createDetector(flags.model, {
          prompt: flags.prompt,
          threads: optionalIntOption(flags.threads, "--threads"),
          concurrency: optionalIntOption(flags.concurrency, "--concurrency"),
          contextSize: optionalIntOption(flags.contextSize, "--context-size", 64),
          baseUrl: flags.baseUrl,
          apiKeyEnv: flags.apiKeyEnv,
          timeoutMs: timeoutOption(flags.timeout),
        });
        const server = new ChatServer(detector, { host: flags.host, port, modelName: flags.name, maxConcurrent: optionalIntOption(flags.concurrency, "--concurrency"), maxQueue: intOption(flags.maxQueue, "--max-queue", 0), maxCodeBytes: intOption(flags.maxCodeBytes, "--max-code-bytes"), onRequest: (line) => ctx.log.debug(line) });
        let url: string;
        try {
          url = await server.listen();
        } catch (err) {
          await detector.close();
          throw new CliError(`cannot listen on ${flags.host}:${port}: ${err instanceof Error ? err.message : String(err)}`);
        }
        if (flags.host !== "127.0.0.1" && flags.host !== "localhost" && flags.host !== "::1") ctx.log.warn(`listening on ${flags.host}: reachable from the network, with no authentication`);
        ctx.log.info(`serving ${server.modelName} at ${url} (Ctrl-C to stop)`);
        ctx.stdout.write(`${url}\n`);
        const signal = await new Promise<NodeJS.Signals>((resolve) => {
          const stop = (name: NodeJS.Signals) => {
            process.off("SIGINT", stop);
            process.off("SIGTERM", stop);
            resolve(name);
          };
          process.on("SIGINT", stop);
          process.on("SIGTERM", stop);
        });
        ctx.log.info(`${signal}: finishing requests in flight`);
        await server.close();
        await detector.close();
        return EXIT.ok;
      }),
    );
}

