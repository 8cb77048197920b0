#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (see docs/build.md, "Prerequisites").
# Idempotent: when all are installed it touches nothing and exits 0 at once.
set -euo pipefail

packages=(
  slurm-wlm munge                  # the Slurm array test
  chromium                         # the browser test of `kaleido serve`
  afl++                            # fuzzing
  clang lld                        # Native AOT
  binutils-aarch64-linux-gnu       # the arm64 build ...
  gcc-aarch64-linux-gnu
  libc6-dev-arm64-cross            # ... gcc's own Recommends; without it the cross gcc cannot link
  qemu-user-static                 # ... and its test under qemu, which loads the arm64 libraries
  libssl3:arm64 libstdc++6:arm64   # of Debian's arm64 architecture (SHA-256 in .NET; ONNX Runtime)
  fonts-dejavu-core fontconfig     # the text of the figures (ScottPlot, tools/Kaleido.Plots)
)

# One dpkg-query for all (no lock, no network); it exits 1 for names dpkg never saw, hence || true.
# binary:Package names a foreign architecture's package NAME:ARCH, as the list does (and some native ones
# NAME:NATIVE, which the list does not: that suffix is dropped).
native=$(dpkg --print-architecture)
installed=" $(dpkg-query -W -f='${binary:Package}:${Status}\n' "${packages[@]}" 2>/dev/null |
  sed -n "s/\(:$native\)\{0,1\}:install ok installed$//p" | tr '\n' ' ' || true) "
missing=()
for p in "${packages[@]}"; do
  [[ "$installed" == *" $p "* ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "prereqs: all ${#packages[@]} packages present (${packages[*]})"
  exit 0
fi

# Root in CI; sudo elsewhere. env carries DEBIAN_FRONTEND through sudo.
sudo=()
((EUID == 0)) || sudo=(sudo)
# Wait for another apt/dpkg run (unattended-upgrades, a parallel job) instead of failing.
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)

# The arm64 packages need dpkg to know that architecture (its lists come with the update below).
[[ " $(dpkg --print-foreign-architectures | tr '\n' ' ') " == *" arm64 "* ]] || "${sudo[@]}" dpkg --add-architecture arm64
# One update per run, only when something is missing (the lists may be empty or stale).
"${apt[@]}" -q update >/dev/null
# No recommends: chromium still runs headless without them; the one recommend we need is listed above.
"${apt[@]}" -q -y --no-install-recommends install "${missing[@]}" >/dev/null

echo "prereqs: installed ${missing[*]}"
