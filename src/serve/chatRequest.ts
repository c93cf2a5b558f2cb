// The subset of an OpenAI chat completion request that `cwescope serve` understands, validated at the edge.
import { z } from "zod";

const Content = z.union([z.string(), z.array(z.looseObject({ type: z.string(), text: z.string().optional() }))]);

export const ChatCompletionBodySchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.looseObject({ role: z.enum(["system", "developer", "user", "assistant"]), content: Content.nullable() })).min(1),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  response_format: z
    .union([
      z.looseObject({ type: z.literal("text") }),
      z.looseObject({ type: z.literal("json_object") }),
      z.looseObject({ type: z.literal("json_schema"), json_schema: z.looseObject({ name: z.string().optional(), schema: z.record(z.string(), z.unknown()).optional() }) }),
    ])
    .nullable()
    .optional(),
  guided_json: z.record(z.string(), z.unknown()).optional(),
  guided_choice: z.array(z.string()).min(1).optional(),
});
export type ChatCompletionBody = z.infer<typeof ChatCompletionBodySchema>;

/** Flatten message content parts to text; `developer` counts as `system`. */
export function messagesOf(body: ChatCompletionBody): Array<{ role: "system" | "user" | "assistant"; content: string }> {
  return body.messages.map((m) => ({
    role: m.role === "developer" ? "system" : m.role,
    content: typeof m.content === "string" ? m.content : (m.content ?? []).map((part) => part.text ?? "").join(""),
  }));
}

/** The JSON schema the answer must follow, if the request asked for one. */
export function requestedSchema(body: ChatCompletionBody): Record<string, unknown> | undefined {
  if (body.response_format?.type === "json_schema") return (body.response_format.json_schema as { schema?: Record<string, unknown> }).schema ?? { type: "object" };
  if (body.response_format?.type === "json_object") return { type: "object", additionalProperties: true };
  return body.guided_json;
}
