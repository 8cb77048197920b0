#!/usr/bin/env bash
# The GPU checks of the CUDA flavour, run on a machine with an NVIDIA GPU (docs/benchmarks.md, "CUDA").
#   tools/cuda-check.sh KALEIDO_DIR [MODEL_DIR]
# KALEIDO_DIR: `dotnet publish src/Kaleido.Cli -c Release -r linux-x64 -p:KaleidoFlavour=cuda -o KALEIDO_DIR`.
# CUDA 13 and cuDNN 9 must be on the library path (LD_LIBRARY_PATH for pip's nvidia-*-cu13 wheels).
# Checks: same seed → same bytes on the GPU (two processes; --count 4 vs --start-index; render of the written
# latents), how far the GPU's pixels are from the CPU's, then `kaleido bench` on cuda and cpu.
set -euo pipefail
kaleido="$1/kaleido"
model="${2:-models/kaleido-shapes}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prompt="a red circle and a blue square"
run() { "$kaleido" generate "$prompt" --model "$model" --seed 1 --steps 50 --sampler ddim -q "$@"; }

run --count 4 --device cuda -o "$work/cuda-1"
run --count 4 --device cuda -o "$work/cuda-2"
run --count 1 --start-index 2 --device cuda -o "$work/cuda-index-2"
run --count 4 --device cpu -o "$work/cpu"
"$kaleido" render "$work/cuda-1/line-1-0001.latents.json" --model "$model" --device cuda -q -o "$work/render"

same() { if cmp -s "$1" "$2"; then echo "same bytes"; else echo "DIFFERENT"; fi; }
for i in 0 1 2 3; do echo "image $i, cuda run 1 vs run 2: $(same "$work/cuda-1/line-1-000$i.png" "$work/cuda-2/line-1-000$i.png")"; done
echo "image 2 of --count 4 vs --start-index 2: $(same "$work/cuda-1/line-1-0002.png" "$work/cuda-index-2/line-1-0002.png")"
echo "render of image 1's latents vs generate: $(same "$work/cuda-1/line-1-0001.png" "$work/render/line-1-0001.render.png")"
if python3 -c "import numpy, PIL" 2>/dev/null; then
    python3 - "$work" <<'PY'
import sys, numpy as np
from PIL import Image
work = sys.argv[1]
for i in range(4):
    name = f"line-1-000{i}.png"
    gpu, cpu = (np.asarray(Image.open(f"{work}/{d}/{name}").convert("RGB")).astype(int) for d in ("cuda-1", "cpu"))
    d = np.abs(gpu - cpu)
    print(f"image {i}, cuda vs cpu: max |diff| {d.max()} of 255, pixels differing {int((d.max(-1) > 0).sum())} of {d.shape[0] * d.shape[1]}")
PY
fi
"$kaleido" bench --model "$model" --device cuda --repetitions "${REPETITIONS:-7}"
"$kaleido" bench --model "$model" --device cpu --repetitions "${REPETITIONS:-7}"
