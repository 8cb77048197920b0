#!/usr/bin/env bash
# Makes the linux-x64 release (docs/build.md, "Release tarball"):
#
#   tools/release.sh [OUT]        (default OUT: dist)
#
# 1. Publishes the Native AOT CLI (`dotnet publish src/Kaleido.Cli -c Release -p:KaleidoAot=true`) into
#    OUT/kaleido-VERSION-linux-x64/: the executable and the stripped ONNX Runtime and GenAI libraries.
# 2. Adds the shipped model beside it (models/kaleido-shapes: the binary's default when --model and
#    KALEIDO_MODEL are absent) and licences/ with the notices of what the binary and the libraries contain.
# 3. Packs OUT/kaleido-VERSION-linux-x64.tar.xz and prints the sizes, in bytes and MB (10^6 bytes):
#    the folder without the model (the 50 MB budget of issue 19), the model, the whole folder, the tarball.
#
# VERSION is `git describe --always --dirty` (or "dev" outside a clone). An existing release folder of the
# same version is replaced only after the new one is complete. Exit: 0 done, 1 a step failed.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-dist}
version=$(git describe --always --dirty 2>/dev/null || echo dev)
name=kaleido-$version-linux-x64
mkdir -p "$out"
out=$(cd "$out" && pwd)
staging=$(mktemp -d "$out/.$name.XXXXXX")
trap 'rm -rf "$staging"' EXIT
folder=$staging/$name

# 1. The executable and its native libraries.
dotnet publish src/Kaleido.Cli -c Release -p:KaleidoAot=true -o "$folder" -nologo -v quiet >&2
binary_bytes=$(du -cb "$folder"/* | tail -1 | cut -f1)

# 2. The model and the licence notices.
mkdir -p "$folder/models" "$folder/licences"
cp -r models/kaleido-shapes "$folder/models/"
model_bytes=$(du -sb "$folder/models" | cut -f1)
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
version_of() { # the version Directory.Packages.props pins (the cpu flavour's pin comes first)
  sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" Directory.Packages.props | head -1
}
ort=$packages/microsoft.ml.onnxruntime/$(version_of Microsoft.ML.OnnxRuntime)
genai=$packages/microsoft.ml.onnxruntimegenai/$(version_of Microsoft.ML.OnnxRuntimeGenAI)
tokenizers=$packages/microsoft.ml.tokenizers/$(version_of Microsoft.ML.Tokenizers)
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
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
cat > "$folder/licences/README.txt" <<EOF
kaleido $version (linux-x64, Native AOT) contains or loads:
- ONNX Runtime $(basename "$ort") (libonnxruntime.so): MIT, Microsoft; its third-party notices.
- ONNX Runtime GenAI $(basename "$genai") (libonnxruntime-genai.so): MIT, Microsoft; its third-party notices.
- Microsoft.ML.Tokenizers $(basename "$tokenizers"): MIT, .NET Foundation; its third-party notices.
- The .NET runtime and libraries, and System.CommandLine: MIT, .NET Foundation; their third-party notices.
- SixLabors.ImageSharp 2.1.13: Apache License 2.0, Copyright (c) Six Labors.
The MIT licences ask that their copyright and permission notices travel with every copy: keep this folder.
EOF

# 3. Replace the previous release of this version, then pack.
rm -rf "${out:?}/$name" "$out/$name.tar.xz"
mv "$folder" "$out/$name"
tar -C "$out" -cf - "$name" | xz -T0 -6 > "$staging/$name.tar.xz"
mv "$staging/$name.tar.xz" "$out/$name.tar.xz"
total_bytes=$(du -sb "$out/$name" | cut -f1)
tar_bytes=$(stat -c %s "$out/$name.tar.xz")
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1e6 }'; }
echo "release: $out/$name"
echo "binary and libraries: $binary_bytes bytes ($(mb "$binary_bytes"))"
echo "model: $model_bytes bytes ($(mb "$model_bytes"))"
echo "folder: $total_bytes bytes ($(mb "$total_bytes"))"
echo "tar.xz: $tar_bytes bytes ($(mb "$tar_bytes"))"
