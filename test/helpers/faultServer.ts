/**
 * A fault-injecting OpenAI-like server on 127.0.0.1, for testing clients against what real servers do
 * when things go wrong. Faults are chosen per request: from a queue (`faults`, consumed in order, then
 * `"ok"`), or by a function of the request number and body.
 *
 * ```ts
 * const server = await startFaultServer({ faults: ["rate-limit", "ok"], retryAfter: "0.05" });
 * const detector = await createDetector("openai:fault-model", { baseUrl: server.url });
 * …
 * await server.close();
 * ```
 * Faults:
 * - `ok`: a well-formed streamed (or plain) completion of `answer`.
 * - `reset`: the socket is destroyed before any byte (a dropped connection).
 * - `slow-first-byte`: waits `slowMs` before the headers, then answers normally.
 * - `rate-limit`: 429 with `retry-after` (seconds) and, when set, `retry-after-ms`.
 * - `error-500`, `error-503`, `error-400`: that status with an OpenAI-style error body.
 * - `reject-response-format`: 400 when the request has `response_format` or `guided_*`, else `ok`.
 * - `truncate`: headers and half the answer, then the connection ends without `finish_reason`/`[DONE]`.
 * - `garbage`: 200 `text/event-stream` whose events are not JSON.
 * - `not-json`: 200 `application/json` with an HTML body.
 * `refusedUrl()` gives a URL where nothing listens (connection refused).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Fault =
  | "ok"
  | "reset"
  | "slow-first-byte"
  | "rate-limit"
  | "error-500"
  | "error-503"
  | "error-400"
  | "reject-response-format"
  | "truncate"
  | "garbage"
  | "not-json";

export interface RecordedRequest {
  n: number;
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, any> | undefined;
  fault: Fault;
}

export interface FaultServerOptions {
  /** Faults for the next chat requests, in order; `"ok"` once used up. Or a function of request number (0-based) and body. */
  faults?: Fault[] | ((n: number, body: Record<string, any> | undefined) => Fault);
  /** Answer text of `ok` completions. Defaults to a valid chat-json answer. */
  answer?: string | ((body: Record<string, any> | undefined) => string);
  /** Model name listed and accepted. Defaults to `"fault-model"`. */
  modelName?: string;
  /** `retry-after` header of `rate-limit`, in seconds. Defaults to `"0.05"`. */
  retryAfter?: string;
  /** `retry-after-ms` header of `rate-limit`; omitted by default. */
  retryAfterMs?: string;
  /** Delay of `slow-first-byte`, in milliseconds. Defaults to `2000`. */
  slowMs?: number;
}

export interface FaultServer {
  url: string;
  requests: RecordedRequest[];
  /** Chat completion requests only. */
  chatRequests(): RecordedRequest[];
  /** Replace the fault queue. */
  setFaults(faults: FaultServerOptions["faults"]): void;
  close(): Promise<void>;
}

export const DEFAULT_FAULT_ANSWER = '{"vulnerable": true, "cwe": "CWE-89", "lines": [2], "reason": "query built by concatenation"}';

export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const model = options.modelName ?? "fault-model";
  let faults = options.faults ?? [];
  const requests: RecordedRequest[] = [];
  let chatCount = 0;

  const pickFault = (body: Record<string, any> | undefined): Fault => {
    const n = chatCount++;
    if (typeof faults === "function") return faults(n, body);
    return faults.shift() ?? "ok";
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: Record<string, any> | undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path.endsWith("/models")) {
      requests.push({ n: requests.length, method: "GET", path, headers: req.headers, body, fault: "ok" });
      return sendJson(res, 200, { object: "list", data: [{ id: model, object: "model", created: 0, owned_by: "fault" }] });
    }
    const fault = pickFault(body);
    requests.push({ n: requests.length, method: req.method ?? "", path, headers: req.headers, body, fault });
    const answer = typeof options.answer === "function" ? options.answer(body) : (options.answer ?? DEFAULT_FAULT_ANSWER);
    await applyFault(fault, res, body, answer, options, model);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path.endsWith("/chat/completions")),
    setFaults: (next) => {
      faults = next ?? [];
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function applyFault(fault: Fault, res: ServerResponse, body: Record<string, any> | undefined, answer: string, options: FaultServerOptions, model: string): Promise<void> {
  switch (fault) {
    case "reset":
      res.socket?.destroy();
      return;
    case "slow-first-byte":
      await new Promise((r) => setTimeout(r, options.slowMs ?? 2000));
      if (res.socket?.destroyed) return;
      return sendCompletion(res, body, answer, model);
    case "rate-limit":
      res.setHeader("retry-after", options.retryAfter ?? "0.05");
      if (options.retryAfterMs !== undefined) res.setHeader("retry-after-ms", options.retryAfterMs);
      return sendJson(res, 429, { error: { message: "Rate limit reached", type: "rate_limit_error" } });
    case "error-500":
      return sendJson(res, 500, { error: { message: "internal failure", type: "server_error" } });
    case "error-503":
      return sendJson(res, 503, { error: { message: "overloaded", type: "server_error" } });
    case "error-400":
      return sendJson(res, 400, { error: { message: "bad request", type: "invalid_request_error" } });
    case "reject-response-format":
      if (body?.response_format || body?.guided_json || body?.guided_choice)
        return sendJson(res, 400, { error: { message: "response_format is not supported by this server", type: "invalid_request_error" } });
      return sendCompletion(res, body, answer, model);
    case "truncate": {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const half = answer.slice(0, Math.floor(answer.length / 2));
      res.write(`data: ${JSON.stringify(chunk(model, { role: "assistant", content: half }, null))}\n\n`);
      await new Promise((r) => setTimeout(r, 10));
      res.socket?.end();
      return;
    }
    case "garbage":
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end("data: <<<not json>>>\n\ndata: {\"broken\": \n\n");
      return;
    case "not-json":
      res.writeHead(200, { "content-type": "application/json" });
      res.end("<html><body>502 Bad Gateway</body></html>");
      return;
    default:
      return sendCompletion(res, body, answer, model);
  }
}

function chunk(model: string, delta: Record<string, unknown>, finish: string | null) {
  return { id: "chatcmpl-fault", object: "chat.completion.chunk", created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] };
}

function sendCompletion(res: ServerResponse, body: Record<string, any> | undefined, answer: string, model: string): void {
  const usage = { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 };
  if (!body?.stream) {
    return sendJson(res, 200, {
      id: "chatcmpl-fault",
      object: "chat.completion",
      created: 0,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: answer }, finish_reason: "stop" }],
      usage,
    });
  }
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.write(`data: ${JSON.stringify(chunk(model, { role: "assistant", content: "" }, null))}\n\n`);
  for (let i = 0; i < answer.length; i += 16) res.write(`data: ${JSON.stringify(chunk(model, { content: answer.slice(i, i + 16) }, null))}\n\n`);
  res.write(`data: ${JSON.stringify(chunk(model, {}, "stop"))}\n\n`);
  if (body.stream_options?.include_usage) res.write(`data: ${JSON.stringify({ ...chunk(model, {}, null), choices: [], usage })}\n\n`);
  res.end("data: [DONE]\n\n");
}

function sendJson(res: ServerResponse, status: number, data: unknown): void {
  const text = JSON.stringify(data);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** A base URL on 127.0.0.1 where nothing listens: connecting is refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}
