"""The answer-only loss (logits for the last positions of a left-padded batch) equals the plain loss over full logits.

Needs torch and transformers (the trainer's venv); run with pytest. A tiny random Llama, no download.
"""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from answer_loss import IGNORE_INDEX, answer_loss, positions_to_keep  # noqa: E402
from data import pad_batch  # noqa: E402


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    config = transformers.LlamaConfig(vocab_size=300, hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
                                      num_key_value_heads=2, max_position_embeddings=128)
    return transformers.LlamaForCausalLM(config).eval()


ROWS = [
    {"input_ids": [5, 6, 7, 8, 9, 10, 11], "completion_mask": [0, 0, 0, 0, 1, 1, 1]},
    {"input_ids": [12, 13, 14, 15], "completion_mask": [0, 0, 1, 1]},
]


def tensors(batch):
    return {k: torch.tensor(v) for k, v in batch.items()}


def test_keeps_the_positions_from_before_the_first_answer_token():
    labels = torch.tensor([[IGNORE_INDEX, IGNORE_INDEX, 3, 4], [IGNORE_INDEX, IGNORE_INDEX, IGNORE_INDEX, 5]])
    assert positions_to_keep(labels) == 3  # position 1 predicts the first answer token (2)
    assert positions_to_keep(torch.tensor([[1, 2, 3]])) == 3
    assert positions_to_keep(torch.full((1, 4), IGNORE_INDEX)) == 1


def test_equals_the_loss_over_full_logits_of_each_unpadded_example(model):
    batch = tensors(pad_batch(ROWS, pad_id=0, side="left"))
    with torch.no_grad():
        loss, outputs = answer_loss(model, dict(batch))
        assert outputs.logits.shape[1] == positions_to_keep(batch["labels"]) < batch["input_ids"].shape[1]
        total, count = 0.0, 0
        for row in ROWS:  # reference: each example alone, no padding, all logits
            ids = torch.tensor([row["input_ids"]])
            labels = torch.tensor([[t if m else IGNORE_INDEX for t, m in zip(row["input_ids"], row["completion_mask"])]])
            logits = model(input_ids=ids).logits[0, :-1]
            total += torch.nn.functional.cross_entropy(logits, labels[0, 1:], ignore_index=IGNORE_INDEX, reduction="sum").item()
            count += int((labels[0, 1:] != IGNORE_INDEX).sum())
    assert loss.item() == pytest.approx(total / count, rel=1e-4)


def test_divides_by_the_tokens_of_the_whole_step_when_given(model):
    batch = tensors(pad_batch(ROWS, pad_id=0, side="left"))
    with torch.no_grad():
        mean, _ = answer_loss(model, dict(batch))
        over_ten, _ = answer_loss(model, dict(batch), num_items_in_batch=torch.tensor(10))
    assert over_ten.item() == pytest.approx(mean.item() * 5 / 10, rel=1e-5)  # 5 answer tokens in this micro-batch


def test_qlora_refuses_cpu_with_the_reason():
    from train import load_model

    recipe = {"training": {"precision": "bf16"}, "hardware": {"placement": "single", "gpus": 1}, "method": "qlora", "quantization": {}, "base": {"model": "unused"}}
    with pytest.raises(RuntimeError, match="QLoRA needs a CUDA GPU"):
        load_model(recipe, torch, transformers, use_cpu=True)
