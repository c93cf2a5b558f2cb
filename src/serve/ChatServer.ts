// An OpenAI-compatible HTTP server over any local backend: `/v1/models`, `/v1/chat/completions` (plain and
// streamed, `response_format` json_schema honoured) and `/health`. Binds to 127.0.0.1 unless told otherwise.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { formatZodError } from "../data/record.js";
import type { ChatResult, Detector } from "../models/Detector.js";
import { ChatCompletionBodySchema, messagesOf, requestedSchema, type ChatCompletionBody } from "./chatRequest.js";
import { detectorAnswer, UnanswerableRequestError } from "./detectorAnswer.js";
import { SseWriter } from "./sse.js";

export interface ChatServerOptions {
  /** Interface to bind. Defaults to `"127.0.0.1"`. */
  host?: string;
  /** Port; `0` picks a free one. Defaults to `8080`. */
  port?: number;
  /** Model name clients ask for and `/v1/models` lists. Defaults to the detector id. */
  modelName?: string;
  /** Largest request body in bytes. Defaults to `4 MiB`. */
  maxBodyBytes?: number;
  /** Largest code (all message text together) a request may send, in bytes; larger gets 413. Defaults to `1_000_000`. */
  maxCodeBytes?: number;
  /** Chat requests answered at once. Defaults to `4`. */
  maxConcurrent?: number;
  /** Chat requests waiting for a turn; beyond it a request gets 503 at once, and `/health` keeps answering. Defaults to `32`. */
  maxQueue?: number;
  /** Called once per finished request (for logs). */
  onRequest?: (line: string) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type = "invalid_request_error",
  ) {
    super(message);
  }
}

export class ChatServer {
  private readonly server: Server;
  /** Chat requests being answered, and those waiting for a turn (each resolves when its turn comes). */
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly created = Math.floor(Date.now() / 1000);
  readonly modelName: string;

  constructor(
    private readonly detector: Detector,
    private readonly options: ChatServerOptions = {},
  ) {
    this.modelName = options.modelName ?? detector.id;
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  /** Start listening; resolves with the base URL clients use (`http://host:port/v1`). */
  listen(): Promise<string> {
    const host = this.options.host ?? "127.0.0.1";
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port ?? 8080, host, () => {
        const { port } = this.server.address() as AddressInfo;
        resolve(`http://${host.includes(":") ? `[${host}]` : host}:${port}/v1`);
      });
    });
  }

  /** Stop accepting connections and wait for requests in flight. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const path = (req.url ?? "/").split("?")[0];
    try {
      if (req.method === "GET" && (path === "/health" || path === "/v1/health")) return json(res, 200, { status: "ok", model: this.modelName });
      if (req.method === "GET" && path === "/v1/models")
        return json(res, 200, { object: "list", data: [{ id: this.modelName, object: "model", created: this.created, owned_by: "cwescope" }] });
      if (path === "/v1/chat/completions") {
        if (req.method !== "POST") throw new HttpError(405, "use POST");
        await this.chatCompletion(req, res);
        return;
      }
      throw new HttpError(404, `no route ${req.method} ${path}`);
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      const type = err instanceof HttpError ? err.type : "server_error";
      if (!res.headersSent) json(res, status, { error: { message: err instanceof Error ? err.message : String(err), type, code: status } });
      else res.end();
    } finally {
      this.options.onRequest?.(`${req.method} ${path} ${res.statusCode} ${(performance.now() - started).toFixed(1)} ms`);
    }
  }

  private async chatCompletion(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const maxConcurrent = this.options.maxConcurrent ?? 4;
    const maxQueue = this.options.maxQueue ?? 32;
    // Full: refuse before reading the body, so a flood costs neither memory nor the event loop.
    if (this.active + this.waiting.length >= maxConcurrent + maxQueue) {
      res.setHeader("retry-after", "1");
      // The body is left unread: the connection cannot serve another request.
      res.setHeader("connection", "close");
      throw new HttpError(503, `server busy: ${this.active} request(s) answered, ${this.waiting.length} waiting; retry later`, "server_busy");
    }
    const body = parseBody(await readBody(req, this.options.maxBodyBytes ?? 4 * 1024 ** 2));
    const maxCode = this.options.maxCodeBytes ?? 1_000_000;
    const size = messagesOf(body).reduce((n, m) => n + Buffer.byteLength(m.content), 0);
    if (size > maxCode) throw new HttpError(413, `messages hold ${size} bytes of text, over this server's ${maxCode}`);
    let gone = false;
    res.on("close", () => (gone = true));
    if (this.active >= maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      // A client that left while its request waited is not answered at all.
      if (gone) return;
      await this.answerChat(body, res);
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  private async answerChat(body: ChatCompletionBody, res: ServerResponse): Promise<void> {
    if (body.model !== this.modelName) throw new HttpError(404, `model "${body.model}" not found; this server serves "${this.modelName}"`, "model_not_found");
    const abort = new AbortController();
    res.on("close", () => !res.writableFinished && abort.abort(new Error("client went away")));
    const id = `chatcmpl-${randomUUID()}`;
    const base = { id, created: Math.floor(Date.now() / 1000), model: this.modelName, system_fingerprint: `cwescope-${this.detector.backend}` };
    const stream = body.stream ? new SseWriter(res) : undefined;
    const send = (delta: Record<string, unknown>, finish: string | null) =>
      stream?.send({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish }] });
    send({ role: "assistant", content: "" }, null);
    let result: ChatResult;
    try {
      result = await this.answer(body, abort.signal, stream ? (text) => send({ content: text }, null) : undefined);
    } catch (err) {
      if (!stream) throw err;
      stream.send({ error: { message: err instanceof Error ? err.message : String(err), type: "server_error" } });
      return stream.done();
    }
    const usage = { prompt_tokens: result.tokensIn, completion_tokens: result.tokensOut, total_tokens: result.tokensIn + result.tokensOut };
    if (stream) {
      if (!this.detector.complete) send({ content: result.text }, null);
      send({}, result.finishReason);
      if (body.stream_options?.include_usage) stream.send({ ...base, object: "chat.completion.chunk", choices: [], usage });
      return stream.done();
    }
    json(res, 200, { ...base, object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: result.text }, finish_reason: result.finishReason }], usage });
  }

  private async answer(body: ChatCompletionBody, signal: AbortSignal, onText?: (text: string) => void): Promise<ChatResult> {
    const messages = messagesOf(body);
    const jsonSchema = requestedSchema(body);
    try {
      if (this.detector.complete) {
        const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? undefined;
        return await this.detector.complete({ messages, jsonSchema, choices: body.guided_choice, maxTokens, temperature: body.temperature ?? undefined, signal, onText });
      }
      return await detectorAnswer(this.detector, messages, jsonSchema !== undefined, signal);
    } catch (err) {
      if (err instanceof UnanswerableRequestError) throw new HttpError(err.status, err.message, err.status === 422 ? "unprocessable_code" : "invalid_request_error");
      throw err;
    }
  }
}

function json(res: ServerResponse, status: number, data: unknown): void {
  const text = JSON.stringify(data);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(text: string): ChatCompletionBody {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HttpError(400, "request body is not JSON");
  }
  const parsed = ChatCompletionBodySchema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, formatZodError(parsed.error));
  return parsed.data;
}
