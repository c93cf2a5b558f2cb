#!/bin/bash
# Device check of cwescope's trainer: the steps of test/train/finetune/gpu-smoke.test.ts, run through the real
# `cwescope finetune run` (a node binary and a bundle of the CLI travel in .gpu/, the device has no Node.js).
#
#   set -o pipefail; OUT=DIR bash .gpu/check.sh 2>&1 | tee DIR/log.txt      (from the repository root)
#
# What .gpu/ holds and how it was made: .gpu/prepare.sh. python-tee is the --python given to `finetune run`:
# python3, its stdout (the JSON events) copied out. Then gpu-smoke.test.ts itself runs under vitest.
# Results in $OUT: events-METHOD.jsonl, cwescope-adapter-METHOD.json, summary.txt. Exit 0 when every recipe
# passed the test's assertions and the vitest run passed. Without a working node, the trainer still runs with the
# command line launchTrainer.ts builds (python3 -u trainer/train.py --recipe RECIPE).
set -u -o pipefail
OUT=${OUT:-/tmp/cwescope-gpu-out}
SITE=${SITE:-/tmp/site}
WORK=${WORK:-/tmp/cwescope-gpu}
GPU=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$GPU")
cd "$ROOT" || exit 1
mkdir -p "$OUT" "$SITE"
rm -rf "$WORK" && mkdir -p "$WORK"
export PYTHONUNBUFFERED=1 PYTHONPATH=$SITE${PYTHONPATH:+:$PYTHONPATH}
step() { echo "== $* ($(date -u +%T))"; }

step machine
nvidia-smi || echo "nvidia-smi: not available"
uname -a

step wheels
# The wheels were picked for the device's CPython 3.12 (multiprocess: its py311 wheel renamed, see the report).
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --only-binary=:all: \
  --python-version 3.12 --target "$SITE" "$GPU"/whl/*.whl || exit 10

step versions
python3 - <<'PY'
import importlib.metadata as md
import sys

import torch

print("python", sys.version.split()[0], sys.executable)
for name in ("torch", "transformers", "peft", "trl", "accelerate", "datasets", "tokenizers", "safetensors", "pyarrow", "fsspec",
             "huggingface-hub", "dill", "multiprocess", "bitsandbytes"):
    try:
        print(name, md.version(name))
    except md.PackageNotFoundError:
        print(name, "absent")
print("cuda", torch.version.cuda, "available", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")
import datasets, trl  # noqa: E401,F401 - what the trainer imports besides the image's packages
PY
[ $? -eq 0 ] || echo "import check failed: the trainer will name the missing module"

step node
mkdir -p /tmp/node
python3 -c "import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], 'wb'))" "$GPU/node.xz" /tmp/node/node || exit 12
chmod +x /tmp/node/node
export PATH=/tmp/node:$PATH
if node --version; then have_node=1; else have_node=0; echo "node does not run here: the trainer runs without the CLI"; fi

step "gpu-smoke setup: tiny Llama, tokenizer, recipes"
python3 trainer/tests/smoke_gpu.py --export "$GPU/export" --work "$WORK" > "$WORK/setup.out" || exit 13
recipes=$(python3 -c "import json, sys; print(' '.join(json.loads(open(sys.argv[1]).read().strip().split(chr(10))[-1])['recipes']))" "$WORK/setup.out") || exit 13
echo "recipes: $recipes"

failed=0
for recipe in $recipes; do
  method=$(basename "$recipe" .json)
  method=${method#recipe-}
  step "cwescope finetune run $method"
  started=$(date +%s.%N)
  if [ $have_node = 1 ]; then
    CWESCOPE_EVENTS="$OUT/events-$method.jsonl" node "$GPU/cli.mjs" --verbose finetune run "$recipe" --python "$GPU/python-tee" > "$WORK/run-$method.out"
    code=$?
  else
    python3 -u trainer/train.py --recipe "$recipe" | tee "$OUT/events-$method.jsonl"
    code=$?
    echo "adapter → $WORK/adapter-$method" > "$WORK/run-$method.out"
  fi
  wall=$(python3 -c "import sys, time; print(round(time.time() - float(sys.argv[1]), 1))" "$started")
  cat "$WORK/run-$method.out"
  adapter=$(tail -1 "$WORK/run-$method.out" | sed 's/^adapter → //')
  [ -f "$adapter/cwescope-adapter.json" ] && cp "$adapter/cwescope-adapter.json" "$OUT/cwescope-adapter-$method.json"
  # The assertions of gpu-smoke.test.ts.
  python3 - "$method" "$code" "$adapter" "$wall" <<'PY' | tee -a "$OUT/summary.txt" || failed=1
import json
import math
import os
import sys

method, code, adapter, wall = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
problems = [] if code == 0 else [f"finetune run exit {code}"]
files = sorted(os.listdir(adapter)) if os.path.isdir(adapter) else []
problems += [f"missing {f}" for f in ("adapter_config.json", "adapter_model.safetensors", "cwescope-adapter.json") if f not in files]
m = json.load(open(os.path.join(adapter, "cwescope-adapter.json"))) if "cwescope-adapter.json" in files else {}
metrics = m.get("metrics", {})
finite = lambda v: isinstance(v, (int, float)) and math.isfinite(v)  # noqa: E731
if not (metrics.get("steps") or 0) >= 6:
    problems.append(f"steps {metrics.get('steps')} < 6")
problems += [f"{k} not finite: {metrics.get(k)}" for k in ("train_loss", "eval_loss") if not finite(metrics.get(k))]
if (m.get("val_answers") or {}).get("examples") != 4:
    problems.append("val_answers.examples != 4")
print(f"{method}: {'PASS' if not problems else 'FAIL ' + '; '.join(problems)} | steps {metrics.get('steps')} train_loss {metrics.get('train_loss')} "
      f"eval_loss {metrics.get('eval_loss')} | trainer {m.get('seconds')} s, finetune run {wall} s | versions {json.dumps(m.get('versions'))} | files {files}")
sys.exit(1 if problems else 0)
PY
done
[ -n "$recipes" ] || failed=1

if [ $have_node = 1 ]; then
  step "vitest test/train/finetune/gpu-smoke.test.ts"
  # node_modules does not travel (ignored): unpack the packages the test loads unless they are there already.
  [ -d node_modules/vitest ] || python3 -c "import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), sys.stdout.buffer)" \
    "$GPU/node_modules.tar.xz" | tar -x -C "$ROOT"
  CWESCOPE_PYTHON=python3 timeout 300 node node_modules/vitest/vitest.mjs run test/train/finetune/gpu-smoke.test.ts 2>&1 | tee "$WORK/vitest.out"
  code=$?
  # A test that found no GPU is skipped and exits 0: not a pass here.
  grep -q "Tests  1 passed" "$WORK/vitest.out" || { [ "$code" = 0 ] && code=skipped; }
  echo "vitest gpu-smoke.test.ts: exit $code, $(grep -E '^ +Tests ' "$WORK/vitest.out" | tr -s ' ')" | tee -a "$OUT/summary.txt"
  [ $code = 0 ] || failed=1
fi
step "end (failed=$failed)"
exit $failed
