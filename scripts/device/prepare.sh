#!/bin/bash
# Builds what .gpu/check.sh needs on the device (no Node.js there, no trl/datasets, no registry):
#   cli.mjs         esbuild bundle of src/cli (entry.mjs); the native/WASM-grammar packages `finetune` never loads stay external
#   node.xz         this machine's node (Node 20, glibc-linked x86-64), xz-compressed
#   node_modules.tar.xz  vitest and the packages gpu-smoke.test.ts loads (closure of their dependencies), types and maps left out
#   export/         `cwescope finetune export` of data/python train + val (chat), what the smoke test exports itself
#   whl/            trl 1.13.0, datasets 5.0.1, dill 0.4.1, multiprocess 0.70.19, fsspec 2026.6.0 for CPython 3.12
# Run from anywhere: bash .gpu/prepare.sh
set -euo pipefail
GPU=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$GPU")
cd "$ROOT"
EXTERNAL=(better-sqlite3 node-llama-cpp tree-sitter-python tree-sitter-javascript tree-sitter-typescript)

node_modules/.bin/esbuild .gpu/entry.mjs --bundle --platform=node --format=esm --target=node20 --outfile=.gpu/cli.mjs --log-level=warning \
  --metafile=/tmp/cwescope-gpu-meta.json "${EXTERNAL[@]/#/--external:}" \
  "--banner:js=import { createRequire as __cwescopeRequire } from 'node:module'; const require = __cwescopeRequire(import.meta.url);"

xz -9e -T2 -c "$(command -v node)" > .gpu/node.xz

# Packages the bundle holds, plus vitest, with everything they depend on (top-level node_modules entries).
bundled=$(node -e '
  const m = require("/tmp/cwescope-gpu-meta.json"), s = new Set();
  for (const f of Object.keys(m.inputs)) { const x = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f); if (x) s.add(x[1]); }
  console.log([...s].join(" "));')
packages=$(node --input-type=module -e '
  import { readFileSync, existsSync } from "node:fs";
  const seen = new Set(), queue = process.argv.slice(1);
  while (queue.length) {
    const name = queue.pop(), file = `node_modules/${name}/package.json`;
    if (seen.has(name) || !existsSync(file)) continue;
    seen.add(name);
    const pkg = JSON.parse(readFileSync(file, "utf8"));
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies"]) queue.push(...Object.keys(pkg[field] ?? {}));
  }
  console.log([...seen].sort().join(" "));' vitest $bundled)
# shellcheck disable=SC2086 # one word per package
tar -cf - --exclude='*.ts' --exclude='*.d.mts' --exclude='*.d.cts' --exclude='*.map' --exclude='*.md' $(printf 'node_modules/%s ' $packages) \
  | xz -6 -T2 > .gpu/node_modules.tar.xz

rm -rf .gpu/export
node .gpu/cli.mjs finetune export --data data/python/train.jsonl --val data/python/val.jsonl --format chat --out .gpu/export

rm -rf .gpu/whl /tmp/cwescope-gpu-mp
python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp -d .gpu/whl \
  trl==1.13.0 datasets==5.0.1 dill==0.4.1 fsspec==2026.6.0
# The local mirror has no py312 wheel of multiprocess: its py311 wheel, renamed, imports and runs a Pool on CPython 3.12.1.
python3 -m pip download -q --no-deps --only-binary=:all: -d /tmp/cwescope-gpu-mp multiprocess==0.70.19
mv /tmp/cwescope-gpu-mp/multiprocess-0.70.19-py311-none-any.whl .gpu/whl/multiprocess-0.70.19-py312-none-any.whl
du -sh .gpu .gpu/*
