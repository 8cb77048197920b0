#!/usr/bin/env bash
# Throughput of one GPU node for batch rendering (docs/batch.md, "Scale on paper"): images/s of `kaleido generate`
# with P processes sharing one GPU (P = 1, 2, 4, 8), each rendering its own shard, and, for comparison, the node's
# CPU cores with one single-thread process per core.
#   tools/cuda-throughput.sh KALEIDO_DIR [MODEL_DIR] [IMAGES]
# KALEIDO_DIR: a cuda-flavour build (tools/release.sh linux-x64-cuda); CUDA 13 and cuDNN 9 on the library path.
# IMAGES (default 64) are split over the processes with --shard-index/--shard-count; DDIM 20 steps, guidance 7.
set -euo pipefail
kaleido="$1/kaleido"
model="${2:-models/kaleido-shapes}"
images="${3:-64}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$images"); do echo "a red circle and a blue square"; done > "$work/prompts.txt"

# One run of P processes; prints "device P: N images in S s = R images/s" (wall time, model loads included).
run() {
  local device=$1 processes=$2 threads=$3 start end
  rm -rf "$work/out"
  start=$(date +%s.%N)
  for ((i = 0; i < processes; i++)); do
    "$kaleido" generate --prompts "$work/prompts.txt" --model "$model" --seed 1 --sampler ddim --steps 20 \
      --device "$device" --threads "$threads" --shard-index "$i" --shard-count "$processes" --out "$work/out" -q &
  done
  wait
  end=$(date +%s.%N)
  local made
  made=$(find "$work/out" -name 'line-*.png' | wc -l)
  awk -v d="$device" -v p="$processes" -v n="$made" -v a="$start" -v b="$end" \
    'BEGIN { s = b - a; printf "%s, %d process(es): %d images in %.2f s = %.2f images/s\n", d, p, n, s, n / s }'
}

for p in 1 2 4 8; do run cuda "$p" 1; done
cores=$(nproc)
run cpu "$cores" 1
