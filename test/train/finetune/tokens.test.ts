// The token heuristic against Llama-3's real tokenizer (llama3-tokenizer-js, a dev dependency): it must never
// undercount the shipped data, or a planned max_seq_len would skip examples, and must not waste much memory.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import llama3Tokenizer from "llama3-tokenizer-js";
import { estimateExampleTokens, exampleMessages } from "../../../src/train/finetune/index.js";
import { PROMPTS } from "../../../src/prompts/index.js";
import { DatasetRecordSchema } from "../../../src/data/record.js";
import { PACKAGE_ROOT } from "../../../src/version.js";

/** The exact text Llama-3.1's chat template renders (default date line included). */
function llama31Chat(messages: Array<{ role: string; content: string }>): string {
  const head = (role: string) => `<|start_header_id|>${role}<|end_header_id|>\n\n`;
  const [system, ...rest] = messages;
  return (
    "<|begin_of_text|>" +
    head("system") +
    `Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n${system.content}<|eot_id|>` +
    rest.map((m) => `${head(m.role)}${m.content}<|eot_id|>`).join("")
  );
}

describe("estimateExampleTokens", () => {
  it("is at least the real Llama-3 count for the Python training data under every prompt, and within 1.6×", async () => {
    const records = [];
    for (const split of ["train", "val"]) {
      const text = await readFile(join(PACKAGE_ROOT, "data", "python", `${split}.jsonl`), "utf8");
      records.push(...text.trim().split("\n").map((l) => DatasetRecordSchema.parse(JSON.parse(l))));
    }
    let worst = Infinity;
    let loosest = 0;
    for (const prompt of PROMPTS) {
      // Every record under the study prompt (the default); every fifth under the others, to keep the test fast.
      for (const [i, record] of records.entries()) {
        if (prompt.id !== "study-instruction-v1" && i % 5) continue;
        const messages = exampleMessages(record, prompt);
        const real = llama3Tokenizer.encode(llama31Chat(messages), { bos: false, eos: false }).length;
        const estimate = estimateExampleTokens(messages);
        worst = Math.min(worst, estimate / real);
        loosest = Math.max(loosest, estimate / real);
      }
    }
    expect(worst).toBeGreaterThanOrEqual(1);
    expect(loosest).toBeLessThan(1.6);
  });
});
