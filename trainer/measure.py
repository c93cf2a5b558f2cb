"""What a run measures to check its plan against: peak GPU memory, trained tokens and training speed.

Standard library only (torch is passed in), so tests/test_measure.py runs without torch.
"""
from __future__ import annotations

import time
from typing import Any, Callable, Dict, List, Optional

GIB = 2 ** 30


def peak_memory_gib(torch: Any) -> Optional[Dict[str, List[float]]]:
    """Peak memory per CUDA device since the process started: `allocated` (tensors, what the plan's parts add up to)
    and `reserved` (held by PyTorch's caching allocator, what the GPU must have). None without CUDA."""
    if not torch.cuda.is_available():
        return None
    devices = range(torch.cuda.device_count())
    return {
        "allocated": [round(torch.cuda.max_memory_allocated(i) / GIB, 3) for i in devices],
        "reserved": [round(torch.cuda.max_memory_reserved(i) / GIB, 3) for i in devices],
    }


def synchronizer(torch: Any) -> Callable[[], None]:
    """Waits for the work queued on every CUDA device (a model spread with device_map="auto" uses several); no-op without CUDA."""
    if not torch.cuda.is_available():
        return lambda: None

    def sync() -> None:
        for i in range(torch.cuda.device_count()):
            torch.cuda.synchronize(i)

    return sync


class StepClock:
    """Seconds spent inside optimiser steps (forward and backward of their micro-batches, the optimiser update), not in
    the evaluation and logging between them. Both ends wait for queued GPU work, so each step's kernels count in it."""

    def __init__(self, sync: Callable[[], None], clock: Callable[[], float] = time.perf_counter) -> None:
        self._sync, self._clock = sync, clock
        self._began: Optional[float] = None
        self.seconds = 0.0

    def begin(self) -> None:
        self._sync()
        self._began = self._clock()

    def end(self) -> None:
        if self._began is None:
            return
        self._sync()
        self.seconds += self._clock() - self._began
        self._began = None


def throughput(trained_tokens: int, seconds: float) -> Dict[str, Any]:
    """Non-padding tokens trained, seconds in steps and their ratio (None when no step ran)."""
    return {
        "trained_tokens": int(trained_tokens),
        "train_seconds": round(seconds, 2),
        "tokens_per_second": round(trained_tokens / seconds, 1) if seconds > 0 else None,
    }
