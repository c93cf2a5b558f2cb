"""Build a tiny, randomly initialised Llama and a local tokenizer, then write recipes that train it for a few steps.

    python3 trainer/tests/smoke_gpu.py --export DIR --work DIR

No download: the tokenizer is a byte-level BPE trained here on the exported text, the model a 2-layer
LlamaConfig built by transformers. Prints one JSON line {"recipes": [...]} naming the recipes written (LoRA,
and QLoRA when bitsandbytes imports). test/train/finetune/gpu-smoke.test.ts runs them with `cwescope finetune run`.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from data import load_examples  # noqa: E402

SPECIALS = ["<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>", "<|pad|>"]
TEMPLATE = (
    "{% for m in messages %}<|start_header_id|>{{ m['role'] }}<|end_header_id|>\n\n{{ m['content'] }}<|eot_id|>{% endfor %}"
    "{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\n\n{% endif %}"
)


def build_tokenizer(texts, folder):
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    # Whitespace runs, words and single symbols are isolated first, so a prompt always tokenizes as a prefix of prompt + answer.
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.Split(Regex(r"\s+|\w+|[^\w\s]"), behavior="isolated"), pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)]
    )
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(texts, trainers.BpeTrainer(vocab_size=3000, special_tokens=SPECIALS, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<|begin_of_text|>", eos_token="<|eot_id|>", pad_token="<|pad|>")
    fast.chat_template = TEMPLATE
    fast.save_pretrained(folder)
    return fast


def build_model(vocab_size, folder):
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=vocab_size, hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
                         num_key_value_heads=2, max_position_embeddings=4096, tie_word_embeddings=False)
    LlamaForCausalLM(config).save_pretrained(folder)


def recipe(method, model_dir, train, val, out_dir):
    r = {
        "kind": "cwescope-finetune-recipe",
        "version": 1,
        "base": {"id": "tiny-llama", "model": model_dir},
        "method": method,
        "lora": {"r": 8, "alpha": 16, "dropout": 0.05, "target_modules": ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]},
        "training": {"epochs": 1, "learning_rate": 0.001, "lr_scheduler": "cosine", "warmup_ratio": 0.0, "weight_decay": 0, "max_grad_norm": 1.0,
                     "optimizer": "paged_adamw_32bit" if method == "qlora" else "adamw_torch", "micro_batch_size": 4,
                     "gradient_accumulation_steps": 1, "max_seq_len": 4096, "gradient_checkpointing": True, "precision": "bf16", "seed": 1,
                     "logging_steps": 1},
        "data": {"format": "chat", "prompt": "study-instruction-v1", "train": train, "val": val},
        "eval": {"max_new_tokens": 8, "generate_limit": 4},
        "hardware": {"gpus": 1, "gpu_memory_gib": 8, "placement": "single"},
        "output": {"dir": out_dir},
    }
    if method == "qlora":
        r["quantization"] = {"bits": 4, "quant_type": "nf4", "double_quant": True, "compute_dtype": "bfloat16", "quant_storage": "bfloat16"}
    return r


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--export", required=True, help="folder written by `cwescope finetune export --format chat`")
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    train = load_examples(os.path.join(args.export, "train.jsonl"), "chat")[:24]
    val = load_examples(os.path.join(args.export, "val.jsonl"), "chat")[:8]
    model_dir = os.path.join(args.work, "tiny-llama")
    os.makedirs(model_dir, exist_ok=True)
    for name, rows in (("train.jsonl", train), ("val.jsonl", val)):
        with open(os.path.join(args.work, name), "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps({"id": row["id"], "messages": row["messages"]}) + "\n")
    texts = [m["content"] for row in train + val for m in row["messages"]]
    tokenizer = build_tokenizer(texts, model_dir)
    build_model(len(tokenizer), model_dir)
    methods = ["lora"]
    try:
        import bitsandbytes  # noqa: F401

        methods.append("qlora")
    except Exception:  # noqa: BLE001 - QLoRA is checked only where bitsandbytes works
        pass
    written = []
    for method in methods:
        path = os.path.join(args.work, f"recipe-{method}.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(recipe(method, model_dir, "train.jsonl", "val.jsonl", f"adapter-{method}"), handle, indent=2)
        written.append(path)
    print(json.dumps({"recipes": written}))


if __name__ == "__main__":
    main()
