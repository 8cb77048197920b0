#!/usr/bin/env bash
# Throughput of one GPU node for batch rendering (docs/batch.md, "Scale on paper"; docs/benchmarks.md):
#   1. images/s of `kaleido generate` with P processes sharing one GPU (P = 1, 2, 4, 8), each rendering its own shard,
#      and the node's CPU cores with one single-thread process per core;
#   2. images/s, peak RSS and peak GPU memory of one process against --batch-size B (1, 2, 4, 8, 16) on cuda, and at
#      B = 1 and 8 on the CPU, and whether every B writes the bytes B = 1 writes.
#   tools/cuda-throughput.sh KALEIDO_DIR [MODEL_DIR] [IMAGES]
# KALEIDO_DIR: a cuda-flavour build (tools/release.sh linux-x64-cuda); CUDA 13 and cuDNN 9 on the library path.
# IMAGES (default 64) of "a red circle and a blue square", DDIM 20 steps, guidance 7; python3 measures peak RSS.
set -euo pipefail
kaleido="$1/kaleido"
model="${2:-models/kaleido-shapes}"
images="${3:-64}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prompt="a red circle and a blue square"
generate=("$kaleido" generate "$prompt" --count "$images" --model "$model" --seed 1 --sampler ddim --steps 20 -q)

# Prints "LABEL: N images in S s = R images/s" (wall time, model loads included) for the images under $2.
report() {
  local label=$1 out=$2 start=$3 end=$4 made
  made=$(find "$out" -name 'line-*.png' | wc -l)
  awk -v l="$label" -v n="$made" -v a="$start" -v b="$end" \
    'BEGIN { s = b - a; printf "%s: %d images in %.2f s = %.2f images/s\n", l, n, s, n / s }'
}

# 1. P processes, one shard each.
shards() {
  local device=$1 processes=$2 start end
  rm -rf "$work/out"
  start=$(date +%s.%N)
  for ((i = 0; i < processes; i++)); do
    "${generate[@]}" --device "$device" --threads 1 --shard-index "$i" --shard-count "$processes" --out "$work/out" &
  done
  wait
  end=$(date +%s.%N)
  report "$device, $processes process(es)" "$work/out" "$start" "$end"
}

for p in 1 2 4 8; do shards cuda "$p"; done
shards cpu "$(nproc)"

# 2. One process, B images per denoiser call; peak RSS from the child's rusage, GPU memory polled by nvidia-smi.
batches() {
  local device=$1 b=$2 start end rss gpu=""
  local out="$work/$device-b$b"
  if [[ $device == cuda ]]; then
    (while sleep 0.2; do nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits; done) > "$work/gpu.log" 2>/dev/null &
    local poller=$!
  fi
  start=$(date +%s.%N)
  rss=$(python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)' "${generate[@]}" --device "$device" --batch-size "$b" --out "$out")
  end=$(date +%s.%N)
  if [[ $device == cuda ]]; then
    kill "$poller"; wait "$poller" 2>/dev/null || true
    gpu=", GPU memory used at most $(sort -n "$work/gpu.log" | tail -1) MiB"
  fi
  local same="same bytes as B = 1"
  for f in "$work/$device-b1"/*; do cmp -s "$f" "$out/$(basename "$f")" || { same="DIFFERENT bytes from B = 1 ($(basename "$f"))"; break; }; done
  echo "$(report "$device, one process, --batch-size $b" "$out" "$start" "$end"), peak RSS $rss MiB$gpu, $same"
}

for b in 1 2 4 8 16; do batches cuda "$b"; done
for b in 1 8; do batches cpu "$b"; done
