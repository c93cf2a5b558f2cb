"""Exported fine-tuning data -> chat messages -> token ids with a loss mask on the answer only.

Standard library only: this module is imported and tested without torch or transformers. It reads what
`cwescope finetune export` writes (chat or alpaca JSONL) and turns alpaca records back into the same
system / user / assistant messages, so both formats train on the template evaluation uses.
"""
from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List, Optional, Sequence

ROLES = ("system", "user", "assistant")
IGNORE_INDEX = -100  # label of tokens that carry no loss (prompt and padding)


class DataError(ValueError):
    """A problem in a data file, reported as `file:line: reason`."""

    def __init__(self, file: str, line: int, reason: str) -> None:
        super().__init__(f"{file}:{line}: {reason}")
        self.file = file
        self.line = line
        self.reason = reason


def record_format(record: Dict[str, Any]) -> Optional[str]:
    """`chat` for `{"messages": [...]}`, `alpaca` for instruction/input/output, else None."""
    if "messages" in record:
        return "chat"
    if "instruction" in record and "output" in record:
        return "alpaca"
    return None


def to_messages(record: Dict[str, Any]) -> List[Dict[str, str]]:
    """The chat messages of an exported record (alpaca: instruction = system, input = user, output = assistant)."""
    fmt = record_format(record)
    if fmt == "chat":
        messages = record["messages"]
    elif fmt == "alpaca":
        messages = []
        if record.get("instruction"):
            messages.append({"role": "system", "content": record["instruction"]})
        messages.append({"role": "user", "content": record.get("input", "")})
        messages.append({"role": "assistant", "content": record["output"]})
    else:
        raise ValueError("neither a chat record (messages) nor an alpaca record (instruction, input, output)")
    return [{"role": m["role"], "content": m["content"]} for m in messages]


def check_messages(messages: Any) -> Optional[str]:
    """Why these messages cannot train a single-turn answer, or None: [system], user, assistant, all non-empty strings."""
    if not isinstance(messages, list) or not messages:
        return "messages must be a non-empty list"
    for i, m in enumerate(messages):
        if not isinstance(m, dict) or m.get("role") not in ROLES or not isinstance(m.get("content"), str):
            return f"message {i} must be {{role: system|user|assistant, content: string}}"
    roles = [m["role"] for m in messages]
    if roles not in (["system", "user", "assistant"], ["user", "assistant"]):
        return f"roles must be system, user, assistant (got {', '.join(roles)})"
    if not messages[-1]["content"].strip():
        return "the assistant answer is empty"
    return None


def load_examples(path: str, expected_format: Optional[str] = None) -> List[Dict[str, Any]]:
    """Read an exported JSONL file into `{"id", "messages"}` dicts; the first bad line raises DataError."""
    examples: List[Dict[str, Any]] = []
    with open(path, "r", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise DataError(path, number, f"not JSON ({err.msg})") from None
            if not isinstance(record, dict):
                raise DataError(path, number, "a record must be a JSON object")
            fmt = record_format(record)
            if fmt is None:
                raise DataError(path, number, "neither a chat record (messages) nor an alpaca record (instruction, input, output)")
            if expected_format and fmt != expected_format:
                raise DataError(path, number, f"{fmt} record in a {expected_format} file (the recipe says data.format: {expected_format})")
            messages = to_messages(record)
            problem = check_messages(messages)
            if problem:
                raise DataError(path, number, problem)
            examples.append({"id": str(record.get("id", f"{path}:{number}")), "messages": messages})
    if not examples:
        raise DataError(path, 1, "no examples")
    return examples


def split_prompt(messages: Sequence[Dict[str, str]]) -> tuple:
    """(prompt messages, the assistant answer text)."""
    return list(messages[:-1]), messages[-1]["content"]


def _ids(result: Any) -> List[int]:
    """Token ids from `apply_chat_template(tokenize=True)`, whichever shape this transformers version returns."""
    if hasattr(result, "keys") and "input_ids" in result:
        result = result["input_ids"]
    if hasattr(result, "tolist"):
        result = result.tolist()
    if result and isinstance(result[0], list):
        result = result[0]
    return [int(t) for t in result]


def tokenize_example(messages: Sequence[Dict[str, str]], tokenizer: Any, max_len: int) -> Optional[Dict[str, List[int]]]:
    """Token ids of the whole conversation and a mask that is 1 on the answer (and its end-of-turn token) only.

    Returns None when the example is longer than `max_len`: cutting it would cut the answer. Raises ValueError
    when the chat template does not render the prompt as a prefix of the whole conversation.
    """
    prompt, _ = split_prompt(messages)
    prompt_ids = _ids(tokenizer.apply_chat_template(prompt, tokenize=True, add_generation_prompt=True))
    full_ids = _ids(tokenizer.apply_chat_template(list(messages), tokenize=True))
    if full_ids[: len(prompt_ids)] != prompt_ids or len(full_ids) <= len(prompt_ids):
        raise ValueError("the chat template does not render the prompt as a prefix of prompt + answer; loss masking would be wrong")
    if len(full_ids) > max_len:
        return None
    return {"input_ids": full_ids, "completion_mask": [0] * len(prompt_ids) + [1] * (len(full_ids) - len(prompt_ids))}


def pad_batch(examples: Iterable[Dict[str, List[int]]], pad_id: int, side: str = "right") -> Dict[str, List[List[int]]]:
    """Pad a batch; labels are the input ids on the answer and IGNORE_INDEX elsewhere (prompt, padding).

    `side="left"` puts every answer at the end of its row, so the trainer computes logits for the last positions
    only; position ids then count real tokens from 0 in every row, as at inference.
    """
    if side not in ("left", "right"):
        raise ValueError(f"side must be left or right, not {side}")
    batch = list(examples)
    width = max(len(e["input_ids"]) for e in batch)
    out: Dict[str, List[List[int]]] = {"input_ids": [], "attention_mask": [], "labels": [], "position_ids": []}
    for e in batch:
        ids, mask = e["input_ids"], e["completion_mask"]
        gap = width - len(ids)
        labels = [t if m else IGNORE_INDEX for t, m in zip(ids, mask)]
        positions = list(range(len(ids)))
        if side == "left":
            out["input_ids"].append([pad_id] * gap + ids)
            out["attention_mask"].append([0] * gap + [1] * len(ids))
            out["labels"].append([IGNORE_INDEX] * gap + labels)
            out["position_ids"].append([0] * gap + positions)
        else:
            out["input_ids"].append(ids + [pad_id] * gap)
            out["attention_mask"].append([1] * len(ids) + [0] * gap)
            out["labels"].append(labels + [IGNORE_INDEX] * gap)
            out["position_ids"].append(positions + [0] * gap)
    return out
