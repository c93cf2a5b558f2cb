/**
 * Writes a tiny random-weight llama-architecture GGUF (v3, F32 tensors) that llama.cpp loads and runs in
 * milliseconds: the stand-in for Llama-3.1-8B/70B in tests, so real inference runs in CI with no
 * network, no GPU and no downloaded weights.
 *
 * The vocabulary is SentencePiece-style ("llama" tokenizer): `<unk>`, `<s>`, `</s>`, the 256 byte tokens
 * `<0x00>`..`<0xFF>`, one piece per printable ASCII character (space as `▁`), and the ChatML control
 * tokens `<|im_start|>`/`<|im_end|>` used by the embedded chat template. Every piece but the byte tokens
 * is one ASCII character, so a grammar's `maxLength` bounds the token count exactly.
 *
 * Usage:
 * ```ts
 * const info = await writeTinyGguf(join(dir, "tiny.gguf"), { seed: 7, layers: 2 });
 * const detector = await createDetector(`llamacpp:${info.path}`, { threads: 1 });
 * ```
 * Two sizes (e.g. `{layers: 1, seed: 1}` vs `{layers: 2, embedding: 64, seed: 2}`) stand in for a small
 * and a large model. The same options always give byte-identical files.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { createRng } from "../../src/util/random.js";

export interface TinyGgufOptions {
  /** Seed of the weights. Defaults to `1`. */
  seed?: number;
  /** Transformer blocks. Defaults to `1`. */
  layers?: number;
  /** Embedding width (n_embd); must be divisible by `heads`. Defaults to `32`. */
  embedding?: number;
  /** Attention heads. Defaults to `4`. */
  heads?: number;
  /** Key/value heads (GQA); must divide `heads`. Defaults to `heads`. */
  kvHeads?: number;
  /** Feed-forward width. Defaults to `2 * embedding`. */
  feedForward?: number;
  /** Trained context length written to the metadata. Defaults to `8192`. */
  contextLength?: number;
  /** `general.name`. Defaults to `"cwescope-tiny"`. */
  name?: string;
  /** Jinja chat template, or `false` for none. Defaults to a ChatML template. */
  chatTemplate?: string | false;
  /** Scale of the uniform random weights. Defaults to `0.5`. */
  weightScale?: number;
  /** Byte values whose `<0xXX>` token the vocabulary leaves out (a broken vocabulary). Defaults to none. */
  omitByteTokens?: number[];
}

export interface TinyGgufInfo {
  path: string;
  bytes: number;
  vocabSize: number;
  layers: number;
  embedding: number;
}

export const TINY_CHATML_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

const enum T { U32 = 4, I32 = 5, F32 = 6, BOOL = 7, STRING = 8, ARRAY = 9 }
type Kv = [key: string, type: T, value: unknown, itemType?: T];

/** The vocabulary: pieces, scores and token types (1 normal, 2 unknown, 3 control, 6 byte). */
export function tinyVocabulary(omitBytes: readonly number[] = []): { tokens: string[]; scores: number[]; types: number[] } {
  const tokens = ["<unk>", "<s>", "</s>"];
  const types = [2, 3, 3];
  for (let b = 0; b < 256; b++) {
    if (omitBytes.includes(b)) continue;
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
    types.push(6);
  }
  tokens.push("▁");
  types.push(1);
  for (let c = 0x21; c <= 0x7e; c++) {
    tokens.push(String.fromCharCode(c));
    types.push(1);
  }
  tokens.push("<|im_start|>", "<|im_end|>");
  types.push(3, 3);
  const scores = tokens.map((_, i) => (types[i] === 1 ? -i / 100 : 0));
  return { tokens, scores, types };
}

class GgufBuffer {
  private chunks: Buffer[] = [];
  length = 0;
  push(buf: Buffer): void {
    this.chunks.push(buf);
    this.length += buf.length;
  }
  u32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    this.push(b);
  }
  i32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    this.push(b);
  }
  u64(n: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.push(b);
  }
  f32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(n);
    this.push(b);
  }
  str(s: string): void {
    const bytes = Buffer.from(s, "utf8");
    this.u64(bytes.length);
    this.push(bytes);
  }
  pad(alignment: number): void {
    const rest = this.length % alignment;
    if (rest) this.push(Buffer.alloc(alignment - rest));
  }
  value(type: T, v: unknown, itemType?: T): void {
    if (type === T.U32) this.u32(v as number);
    else if (type === T.I32) this.i32(v as number);
    else if (type === T.F32) this.f32(v as number);
    else if (type === T.BOOL) this.push(Buffer.from([v ? 1 : 0]));
    else if (type === T.STRING) this.str(v as string);
    else {
      const items = v as unknown[];
      this.u32(itemType!);
      this.u64(items.length);
      for (const item of items) this.value(itemType!, item);
    }
  }
  concat(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

const ALIGNMENT = 32;

/** Write the GGUF to `path` (parent folders are created). */
export async function writeTinyGguf(path: string, options: TinyGgufOptions = {}): Promise<TinyGgufInfo> {
  const buf = buildTinyGguf(options);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, buf);
  const layers = options.layers ?? 1;
  return { path, bytes: buf.length, vocabSize: tinyVocabulary().tokens.length, layers, embedding: options.embedding ?? 32 };
}

