#!/bin/bash
# Device check of `finetune plan`'s estimates: a LoRA run of a random model with Llama-3.1-8B's exact shapes, shaped
# like the plan's recipe for 1 × 80 GiB (see build8b.py), through the real `cwescope finetune run`; then the plan for
# the longest example actually trained, and the comparison (compare8b.py).
#
#   set -o pipefail; OUT=DIR bash .gpu/check8b.sh 2>&1 | tee DIR/log.txt      (from the repository root)
#
# Env: TRAIN, VAL (examples, default 192 / 16), TINY=1 and MICRO_BATCH=N for a CPU dry run (with
# CWESCOPE_TRAINER_ALLOW_CPU=1), BUDGET_S (default 380: the finetune run is cut so the plan and comparison still run).
# Everything lands in $OUT as soon as it exists: build.json, events.jsonl (timestamped), cwescope-adapter.json,
# adapter-keys.txt, nvsmi.txt (GPU memory used, every 250 ms), plan.txt, plan.yaml, compare.txt.
set -u -o pipefail
OUT=${OUT:-/tmp/cwescope-8b-out}
SITE=${SITE:-/tmp/site}
WORK=${WORK:-/tmp/cwescope-8b}
BUDGET_S=${BUDGET_S:-380}
GPU=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$GPU")
cd "$ROOT" || exit 1
mkdir -p "$OUT" "$SITE"
rm -rf "$WORK" && mkdir -p "$WORK"
export PYTHONUNBUFFERED=1 PYTHONPATH=$SITE${PYTHONPATH:+:$PYTHONPATH}
step() { echo "== $* ($(date -u +%T), ${SECONDS} s)"; }

step machine
nvidia-smi --query-gpu=name,memory.total,memory.used --format=csv || echo "nvidia-smi: not available"
if python3 -c "import trl, datasets" 2>/dev/null; then
  echo "trl and datasets import: no wheels installed"
else
  step wheels
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --only-binary=:all: \
    --python-version 3.12 --target "$SITE" "$GPU"/whl/*.whl || exit 10
fi
if node --version >/dev/null 2>&1; then
  echo "node $(node --version) on PATH"
else
  step node
  mkdir -p /tmp/node
  python3 -c "import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], 'wb'))" "$GPU/node.xz" /tmp/node/node || exit 12
  chmod +x /tmp/node/node
  export PATH=/tmp/node:$PATH
fi

smi_pid=
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 250 > "$OUT/nvsmi.txt" &
  smi_pid=$!
fi

step "build: random Llama-3.1-8B shapes on the device in bf16, save_pretrained, tokenizer, recipe"
python3 "$GPU/build8b.py" --export "$GPU/export" --plan "$GPU/plan8b-recipe.json" --work "$WORK" --train "${TRAIN:-192}" --val "${VAL:-16}" \
  ${TINY:+--tiny} ${MICRO_BATCH:+--micro-batch "$MICRO_BATCH"} | tee "$OUT/build.json" || exit 13
cp "$WORK/recipe.json" "$OUT/recipe.json"

left=$((BUDGET_S - SECONDS - 30))
step "cwescope finetune run (cut after ${left} s)"
CWESCOPE_EVENTS="$OUT/events.jsonl" timeout "$left" node "$GPU/cli.mjs" --verbose finetune run "$WORK/recipe.json" --python "$GPU/python-tee-ts"
echo "finetune run: exit $?"
[ -n "$smi_pid" ] && kill "$smi_pid"
[ -f "$WORK/adapter/cwescope-adapter.json" ] && cp "$WORK/adapter/cwescope-adapter.json" "$OUT/"
# A resized embedding would be saved with the adapter (PEFT saves embed_tokens / lm_head when the vocabulary changed).
[ -f "$WORK/adapter/adapter_model.safetensors" ] && python3 -c "
import sys
from safetensors import safe_open
keys = sorted(safe_open(sys.argv[1], 'pt').keys())
print(len(keys), 'tensors; embedding or head saved:', [k for k in keys if 'embed' in k or 'lm_head' in k])" \
  "$WORK/adapter/adapter_model.safetensors" | tee "$OUT/adapter-keys.txt"

step "finetune plan for the longest example trained"
longest=$(python3 -c "
import json, sys
for line in open(sys.argv[1]):
    text = line.split(' ', 1)[1]
    e = json.loads(text) if text.startswith('{\"') else {}
    if e.get('event') == 'data' and e.get('split') == 'train':
        print(e['max_tokens'])" "$OUT/events.jsonl")
[ -n "$longest" ] || longest=$(python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['train_longest'])" "$OUT/build.json")
# --export only because --out needs it (its heuristic token counts give the plan's hours, unused here).
node "$GPU/cli.mjs" finetune plan --base llama-3.1-8b --gpus 1 --gpu-memory-gib 80 --gpu-tflops 989 --max-seq-len "$longest" \
  --export "$GPU/export" --out "$OUT/plan.yaml" | tee "$OUT/plan.txt"

step compare
python3 "$GPU/compare8b.py" "$OUT" | tee "$OUT/compare.txt"
step end
