"""The test model's tokenizer is Llama-3's: it reproduces llama.cpp's own tokenizer test vectors for the llama-bpe vocabulary.

Needs CWESCOPE_LLAMA_CPP (a llama.cpp checkout; .ci/run unpacks node-llama-cpp's) and the trainer's venv.
"""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

LLAMA_CPP = os.environ.get("CWESCOPE_LLAMA_CPP")
pytestmark = pytest.mark.skipif(not LLAMA_CPP, reason="set CWESCOPE_LLAMA_CPP to a llama.cpp checkout (cwescope unpacks node-llama-cpp's)")
pytest.importorskip("transformers")


def test_matches_llama_cpp_test_vectors(tmp_path):
    import tiny_llama

    tokenizer = tiny_llama.build_tokenizer(tiny_llama.read_vocab(LLAMA_CPP), str(tmp_path))
    base = os.path.join(LLAMA_CPP, "models", "ggml-vocab-llama-bpe.gguf")
    with open(base + ".inp", encoding="utf-8") as handle:
        texts = handle.read().split("\n__ggml_vocab_test__\n")
    with open(base + ".out", encoding="utf-8") as handle:
        expected = [[int(t) for t in line.split()] for line in handle.read().split("\n")]
    if texts[-1] == "":
        texts.pop()  # every test text ends with the separator
    assert len(texts) >= 30 and len(expected) >= len(texts)
    for text, ids in zip(texts, expected):
        assert tokenizer.encode(text, add_special_tokens=False) == ids, repr(text)
    assert len(tokenizer) == 128256
    assert tokenizer.convert_tokens_to_ids(["<|begin_of_text|>", "<|eot_id|>"]) == [128000, 128009]
    rendered = tokenizer.apply_chat_template([{"role": "user", "content": "hi"}], tokenize=False, add_generation_prompt=True)
    assert rendered == "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
