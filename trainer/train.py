"""cwescope trainer: LoRA / QLoRA supervised fine-tuning driven by a recipe from `cwescope finetune plan`.

    python3 trainer/train.py --recipe RECIPE.yaml

Loss falls on the answer only (the assistant turn and its end-of-turn token), examples longer than
max_seq_len are skipped rather than cut, the val split gives a loss per epoch and, after training, the share
of answers generated exactly as expected. The adapter is saved with a manifest (cwescope-adapter.json).
Progress goes to stdout as JSON lines. torch, transformers, peft and trl are imported inside `train()` only.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import traceback
from typing import Any, Dict, List, Optional

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from answer_loss import answer_loss_trainer  # noqa: E402
from data import DataError, load_examples, pad_batch, split_prompt, tokenize_example  # noqa: E402
from events import emit  # noqa: E402
from measure import StepClock, peak_memory_gib, synchronizer, throughput  # noqa: E402
from recipe import RecipeError, load_recipe  # noqa: E402

ADAPTER_MANIFEST = "cwescope-adapter.json"


def world_size() -> int:
    """Processes of this run: 1, or what `accelerate launch` (torchrun) started."""
    return int(os.environ.get("WORLD_SIZE", "1"))


def is_main_process() -> bool:
    return os.environ.get("RANK", "0") == "0"


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def tokenize_split(name: str, examples: List[Dict[str, Any]], tokenizer: Any, max_len: int) -> List[Dict[str, List[int]]]:
    rows, skipped, longest = [], 0, 0
    for example in examples:
        row = tokenize_example(example["messages"], tokenizer, max_len)
        if row is None:
            skipped += 1
            continue
        longest = max(longest, len(row["input_ids"]))
        rows.append(row)
    emit("data", split=name, examples=len(rows), skipped_too_long=skipped, max_tokens=longest)
    if not rows:
        raise DataError(name, 1, f"every example is longer than max_seq_len {max_len}; raise training.max_seq_len")
    return rows


def config_kwargs(recipe: Dict[str, Any], out_dir: str, steps_total: int, has_val: bool, use_cpu: bool) -> Dict[str, Any]:
    t = recipe["training"]
    bf16 = t.get("precision", "bf16") == "bf16"
    kwargs: Dict[str, Any] = {
        "output_dir": os.path.join(out_dir, "trainer-state"),
        "num_train_epochs": float(t["epochs"]),
        "per_device_train_batch_size": int(t["micro_batch_size"]),
        "per_device_eval_batch_size": int(t["micro_batch_size"]),
        "gradient_accumulation_steps": int(t["gradient_accumulation_steps"]),
        "learning_rate": float(t["learning_rate"]),
        "lr_scheduler_type": t.get("lr_scheduler", "cosine"),
        "warmup_steps": int(round(float(t.get("warmup_ratio", 0.03)) * steps_total)),
        "weight_decay": float(t.get("weight_decay", 0.0)),
        "max_grad_norm": float(t.get("max_grad_norm", 0.3)),
        "optim": t.get("optimizer", "adamw_torch") if not use_cpu else "adamw_torch",
        "logging_steps": int(t.get("logging_steps", 5)),
        "logging_first_step": True,
        "eval_strategy": "epoch" if has_val else "no",
        "save_strategy": "no",
        "bf16": bf16 and not use_cpu,
        "fp16": (not bf16) and not use_cpu,
        "gradient_checkpointing": bool(t.get("gradient_checkpointing", True)),
        "gradient_checkpointing_kwargs": {"use_reentrant": False},
        "report_to": "none",
        "seed": int(t["seed"]),
        "data_seed": int(t["seed"]),
        "remove_unused_columns": False,
        # Evaluation needs the loss only; the logits of the answer positions are not gathered across processes.
        "prediction_loss_only": True,
        # Several processes: divide by the answer tokens of the whole step, not of each rank's micro-batch, so a
        # launched run optimises the same loss as one process (answers differ in length between ranks).
        "average_tokens_across_devices": True,
        "dataloader_num_workers": 0,
        "disable_tqdm": True,
        # Counted from the attention mask: the trained tokens a plan's time estimate is about, padding left out.
        "include_num_input_tokens_seen": "non_padding",
        "use_cpu": use_cpu,
        # SFTConfig: the data comes tokenized with its loss mask, so TRL must not prepare it again.
        "max_length": int(t["max_seq_len"]),
        "dataset_kwargs": {"skip_prepare_dataset": True},
    }
    return kwargs


def supported_kwargs(config_cls: Any, kwargs: Dict[str, Any]) -> Dict[str, Any]:
    """Keep the arguments this TRL/transformers version knows; say which were dropped."""
    import dataclasses

    names = {f.name for f in dataclasses.fields(config_cls)}
    if "eval_strategy" in kwargs and "eval_strategy" not in names and "evaluation_strategy" in names:
        kwargs["evaluation_strategy"] = kwargs.pop("eval_strategy")
    dropped = sorted(k for k in kwargs if k not in names)
    if dropped:
        emit("warning", message=f"{config_cls.__name__} of this version has no {', '.join(dropped)}; ignored")
    return {k: v for k, v in kwargs.items() if k in names}


def load_model(recipe: Dict[str, Any], torch: Any, transformers: Any, use_cpu: bool) -> Any:
    t, hw = recipe["training"], recipe["hardware"]
    dtype = torch.float32 if use_cpu else (torch.bfloat16 if t.get("precision", "bf16") == "bf16" else torch.float16)
    kwargs: Dict[str, Any] = {"attn_implementation": "sdpa"}
    # transformers 4.56 renamed torch_dtype to dtype.
    kwargs["dtype" if _version(transformers.__version__) >= (4, 56) else "torch_dtype"] = dtype
    if recipe["method"] == "qlora":
        if use_cpu:
            raise RuntimeError("QLoRA needs a CUDA GPU (bitsandbytes 4-bit kernels)")
        q = recipe["quantization"]
        kwargs["quantization_config"] = transformers.BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_quant_type=q.get("quant_type", "nf4"),
            bnb_4bit_use_double_quant=bool(q.get("double_quant", True)),
            bnb_4bit_compute_dtype=getattr(torch, q.get("compute_dtype", "bfloat16")),
            bnb_4bit_quant_storage=getattr(torch, q.get("quant_storage", "bfloat16")),
        )
    if world_size() > 1:
        # Launched by accelerate: it places the model (FSDP shards it, DeepSpeed partitions it); with plain data
        # parallelism each process holds the whole model on its own device.
        if hw["placement"] == "ddp":
            kwargs["device_map"] = {"": "cpu" if use_cpu else int(os.environ.get("LOCAL_RANK", "0"))}
    elif use_cpu:
        kwargs["device_map"] = {"": "cpu"}
    elif hw["placement"] == "device_map_auto":
        # One process, whole blocks per GPU; leave the planner's 10 % headroom on each.
        budget = int(float(hw.get("gpu_memory_gib", 80)) * 0.9)
        kwargs["device_map"] = "auto"
        kwargs["max_memory"] = {i: f"{budget}GiB" for i in range(torch.cuda.device_count())}
    else:
        kwargs["device_map"] = {"": 0}
    emit("model", message=f"loading {recipe['base']['model']} ({recipe['method']}, {dtype})")
    model = transformers.AutoModelForCausalLM.from_pretrained(recipe["base"]["model"], **kwargs)
    model.config.use_cache = False
    return model


def _version(text: str) -> tuple:
    parts = []
    for piece in text.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def generate_answers(model: Any, tokenizer: Any, examples: List[Dict[str, Any]], max_new_tokens: int, torch: Any) -> Dict[str, Any]:
    """Greedy answers for val examples, compared with the expected answer text (whitespace-trimmed)."""
    model.eval()
    model.config.use_cache = True
    device = next(model.parameters()).device
    exact = 0
    samples = []
    for example in examples:
        prompt, expected = split_prompt(example["messages"])
        ids = tokenizer.apply_chat_template(prompt, add_generation_prompt=True, return_tensors="pt")
        if hasattr(ids, "keys"):
            ids = ids["input_ids"]
        ids = ids.to(device)
        with torch.no_grad():
            out = model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), max_new_tokens=max_new_tokens, do_sample=False,
                                 pad_token_id=tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id)
        answer = tokenizer.decode(out[0, ids.shape[1]:], skip_special_tokens=True).strip()
        exact += int(answer == expected.strip())
        if len(samples) < 5:
            samples.append({"id": example["id"], "expected": expected, "answer": answer})
    n = len(examples)
    return {"examples": n, "exact": exact, "accuracy": exact / n if n else None, "samples": samples}


def train(recipe: Dict[str, Any]) -> str:
    import torch
    import transformers
    import peft
    import trl
    import datasets

    use_cpu = os.environ.get("CWESCOPE_TRAINER_ALLOW_CPU") == "1" and not torch.cuda.is_available()
    if not torch.cuda.is_available() and not use_cpu:
        raise RuntimeError("no CUDA GPU is visible to PyTorch (torch.cuda.is_available() is False); the trainer needs one")
    started = time.time()
    t, data_cfg = recipe["training"], recipe["data"]
    transformers.set_seed(int(t["seed"]))
    tokenizer = transformers.AutoTokenizer.from_pretrained(recipe["base"]["model"])
    if not getattr(tokenizer, "chat_template", None):
        raise RuntimeError(f"the tokenizer of {recipe['base']['model']} has no chat template; use an Instruct model, whose template evaluation also uses")
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id

    train_examples = load_examples(data_cfg["train"], data_cfg["format"])
    val_examples = load_examples(data_cfg["val"], data_cfg["format"]) if data_cfg.get("val") else []
    max_len = int(t["max_seq_len"])
    train_rows = tokenize_split("train", train_examples, tokenizer, max_len)
    val_rows = tokenize_split("val", val_examples, tokenizer, max_len) if val_examples else []

    model = load_model(recipe, torch, transformers, use_cpu)
    if t.get("gradient_checkpointing", True):
        model.enable_input_require_grads()  # frozen embeddings: let checkpointed blocks see a grad-requiring input
    lora = recipe["lora"]
    model = peft.get_peft_model(model, peft.LoraConfig(r=int(lora["r"]), lora_alpha=float(lora["alpha"]), lora_dropout=float(lora["dropout"]),
                                                       target_modules=list(lora["target_modules"]), bias="none", task_type="CAUSAL_LM"))
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)

    def collate(batch: List[Dict[str, List[int]]]) -> Dict[str, Any]:
        return {k: torch.tensor(v, dtype=torch.long) for k, v in pad_batch(batch, pad_id, side="left").items()}

    per_step = int(t["micro_batch_size"]) * int(t["gradient_accumulation_steps"]) * world_size()
    steps_total = max(1, -(-len(train_rows) // per_step)) * max(1, int(round(float(t["epochs"]))))
    out_dir = recipe["output"]["dir"]
    os.makedirs(out_dir, exist_ok=True)
    config = trl.SFTConfig(**supported_kwargs(trl.SFTConfig, config_kwargs(recipe, out_dir, steps_total, bool(val_rows), use_cpu)))
    clock = StepClock(synchronizer(torch))

    class Progress(transformers.TrainerCallback):
        def on_train_begin(self, args, state, control, **kwargs):  # noqa: ANN001
            emit("train_begin", max_steps=state.max_steps, epochs=t["epochs"], trainable_params=trainable)

        def on_step_begin(self, args, state, control, **kwargs):  # noqa: ANN001
            clock.begin()

        def on_step_end(self, args, state, control, **kwargs):  # noqa: ANN001
            clock.end()

        def on_log(self, args, state, control, logs=None, **kwargs):  # noqa: ANN001
            logs = logs or {}
            if "eval_loss" in logs:
                emit("eval", step=state.global_step, epoch=state.epoch, eval_loss=logs["eval_loss"])
            elif "loss" in logs:
                emit("log", step=state.global_step, max_steps=state.max_steps, epoch=state.epoch, loss=logs["loss"],
                     learning_rate=logs.get("learning_rate"), grad_norm=logs.get("grad_norm"))
            elif "train_loss" in logs:
                emit("train_end", step=state.global_step, train_loss=logs["train_loss"], runtime_s=logs.get("train_runtime"))

    import inspect

    trainer_kwargs: Dict[str, Any] = {
        "model": model,
        "args": config,
        "train_dataset": datasets.Dataset.from_list(train_rows),
        "eval_dataset": datasets.Dataset.from_list(val_rows) if val_rows else None,
        "data_collator": collate,
        "callbacks": [Progress()],
    }
    # TRL renamed `tokenizer` to `processing_class` (0.12).
    params = inspect.signature(trl.SFTTrainer.__init__).parameters
    trainer_kwargs["processing_class" if "processing_class" in params else "tokenizer"] = tokenizer
    trainer = answer_loss_trainer(trl.SFTTrainer)(**trainer_kwargs)
    result = trainer.train()
    metrics: Dict[str, Any] = {"train_loss": getattr(result, "training_loss", None), "steps": trainer.state.global_step, "processes": world_size()}
    # Read before the final evaluation and generation: the peak of training, which the plan's memory estimate is about.
    metrics["peak_memory_gib"] = peak_memory_gib(torch)
    metrics.update(throughput(trainer.state.num_input_tokens_seen, clock.seconds))
    if val_rows:
        metrics["eval_loss"] = trainer.evaluate().get("eval_loss")
        emit("eval", step=trainer.state.global_step, epoch=trainer.state.epoch, eval_loss=metrics["eval_loss"])

    limit = int(recipe.get("eval", {}).get("generate_limit", 200))
    answers = None
    if val_examples and limit > 0 and world_size() > 1:
        emit("warning", message=f"val answers are not generated in a {world_size()}-process run (the model is split or replicated across processes); evaluate the adapter with `cwescope experiment`")
    elif val_examples and limit > 0:
        answers = generate_answers(trainer.model, tokenizer, val_examples[:limit], int(recipe.get("eval", {}).get("max_new_tokens", 64)), torch)
        emit("val_answers", examples=answers["examples"], exact=answers["exact"], accuracy=answers["accuracy"], samples=answers["samples"])

    # save_model gathers FSDP / DeepSpeed shards and writes from the main process only.
    trainer.save_model(out_dir)
    if not is_main_process():
        return out_dir
    tokenizer.save_pretrained(out_dir)
    write_manifest(recipe, out_dir, metrics, answers, trainable, time.time() - started, {"torch": torch, "transformers": transformers, "peft": peft, "trl": trl})
    emit("saved", adapter=out_dir)
    return out_dir


def write_manifest(recipe: Dict[str, Any], out_dir: str, metrics: Dict[str, Any], answers: Optional[Dict[str, Any]], trainable: int,
                   seconds: float, modules: Dict[str, Any]) -> None:
    data_cfg = recipe["data"]
    files = {k: {"path": data_cfg[k], "sha256": sha256_file(data_cfg[k])} for k in ("train", "val", "manifest") if data_cfg.get(k)}
    export = None
    if data_cfg.get("manifest") and os.path.exists(data_cfg["manifest"]):
        with open(data_cfg["manifest"], "r", encoding="utf-8") as handle:
            export = json.load(handle)
    manifest = {
        "kind": "cwescope-finetune-adapter",
        "version": 1,
        "base": recipe["base"],
        "method": recipe["method"],
        "quantization": recipe.get("quantization"),
        "lora": recipe["lora"],
        "training": recipe["training"],
        "prompt": (export or {}).get("prompt", {"id": data_cfg.get("prompt")}),
        "data": files,
        "recipe": {"path": recipe["_file"], "sha256": sha256_file(recipe["_file"])},
        "trainable_params": trainable,
        "metrics": metrics,
        "val_answers": answers,
        "seconds": round(seconds, 1),
        "versions": {"python": sys.version.split()[0], **{name: getattr(m, "__version__", "?") for name, m in modules.items()}},
    }
    with open(os.path.join(out_dir, ADAPTER_MANIFEST), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, default=str)
        handle.write("\n")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="cwescope LoRA/QLoRA trainer")
    parser.add_argument("--recipe", required=True, help="recipe YAML written by `cwescope finetune plan`")
    args = parser.parse_args(argv)
    started = time.time()
    emit("start", recipe=os.path.abspath(args.recipe), python=sys.version.split()[0])
    try:
        recipe = load_recipe(args.recipe)
        adapter = train(recipe)
    except ModuleNotFoundError as err:
        emit("error", kind="missing-module", module=err.name, message=f"No module named '{err.name}': pip install -r trainer/requirements.txt")
        return 3
    except (RecipeError, DataError) as err:
        emit("error", kind="recipe" if isinstance(err, RecipeError) else "data", message=str(err))
        return 2
    except Exception as err:  # noqa: BLE001 - reported to the launcher, traceback on stderr
        traceback.print_exc()
        emit("error", kind="runtime", message=f"{type(err).__name__}: {err}")
        return 1
    emit("done", adapter=adapter, seconds=round(time.time() - started, 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
