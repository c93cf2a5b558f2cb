// Read a chat completion event stream straight from the response body: one JSON object per `data:` event,
// `[DONE]` at the end. Leaner than a generic SSE client, and it knows whether the stream really finished.
import { ProtocolError } from "./requestErrors.js";

export interface ReadSseOptions {
  /** Bytes read before the stream is abandoned with a `ProtocolError`. Defaults to unbounded. */
  maxBytes?: number;
}

/** Calls `onEvent` per JSON event; returns whether `[DONE]` arrived. */
export async function readSse(body: ReadableStream<Uint8Array> | null, onEvent: (event: Record<string, any>) => void, options: ReadSseOptions = {}): Promise<boolean> {
  if (!body) return false;
  const maxBytes = options.maxBytes ?? Infinity;
  let bytes = 0;
  const decoder = new TextDecoder();
  let buffer = "";
  let done = false;
  const handle = (block: string) => {
    let data = "";
    for (const line of block.split("\n")) {
      if (line.startsWith("data:")) data += (data ? "\n" : "") + line.slice(line[5] === " " ? 6 : 5);
    }
    if (!data) return;
    if (data.trim() === "[DONE]") {
      done = true;
      return;
    }
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch {
      throw new ProtocolError(`stream event is not JSON: ${data.slice(0, 80)}`);
    }
    if (!event || typeof event !== "object") throw new ProtocolError("stream event is not a JSON object");
    onEvent(event as Record<string, any>);
  };
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    // Leaving the loop cancels the body: the rest of a runaway (or one endless) event is never read.
    if (bytes > maxBytes) throw new ProtocolError(`response over ${maxBytes} bytes: abandoned`);
    buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, "\n");
    let end: number;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      handle(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
  buffer += decoder.decode();
  if (buffer.trim()) handle(buffer);
  return done;
}
