#!/usr/bin/env bash
# Makes the release folders and tarballs (docs/build.md, "Release builds"):
#
#   tools/release.sh [--out DIR] [PLATFORM ...]        (default DIR: dist; default PLATFORM: all five)
#
#   linux-x64        Native AOT, the CPU provider                     (the 50 MB budget of issue 19)
#   linux-arm64      Native AOT, cross-compiled with clang and Debian's arm64 sysroot (edge boards, Jetson's CPU side)
#   linux-x64-cuda   Native AOT, the cuda flavour (CPU and CUDA providers; CUDA 13 and cuDNN 9 are the user's)
#   win-x64          trimmed self-contained single file (Native AOT does not cross-compile to Windows from Linux)
#   osx-arm64        trimmed self-contained single file (nor to macOS); neither is run here
#
# Each platform gets DIR/kaleido-VERSION-PLATFORM/: the executable and its native libraries (stripped on Linux), the
# shipped model beside it (models/kaleido-shapes, the binary's default when --model and KALEIDO_MODEL are absent) and
# licences/ with the notices of what the binary and the libraries contain; then DIR/kaleido-VERSION-PLATFORM.tar.xz.
# It prints each file's size, the folder without the model, the model, and the tarball, in bytes and MB (10^6 bytes).
#
# VERSION is `git describe --always --dirty` (or "dev" outside a clone). An existing release folder of the same
# version and platform is replaced only after the new one is complete. Exit: 0 done, 1 a step failed, 2 bad usage.
set -euo pipefail
cd "$(dirname "$0")/.."

all_platforms=(linux-x64 linux-arm64 linux-x64-cuda win-x64 osx-arm64)
out=dist
platforms=()
while (($#)); do
  case $1 in
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) [[ " ${all_platforms[*]} " == *" $1 "* ]] ||
         { echo "release: platform '$1' is not known; expected one of: ${all_platforms[*]}" >&2; exit 2; }
       platforms+=("$1"); shift ;;
  esac
done
((${#platforms[@]})) || platforms=("${all_platforms[@]}")

version=$(git describe --always --dirty 2>/dev/null || echo dev)
mkdir -p "$out"
out=$(cd "$out" && pwd)
staging=$(mktemp -d "$out/.release.XXXXXX")
trap 'rm -rf "$staging"' EXIT

packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
pinned() { # the version Directory.Packages.props pins (the cpu flavour's pin comes first)
  sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" Directory.Packages.props | head -1
}
package() { echo "$packages/$(echo "$1" | tr '[:upper:]' '[:lower:]')/$(pinned "$1")"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1e6 }'; }

# The notices of what one platform's folder contains or loads ($1 the folder, $2 the platform, $3 its ORT package).
licences() {
  local folder=$1 platform=$2 ort_id=$3
  local ort genai tokenizers dotnet_root
  ort=$(package "$ort_id")
  genai=$(package Microsoft.ML.OnnxRuntimeGenAI)
  tokenizers=$(package Microsoft.ML.Tokenizers)
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  mkdir -p "$folder/licences"
  cp "$ort/LICENSE" "$folder/licences/onnxruntime-LICENSE.txt"
  cp "$ort/ThirdPartyNotices.txt" "$folder/licences/onnxruntime-ThirdPartyNotices.txt"
  cp "$genai/LICENSE" "$folder/licences/onnxruntime-genai-LICENSE.txt"
  cp "$genai/ThirdPartyNotices.txt" "$folder/licences/onnxruntime-genai-ThirdPartyNotices.txt"
  cp "$tokenizers/LICENSE" "$folder/licences/Microsoft.ML.Tokenizers-LICENSE.txt"
  cp "$tokenizers/THIRD-PARTY-NOTICES.TXT" "$folder/licences/Microsoft.ML.Tokenizers-ThirdPartyNotices.txt"
  # The executable carries the .NET runtime and System.CommandLine (both MIT, .NET Foundation).
  cp "$dotnet_root/LICENSE.txt" "$folder/licences/dotnet-LICENSE.txt"
  cp "$dotnet_root/ThirdPartyNotices.txt" "$folder/licences/dotnet-ThirdPartyNotices.txt"
  # SixLabors.ImageSharp 2.1.13 is Apache-2.0 (its nuspec's licence expression); the package holds no licence file.
  cp /usr/share/common-licenses/Apache-2.0 "$folder/licences/SixLabors.ImageSharp-LICENSE.txt"
  {
    echo "kaleido $version ($platform) contains or loads:"
    echo "- ONNX Runtime ($ort_id $(basename "$ort")): MIT, Microsoft; its third-party notices."
    echo "- ONNX Runtime GenAI $(basename "$genai"): MIT, Microsoft; its third-party notices."
    echo "- Microsoft.ML.Tokenizers $(basename "$tokenizers"): MIT, .NET Foundation; its third-party notices."
    echo "- The .NET runtime and libraries, and System.CommandLine: MIT, .NET Foundation; their third-party notices."
    echo "- SixLabors.ImageSharp 2.1.13: Apache License 2.0, Copyright (c) Six Labors."
    [[ $platform != *-cuda ]] ||
      echo "Not included: the CUDA 13 runtime, cuBLAS and cuDNN 9, which the CUDA provider loads from the system (NVIDIA's licences)."
    echo "The MIT licences ask that their copyright and permission notices travel with every copy: keep this folder."
  } > "$folder/licences/README.txt"
}

for platform in "${platforms[@]}"; do
  name=kaleido-$version-$platform
  folder=$staging/$name
  ort_id=Microsoft.ML.OnnxRuntime
  case $platform in
    linux-x64|linux-arm64) build=(-r "$platform" -p:KaleidoAot=true); kind="Native AOT" ;;
    linux-x64-cuda) build=(-r linux-x64 -p:KaleidoAot=true -p:KaleidoFlavour=cuda); kind="Native AOT, cuda flavour"
                    ort_id=Microsoft.ML.OnnxRuntime.Gpu.Linux ;;
    win-x64|osx-arm64) build=(-r "$platform" -p:KaleidoTrimmed=true); kind="trimmed single file, not run here" ;;
  esac

  # 1. The executable and its native libraries.
  dotnet publish src/Kaleido.Cli -c Release "${build[@]}" -o "$folder" -nologo -v quiet >&2
  echo "$platform: $kind"
  for file in "$folder"/*; do
    printf '  %-40s %12d bytes (%s)\n' "$(basename "$file")" "$(stat -c %s "$file")" "$(mb "$(stat -c %s "$file")")"
  done
  binary_bytes=$(du -cb "$folder"/* | tail -1 | cut -f1)

  # 2. The model and the licence notices.
  mkdir -p "$folder/models"
  cp -r models/kaleido-shapes "$folder/models/"
  model_bytes=$(du -sb "$folder/models" | cut -f1)
  licences "$folder" "$platform" "$ort_id"

  # 3. Replace the previous release of this version and platform, then pack.
  rm -rf "${out:?}/$name" "$out/$name.tar.xz"
  mv "$folder" "$out/$name"
  tar -C "$out" -cf - "$name" | xz -T0 -6 > "$staging/$name.tar.xz"
  mv "$staging/$name.tar.xz" "$out/$name.tar.xz"
  tar_bytes=$(stat -c %s "$out/$name.tar.xz")
  echo "$platform: release: $out/$name"
  echo "$platform: binary and libraries: $binary_bytes bytes ($(mb "$binary_bytes"))"
  echo "$platform: model: $model_bytes bytes ($(mb "$model_bytes"))"
  echo "$platform: tar.xz: $tar_bytes bytes ($(mb "$tar_bytes"))"
done
