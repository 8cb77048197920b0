#!/usr/bin/env bash
# Regenerates docs/images/edit-before-after.png, the edit workflow of docs/cli.md: generate one image, move its boxes
# in the `items` of its .latents.json (mirrored left to right), render the edited document with the same seed and
# index, and draw both on one contact sheet (left: as sampled, right: as edited). Run from anywhere: docs/edit-example.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/kaleido-edit-example}
rm -rf "$WORK"
mkdir -p "$WORK/edited" docs/images

dotnet build src/Kaleido.Cli -c Release -v quiet -nologo
kaleido() { dotnet run --no-build --project src/Kaleido.Cli -c Release -- "$@"; }

kaleido generate "a red circle and a blue square" --count 1 --seed 1 --out "$WORK/out" -q
# The edit a person makes in an editor: every box's x mirrored (x -> 1000 - x), in `items` only; `text` stays as
# written, so the reader takes the items as the edit (docs/latents.md) and writes the text again from them.
python3 - "$WORK/out/line-1-0000.latents.json" "$WORK/edited/line-1-0000-mirrored.latents.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for phrase in doc["items"]["bbox"]["phrases"]:
    x1, y1, x2, y2 = phrase["box"]
    phrase["box"] = [1000 - x2, y1, 1000 - x1, y2]
json.dump(doc, open(sys.argv[2], "w"), indent=2)
PY
# A folder render into the generate folder: the contact sheet then shows the sampled image and the edited one.
kaleido render "$WORK/edited" --out "$WORK/out" -q
cp "$WORK/out/contact-sheet.png" docs/images/edit-before-after.png
cat "$WORK/out/contact-sheet.txt"
echo "Wrote docs/images/edit-before-after.png."
