"""Compare `finetune plan`'s estimates with what check8b.sh measured.   python3 .gpu/compare8b.py OUT

Memory: the plan for the longest example trained (micro-batch × that length is the largest padded batch, where the
peak falls) against the trainer's peak allocated / reserved memory, the weights measured after the build, and the
GPU's own count (nvidia-smi, CUDA context included). Time: the plan's tokens per second (989 TFLOP/s × its MFU, 6 FLOPs
per parameter and token) against the trained non-padding tokens per second in steps.
"""
from __future__ import annotations

import json
import os
import statistics
import sys

import yaml

GIB = 2 ** 30
PEAK_TFLOPS = 989  # H100 SXM bf16 dense, as the README's --gpu-tflops hint


def load(path, parse):
    return parse(path) if os.path.exists(path) else None


def main(out):
    build = load(os.path.join(out, "build.json"), lambda p: json.loads(open(p).read().strip().splitlines()[-1]))
    manifest = load(os.path.join(out, "cwescope-adapter.json"), lambda p: json.load(open(p)))
    plan = load(os.path.join(out, "plan.yaml"), lambda p: yaml.safe_load(open(p)))
    smi = load(os.path.join(out, "nvsmi.txt"), lambda p: [int(x) for x in open(p).read().split() if x.isdigit()])
    events = []
    for line in open(os.path.join(out, "events.jsonl")) if os.path.exists(os.path.join(out, "events.jsonl")) else []:
        stamp, _, text = line.partition(" ")
        if text.startswith('{"'):  # the trainer's JSON events; the Trainer's own printed log dicts are not JSON
            events.append((float(stamp), json.loads(text)))
    print("build:", json.dumps(build))
    metrics = (manifest or {}).get("metrics", {})
    print("trainer metrics:", json.dumps({k: v for k, v in metrics.items()}))
    if not plan:
        print("no plan.yaml: nothing to compare")
        return
    est = plan["estimate"]["memory_gib_per_gpu"]
    t = plan["training"]
    print(f"plan: micro-batch {t['micro_batch_size']} × max_seq_len {t['max_seq_len']}, r {plan['lora']['r']}, {plan['estimate']['assumptions']}")

    rows = []
    weights = build["weights_bytes"] / GIB if build else None
    adapters = manifest["trainable_params"] * 16 / GIB if manifest else None  # fp32 weight + gradient + AdamW m, v
    peak = metrics.get("peak_memory_gib") or {}
    allocated = (peak.get("allocated") or [None])[0]
    reserved = (peak.get("reserved") or [None])[0]
    rows.append(("weights", est["weights"], weights, "measured: memory_allocated after building the bf16 model"))
    rows.append(("adapters", est["adapters"], adapters, "trainable params × 16 B (computed, not measured alone)"))
    activations = allocated - weights - adapters if None not in (allocated, weights, adapters) else None
    rows.append(("activations", est["activations"], activations, "peak allocated − weights − adapters"))
    gpu_total = max(smi) / 1024 if smi else None  # MiB
    overhead = gpu_total - allocated if None not in (gpu_total, allocated) else None
    rows.append(("overhead", est["overhead"], overhead, "nvidia-smi peak − peak allocated (allocator slack + CUDA context)"))
    slack = reserved - allocated if None not in (reserved, allocated) else None
    rows.append(("  of it: allocator", None, slack, "peak reserved − peak allocated"))
    context = gpu_total - reserved if None not in (gpu_total, reserved) else None
    rows.append(("  of it: outside torch", None, context, "nvidia-smi peak − peak reserved (CUDA context, cuBLAS)"))
    rows.append(("total vs allocated", est["total"], allocated, "torch.cuda.max_memory_allocated"))
    rows.append(("total vs reserved", est["total"], reserved, "torch.cuda.max_memory_reserved"))
    rows.append(("total vs GPU", est["total"], gpu_total, "nvidia-smi memory.used, peak of 250 ms samples"))
    print(f"{'GiB':22}{'estimate':>10}{'measured':>10}{'meas/est':>10}  how measured")
    for name, e, m, how in rows:
        ratio = f"{m / e:10.2f}" if m is not None and e else f"{'-':>10}"
        print(f"{name:22}{(e if e is not None else float('nan')):10.2f}{(m if m is not None else float('nan')):10.2f}{ratio}  {how}")

    params = build["params"] if build else 8_030_261_248
    assumptions = plan["estimate"]["assumptions"]
    assumed_mfu = assumptions["mfu"]
    planned_tps = assumptions["gpu_tflops"] * 1e12 * assumed_mfu * assumptions["speed_factor"] / (6 * params)  # timeEstimate.ts
    tps = metrics.get("tokens_per_second")
    logs = [(stamp, e) for stamp, e in events if e.get("event") == "log"]
    step_s = [b[0] - a[0] for a, b in zip(logs, logs[1:])]
    if step_s:
        print(f"per-step seconds (log event to log event, steps 2..{len(logs)}): median {statistics.median(step_s):.2f}, "
              f"min {min(step_s):.2f}, max {max(step_s):.2f}; first step ended {logs[0][0] - next((s for s, e in events if e.get('event') == 'train_begin'), logs[0][0]):.2f} s after train_begin")
    if tps:
        mfu = 6 * params * tps / (PEAK_TFLOPS * 1e12)
        print(f"tokens/s: plan {planned_tps:.0f} (MFU {assumed_mfu}), measured {tps:.0f} over {metrics.get('trained_tokens')} tokens in "
              f"{metrics.get('train_seconds')} s of steps ({metrics.get('steps')} steps) → measured MFU {mfu:.3f}, time ratio measured/plan {planned_tps / tps:.2f}")
        tokens = metrics.get("trained_tokens") or 0
        print(f"seconds for these tokens: plan {6 * params * tokens / (PEAK_TFLOPS * 1e12 * assumed_mfu):.1f}, measured {metrics.get('train_seconds')}")


if __name__ == "__main__":
    main(sys.argv[1])
