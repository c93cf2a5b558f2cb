"""Set up a LoRA run of a randomly initialised model with Llama-3.1-8B's exact shapes, to check `finetune plan`.

    python3 .gpu/build8b.py --export .gpu/export --plan .gpu/plan8b-recipe.json --work DIR --train 192 --val 16 [--tiny]

Writes DIR/model (bf16 weights built on the GPU, never a fp32 CPU init; the byte-level BPE tokenizer of
trainer/tests/smoke_gpu.py trained on the subset's text), DIR/train.jsonl, DIR/val.jsonl and DIR/recipe.json: the
plan's recipe (`finetune plan --base llama-3.1-8b --gpus 1 --gpu-memory-gib 80`: r, alpha, dropout, targets,
micro-batch, accumulation, optimiser, precision, gradient checkpointing unchanged) with the local model, the subset,
one epoch, max_seq_len 4096 (no example skipped), one log per step and 2 generated answers. Prints one JSON line:
parameters, bytes the weights take on the GPU, token lengths, seconds. --tiny: 2 layers of width 64 (CPU dry run),
same vocabulary; --micro-batch N overrides the plan's.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [os.path.join(ROOT, "trainer"), os.path.join(ROOT, "trainer", "tests")]

from data import load_examples, tokenize_example  # noqa: E402
from smoke_gpu import build_tokenizer  # noqa: E402

# src/train/finetune/baseModels.ts, llama-3.1-8b; rope as in the Llama-3.1 config.json.
LLAMA_31_8B = dict(hidden_size=4096, num_hidden_layers=32, num_attention_heads=32, num_key_value_heads=8, head_dim=128, intermediate_size=14336,
                   vocab_size=128256, max_position_embeddings=131072, rms_norm_eps=1e-5, tie_word_embeddings=False,
                   rope_parameters={"rope_type": "llama3", "rope_theta": 500000.0, "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                                    "original_max_position_embeddings": 8192})
TINY = dict(LLAMA_31_8B, hidden_size=64, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, head_dim=16, intermediate_size=128)
# parameterCounts(llama-3.1-8b) in baseModels.ts: 32 × 218,103,808 linear + 2 × 128256 × 4096 + 2 × 4096 × 32 + 4096.
PLANNED_PARAMS = 8_030_261_248


def build_model(shape, folder, bos, eos, pad):
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    cuda = torch.cuda.is_available()
    torch.manual_seed(0)
    config = LlamaConfig(**shape, bos_token_id=bos, eos_token_id=eos, pad_token_id=pad)
    started = time.time()
    with torch.device("cuda" if cuda else "cpu"):
        model = LlamaForCausalLM._from_config(config, dtype=torch.bfloat16)
    if cuda:
        torch.cuda.synchronize()
    weights_bytes = torch.cuda.memory_allocated() if cuda else sum(p.numel() * p.element_size() for p in model.parameters())
    built = time.time()
    model.save_pretrained(folder)
    params = sum(p.numel() for p in model.parameters())
    return {"params": params, "weights_bytes": weights_bytes, "build_s": round(built - started, 1), "save_s": round(time.time() - built, 1),
            "dtype": str(next(model.parameters()).dtype), "vocab_rows": model.get_input_embeddings().weight.shape[0]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--export", required=True)
    parser.add_argument("--plan", required=True, help="the plan's recipe as JSON")
    parser.add_argument("--work", required=True)
    parser.add_argument("--train", type=int, required=True)
    parser.add_argument("--val", type=int, required=True)
    parser.add_argument("--tiny", action="store_true")
    parser.add_argument("--micro-batch", type=int, help="instead of the plan's (CPU dry run: less memory for the 128k-wide logits)")
    args = parser.parse_args()
    train = load_examples(os.path.join(args.export, "train.jsonl"), "chat")[: args.train]
    val = load_examples(os.path.join(args.export, "val.jsonl"), "chat")[: args.val]
    model_dir = os.path.join(args.work, "model")
    os.makedirs(model_dir, exist_ok=True)
    files = {}
    for name, rows in (("train", train), ("val", val)):
        files[name] = os.path.join(args.work, f"{name}.jsonl")
        with open(files[name], "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps({"id": row["id"], "messages": row["messages"]}) + "\n")
    tokenizer = build_tokenizer([m["content"] for row in train + val for m in row["messages"]], model_dir)
    lengths = [len(tokenize_example(row["messages"], tokenizer, 10**6)["input_ids"]) for row in train]
    report = {"train_examples": len(train), "val_examples": len(val), "tokenizer_size": len(tokenizer), "train_tokens": sum(lengths),
              "train_longest": max(lengths), "planned_params": None if args.tiny else PLANNED_PARAMS}
    report.update(build_model(TINY if args.tiny else LLAMA_31_8B, model_dir, tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.pad_token_id))

    with open(args.plan, "r", encoding="utf-8") as handle:
        recipe = json.load(handle)
    recipe["base"]["model"] = model_dir
    recipe["data"] = {"format": "chat", "prompt": recipe["data"]["prompt"], "train": files["train"], "val": files["val"]}
    recipe["training"].update(epochs=1, max_seq_len=4096, logging_steps=1)
    if args.micro_batch:
        recipe["training"]["micro_batch_size"] = args.micro_batch
    recipe["eval"]["generate_limit"] = 2
    recipe["output"]["dir"] = os.path.join(args.work, "adapter")
    with open(os.path.join(args.work, "recipe.json"), "w", encoding="utf-8") as handle:
        json.dump(recipe, handle, indent=2)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
