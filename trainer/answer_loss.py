"""The loss on the answer only, with logits computed for the answer positions only.

Batches are left-padded (data.pad_batch(side="left")), so every row ends with its answer and its end-of-turn
token. The model is asked for the logits of the last K positions only (`logits_to_keep=K`, K = the longest
answer in the batch + 1 for the shift), instead of all positions × a 128k vocabulary: for Llama-3 with a
short answer after a 500-token prompt, that is 100× less output-layer work and memory. The call goes through
the model's own forward, so PEFT, DDP, FSDP and DeepSpeed wrappers see an ordinary forward.
"""
from __future__ import annotations

from typing import Any, Optional

IGNORE_INDEX = -100


def positions_to_keep(labels: Any) -> int:
    """K: from the position before the first labelled token of any row to the end of the batch."""
    import torch

    labelled = labels != IGNORE_INDEX
    if not bool(labelled.any()):
        return 1
    width = labels.shape[1]
    first = torch.where(labelled.any(dim=0))[0].min().item()
    return int(width - first + 1) if first > 0 else int(width)


def answer_loss(model: Any, inputs: dict, num_items_in_batch: Optional[Any] = None) -> tuple:
    """(summed or mean cross-entropy over labelled tokens, model outputs)."""
    import torch
    import torch.nn.functional as F

    labels = inputs["labels"]
    keep = positions_to_keep(labels)
    forward = {k: v for k, v in inputs.items() if k != "labels"}
    outputs = model(**forward, use_cache=False, logits_to_keep=keep)
    logits = outputs.logits[:, :-1, :].float()
    targets = labels[:, labels.shape[1] - keep + 1:]
    total = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1).to(logits.device), ignore_index=IGNORE_INDEX, reduction="sum")
    count = num_items_in_batch if num_items_in_batch is not None else (targets != IGNORE_INDEX).sum()
    return total / torch.as_tensor(count, device=total.device).clamp(min=1), outputs


def answer_loss_trainer(base: Any) -> Any:
    """A subclass of TRL's SFTTrainer (or any transformers Trainer) whose loss is `answer_loss`."""

    class AnswerLossTrainer(base):  # type: ignore[misc, valid-type]
        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):  # noqa: ANN001, ANN201
            loss, outputs = answer_loss(model, inputs, num_items_in_batch)
            # As transformers' Trainer: `num_items_in_batch` counts every rank's tokens and DDP averages gradients.
            if getattr(self.args, "average_tokens_across_devices", False) and num_items_in_batch is not None:
                loss = loss * self.accelerator.num_processes
            return (loss, outputs) if return_outputs else loss

    return AnswerLossTrainer
