"""Build a tiny, randomly initialised Llama with the real Llama-3 tokenizer, as a Hugging Face folder. No download.

    python trainer/tests/tiny_llama.py --llama-cpp DIR --out DIR [--hidden 32] [--layers 2] [--seed 0]

The tokenizer is rebuilt from `models/ggml-vocab-llama-bpe.gguf` of the llama.cpp checkout that node-llama-cpp
ships (read with that checkout's own gguf-py): the 128,256 tokens, the 280,147 merges, Llama-3's pre-tokenizer
regex and byte-level decoding, the control tokens, and Llama-3 Instruct's chat template. llama.cpp's
`convert_hf_to_gguf.py` recognises it as `llama-bpe` by hashing what it makes of a test text, so a converted
model tokenizes in node-llama-cpp exactly as in transformers. Only the weights are small and random.
Prints one JSON line: {"model": DIR, "vocab": N, "parameters": N}.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

# Llama-3's pre-tokenizer (tokenizer.json of Meta-Llama-3-8B-Instruct).
LLAMA3_PATTERN = (
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
)
# Llama-3 Instruct's chat template (tokenizer_config.json of Meta-Llama-3-8B-Instruct).
LLAMA3_CHAT_TEMPLATE = (
    "{% set loop_messages = messages %}{% for message in loop_messages %}"
    "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}"
    "{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}"
)
CONTROL = 3  # gguf TokenType.CONTROL
LM_HEAD_STD = 0.5


def read_vocab(llama_cpp: str) -> dict:
    sys.path.insert(0, os.path.join(llama_cpp, "gguf-py"))
    import gguf  # noqa: E402 - the checkout's own gguf-py, same version as the converters

    reader = gguf.GGUFReader(os.path.join(llama_cpp, "models", "ggml-vocab-llama-bpe.gguf"))

    def value(key: str):  # noqa: ANN202
        return reader.fields[key].contents()

    if value("tokenizer.ggml.pre") != "llama-bpe":
        raise SystemExit(f"expected the llama-bpe vocabulary, found pre-tokenizer {value('tokenizer.ggml.pre')}")
    return {"tokens": value("tokenizer.ggml.tokens"), "merges": value("tokenizer.ggml.merges"), "types": value("tokenizer.ggml.token_type"),
            "bos": int(value("tokenizer.ggml.bos_token_id")), "eos": int(value("tokenizer.ggml.eos_token_id"))}


def build_tokenizer(vocab: dict, folder: str):
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    ids = {token: i for i, token in enumerate(vocab["tokens"])}
    merges = [tuple(m.split(" ", 1)) for m in vocab["merges"]]
    tok = Tokenizer(models.BPE(vocab=ids, merges=merges, ignore_merges=True))
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(LLAMA3_PATTERN), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    control = [token for token, kind in zip(vocab["tokens"], vocab["types"]) if kind == CONTROL]
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in control])
    bos = vocab["tokens"][vocab["bos"]]
    tok.post_processor = processors.TemplateProcessing(single=f"{bos} $A", pair=f"{bos} $A {bos} $B", special_tokens=[(bos, vocab["bos"])])
    # Instruct models end a turn with <|eot_id|>, which is what generation stops on.
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token=bos, eos_token="<|eot_id|>", clean_up_tokenization_spaces=True)
    fast.chat_template = LLAMA3_CHAT_TEMPLATE
    fast.save_pretrained(folder)
    return fast


def build_model(tokenizer, folder: str, hidden: int, layers: int, seed: int) -> int:
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(seed)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=hidden, intermediate_size=hidden * 2, num_hidden_layers=layers,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=2048, rope_theta=500000.0,
                         rms_norm_eps=1e-5, tie_word_embeddings=False, bos_token_id=tokenizer.bos_token_id,
                         eos_token_id=tokenizer.eos_token_id)
    model = LlamaForCausalLM(config)
    # At the default init (std 0.02) a 32-to-64-wide model's logits span under one unit over 128k tokens whatever
    # its hidden state, so no adapter could make one answer likely: widen the output layer so it can.
    with torch.no_grad():
        model.lm_head.weight.normal_(0.0, LM_HEAD_STD)
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.save_pretrained(folder)
    return sum(p.numel() for p in model.parameters())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--llama-cpp", required=True, help="llama.cpp checkout (models/ggml-vocab-llama-bpe.gguf, gguf-py)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    tokenizer = build_tokenizer(read_vocab(args.llama_cpp), args.out)
    parameters = build_model(tokenizer, args.out, args.hidden, args.layers, args.seed)
    print(json.dumps({"model": args.out, "vocab": len(tokenizer), "parameters": parameters}))


if __name__ == "__main__":
    main()