/** The GGUF file as bytes. */
export function buildTinyGguf(options: TinyGgufOptions = {}): Buffer {
  const layers = options.layers ?? 1;
  const nEmbd = options.embedding ?? 32;
  const heads = options.heads ?? 4;
  const kvHeads = options.kvHeads ?? heads;
  const nFf = options.feedForward ?? 2 * nEmbd;
  const headDim = nEmbd / heads;
  if (!Number.isInteger(headDim) || heads % kvHeads !== 0) throw new Error("tiny GGUF: embedding must divide by heads, heads by kvHeads");
  const vocab = tinyVocabulary(options.omitByteTokens);
  const nVocab = vocab.tokens.length;
  const imEnd = vocab.tokens.indexOf("<|im_end|>");

  const kvs: Kv[] = [
    ["general.architecture", T.STRING, "llama"],
    ["general.name", T.STRING, options.name ?? "cwescope-tiny"],
    ["general.alignment", T.U32, ALIGNMENT],
    ["general.file_type", T.U32, 0],
    ["llama.context_length", T.U32, options.contextLength ?? 8192],
    ["llama.embedding_length", T.U32, nEmbd],
    ["llama.block_count", T.U32, layers],
    ["llama.feed_forward_length", T.U32, nFf],
    ["llama.attention.head_count", T.U32, heads],
    ["llama.attention.head_count_kv", T.U32, kvHeads],
    ["llama.rope.dimension_count", T.U32, headDim],
    ["llama.rope.freq_base", T.F32, 10000],
    ["llama.attention.layer_norm_rms_epsilon", T.F32, 1e-5],
    ["llama.vocab_size", T.U32, nVocab],
    ["tokenizer.ggml.model", T.STRING, "llama"],
    ["tokenizer.ggml.tokens", T.ARRAY, vocab.tokens, T.STRING],
    ["tokenizer.ggml.scores", T.ARRAY, vocab.scores, T.F32],
    ["tokenizer.ggml.token_type", T.ARRAY, vocab.types, T.I32],
    ["tokenizer.ggml.unknown_token_id", T.U32, 0],
    ["tokenizer.ggml.bos_token_id", T.U32, 1],
    ["tokenizer.ggml.eos_token_id", T.U32, imEnd],
    ["tokenizer.ggml.add_bos_token", T.BOOL, true],
    ["tokenizer.ggml.add_eos_token", T.BOOL, false],
  ];
  const template = options.chatTemplate === undefined ? TINY_CHATML_TEMPLATE : options.chatTemplate;
  if (template) kvs.push(["tokenizer.chat_template", T.STRING, template]);

  const tensors: Array<{ name: string; dims: number[]; init: "one" | "random" }> = [
    { name: "token_embd.weight", dims: [nEmbd, nVocab], init: "random" },
    { name: "output_norm.weight", dims: [nEmbd], init: "one" },
    { name: "output.weight", dims: [nEmbd, nVocab], init: "random" },
  ];
  for (let l = 0; l < layers; l++) {
    const p = `blk.${l}.`;
    tensors.push(
      { name: p + "attn_norm.weight", dims: [nEmbd], init: "one" },
      { name: p + "attn_q.weight", dims: [nEmbd, nEmbd], init: "random" },
      { name: p + "attn_k.weight", dims: [nEmbd, kvHeads * headDim], init: "random" },
      { name: p + "attn_v.weight", dims: [nEmbd, kvHeads * headDim], init: "random" },
      { name: p + "attn_output.weight", dims: [nEmbd, nEmbd], init: "random" },
      { name: p + "ffn_norm.weight", dims: [nEmbd], init: "one" },
      { name: p + "ffn_gate.weight", dims: [nEmbd, nFf], init: "random" },
      { name: p + "ffn_up.weight", dims: [nEmbd, nFf], init: "random" },
      { name: p + "ffn_down.weight", dims: [nFf, nEmbd], init: "random" },
    );
  }

  const out = new GgufBuffer();
  out.push(Buffer.from("GGUF", "ascii"));
  out.u32(3);
  out.u64(tensors.length);
  out.u64(kvs.length);
  for (const [key, type, value, itemType] of kvs) {
    out.str(key);
    out.u32(type);
    out.value(type, value, itemType);
  }
  let offset = 0;
  const sizes = tensors.map((t) => t.dims.reduce((a, b) => a * b, 1) * 4);
  tensors.forEach((t, i) => {
    out.str(t.name);
    out.u32(t.dims.length);
    for (const d of t.dims) out.u64(d);
    out.u32(0); // GGML_TYPE_F32
    out.u64(offset);
    offset += Math.ceil(sizes[i] / ALIGNMENT) * ALIGNMENT;
  });
  out.pad(ALIGNMENT);

  const rng = createRng(options.seed ?? 1);
  const scale = options.weightScale ?? 0.5;
  tensors.forEach((t, i) => {
    const data = Buffer.alloc(Math.ceil(sizes[i] / ALIGNMENT) * ALIGNMENT);
    for (let j = 0; j < sizes[i] / 4; j++) data.writeFloatLE(t.init === "one" ? 1 : (rng() * 2 - 1) * scale, j * 4);
    out.push(data);
  });
  return out.concat();
}
