"""Progress as JSON lines on stdout: what `cwescope finetune run` reads and shows."""
from __future__ import annotations

import json
import math
import os
import sys
from typing import Any


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def emit(event: str, **fields: Any) -> None:
    """Print one event line and flush, so the launcher sees it at once. Under `accelerate launch` only the main
    process (RANK 0) reports, so the launcher reads one run, not one per process."""
    if os.environ.get("RANK", "0") != "0":
        return
    sys.stdout.write(json.dumps(_clean({"event": event, **fields}), default=str) + "\n")
    sys.stdout.flush()
