"""Pure-Python tests of trainer/measure.py with a stand-in for torch (standard library only).

Run by test/train/finetune/trainer.test.ts.
"""
from __future__ import annotations

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from measure import GIB, StepClock, peak_memory_gib, synchronizer, throughput  # noqa: E402


class FakeCuda:
    """torch.cuda as measure.py uses it: peaks per device, and a log of the devices synchronised."""

    def __init__(self, allocated, reserved):
        self.allocated, self.reserved, self.synced = allocated, reserved, []

    def is_available(self):
        return bool(self.allocated)

    def device_count(self):
        return len(self.allocated)

    def max_memory_allocated(self, i):
        return self.allocated[i]

    def max_memory_reserved(self, i):
        return self.reserved[i]

    def synchronize(self, i):
        self.synced.append(i)


class FakeTorch:
    def __init__(self, allocated=(), reserved=()):
        self.cuda = FakeCuda(list(allocated), list(reserved))


class PeakMemoryTest(unittest.TestCase):
    def test_none_without_cuda(self):
        self.assertIsNone(peak_memory_gib(FakeTorch()))

    def test_gib_per_device(self):
        torch = FakeTorch(allocated=[30 * GIB, GIB // 2], reserved=[31.25 * GIB, GIB])
        self.assertEqual(peak_memory_gib(torch), {"allocated": [30.0, 0.5], "reserved": [31.25, 1.0]})


class StepClockTest(unittest.TestCase):
    def test_counts_only_inside_steps_and_syncs_every_device(self):
        torch = FakeTorch(allocated=[1, 1], reserved=[1, 1])
        ticks = iter([10.0, 12.5, 20.0, 21.0])  # step 1: 10 → 12.5; evaluation between; step 2: 20 → 21
        clock = StepClock(synchronizer(torch), clock=lambda: next(ticks))
        for _ in range(2):
            clock.begin()
            clock.end()
        self.assertEqual(clock.seconds, 3.5)
        self.assertEqual(torch.cuda.synced, [0, 1] * 4)

    def test_end_without_begin_adds_nothing(self):
        clock = StepClock(synchronizer(FakeTorch()), clock=lambda: 5.0)
        clock.end()
        self.assertEqual(clock.seconds, 0.0)


class ThroughputTest(unittest.TestCase):
    def test_tokens_per_second(self):
        self.assertEqual(throughput(12000, 4.0), {"trained_tokens": 12000, "train_seconds": 4.0, "tokens_per_second": 3000.0})

    def test_no_steps(self):
        self.assertIsNone(throughput(0, 0.0)["tokens_per_second"])


if __name__ == "__main__":
    unittest.main()
