"""Read a cwescope recipe (YAML or JSON) and resolve its paths against the recipe's folder.

`cwescope finetune run` validates recipes with its zod schema before starting the trainer; this module checks
the fields the trainer relies on, so a hand-edited recipe run directly still fails with a clear message.
"""
from __future__ import annotations

import json
import os
from typing import Any, Dict


class RecipeError(ValueError):
    pass


REQUIRED = {
    "base": ("id", "model"),
    "lora": ("r", "alpha", "dropout", "target_modules"),
    "training": ("epochs", "learning_rate", "micro_batch_size", "gradient_accumulation_steps", "max_seq_len", "seed"),
    "data": ("format", "train"),
    "hardware": ("gpus", "placement"),
    "output": ("dir",),
}


def load_recipe(path: str) -> Dict[str, Any]:
    """Parsed recipe with `data.train`, `data.val`, `data.manifest` and `output.dir` made absolute."""
    try:
        with open(path, "r", encoding="utf-8") as handle:
            text = handle.read()
    except OSError as err:
        raise RecipeError(f"{path}: cannot read recipe ({err.strerror})") from None
    if text.lstrip().startswith("{"):
        recipe = json.loads(text)
    else:
        import yaml  # PyYAML ships with transformers; imported here so JSON recipes need nothing

        recipe = yaml.safe_load(text)
    if not isinstance(recipe, dict) or recipe.get("kind") != "cwescope-finetune-recipe":
        raise RecipeError(f"{path}: not a cwescope fine-tuning recipe (kind: cwescope-finetune-recipe)")
    for section, keys in REQUIRED.items():
        if not isinstance(recipe.get(section), dict):
            raise RecipeError(f"{path}: missing section {section}")
        for key in keys:
            if key not in recipe[section]:
                raise RecipeError(f"{path}: missing {section}.{key}")
    if recipe.get("method") not in ("lora", "qlora"):
        raise RecipeError(f"{path}: method must be lora or qlora")
    if recipe["method"] == "qlora" and not isinstance(recipe.get("quantization"), dict):
        raise RecipeError(f"{path}: qlora needs a quantization section")
    base = os.path.dirname(os.path.abspath(path))
    for section, key in (("data", "train"), ("data", "val"), ("data", "manifest"), ("output", "dir")):
        value = recipe[section].get(key)
        if value:
            recipe[section][key] = os.path.normpath(os.path.join(base, value))
    recipe["_file"] = os.path.abspath(path)
    return recipe
