"""Merge a PEFT LoRA adapter into its base model and save the result as a Hugging Face folder.

    python3 trainer/merge.py --adapter ADAPTER_DIR --base HF_DIR --out DIR [--dtype float32|bfloat16|float16]

Used by `cwescope finetune convert --merge` before llama.cpp's convert_hf_to_gguf.py. Merge a QLoRA adapter
into the bf16 base (the one it was trained against, unquantised), never into 4-bit weights. The tokenizer is
taken from the adapter folder (the trainer saves it there), else from the base.
Prints one JSON line: {"merged": DIR}.
"""
from __future__ import annotations

import argparse
import json
import os


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--adapter", required=True)
    parser.add_argument("--base", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--dtype", default="bfloat16", choices=["float32", "bfloat16", "float16"])
    args = parser.parse_args()

    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    base = AutoModelForCausalLM.from_pretrained(args.base, dtype=getattr(torch, args.dtype), device_map={"": "cpu"})
    merged = PeftModel.from_pretrained(base, args.adapter).merge_and_unload()
    merged.save_pretrained(args.out)
    has_tokenizer = os.path.exists(os.path.join(args.adapter, "tokenizer_config.json"))
    AutoTokenizer.from_pretrained(args.adapter if has_tokenizer else args.base).save_pretrained(args.out)
    print(json.dumps({"merged": os.path.abspath(args.out)}))


if __name__ == "__main__":
    main()
