#!/usr/bin/env bash
# Fuzzes the readers with SharpFuzz and afl-fuzz (docs/fuzzing.md).
#
#   tools/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Builds tools/Kaleido.Fuzz, instruments a copy of its output (Kaleido.Runtime.dll, kaleido.dll and
# SixLabors.ImageSharp.dll; the sharpfuzz tool comes from .config/dotnet-tools.json), then runs afl-fuzz on
# each target (default: all) for SECONDS_PER_TARGET (default 20), seeded with tests/fuzz-corpus/TARGET.
# Prints executions, exec/s, crashes and hangs per target from afl-fuzz's fuzzer_stats.
#
# Environment: FUZZ_WORK (work folder, default .work/fuzz), TMPDIR (the targets' scratch files, default /dev/shm),
# FUZZ_EXECS (also stop a target after this many executions), FUZZ_RESUME=1 (continue the previous findings of
# each target instead of starting anew).
#
# Exit: 0 when no target crashed; 1 when one did (its inputs are listed, copied to FUZZ_WORK/crashes/TARGET);
# 3 when the tools are missing or afl-fuzz could not run. Hangs (over 5 s on one input) are printed, not failed:
# on a loaded 2-core machine a pause is not evidence of a bug; replay them to decide.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
shift || true
targets=("$@")
work=${FUZZ_WORK:-.work/fuzz}
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz: SECONDS_PER_TARGET must be a positive integer, not '$seconds'" >&2; exit 3; }

command -v afl-fuzz >/dev/null || { echo "fuzz: afl-fuzz is missing; run bash build/prereqs.sh (Debian's afl++)" >&2; exit 3; }

# 1. Build, then instrument a fresh copy: an incremental build never meets an instrumented file.
dotnet tool restore >/dev/null || { echo "fuzz: dotnet tool restore failed (SharpFuzz.CommandLine)" >&2; exit 3; }
dotnet build tools/Kaleido.Fuzz -c Release -nologo -v q -clp:ErrorsOnly >/dev/null ||
  { echo "fuzz: building tools/Kaleido.Fuzz failed" >&2; exit 3; }
bin=tools/Kaleido.Fuzz/bin/Release/net10.0/linux-x64
app=$work/app
rm -rf "$app"
mkdir -p "$work/findings"
cp -r "$bin" "$app"
for dll in Kaleido.Runtime.dll kaleido.dll SixLabors.ImageSharp.dll; do
  dotnet sharpfuzz "$app/$dll" >/dev/null || { echo "fuzz: instrumenting $dll failed" >&2; exit 3; }
done
((${#targets[@]} > 0)) || mapfile -t targets < <(dotnet "$app/kaleido-fuzz.dll" --list)

# 2. afl-fuzz in a container: no CPU governor to read, no affinity to set, no terminal for the UI; the target
#    is `dotnet`, which holds no afl instrumentation of its own (SharpFuzz speaks the fork-server protocol).
export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 AFL_QUIET=1
export AFL_FORKSRV_INIT_TMOUT=${AFL_FORKSRV_INIT_TMOUT:-60000} # the runtime's start-up, on a busy machine
# A core_pattern that pipes to a program (systemd, apport) delays crash reports; fix it where we may,
# otherwise tell afl-fuzz that is fine (SharpFuzz reports .NET crashes itself).
if [[ "$(cat /proc/sys/kernel/core_pattern 2>/dev/null)" == \|* ]]; then
  echo core 2>/dev/null >/proc/sys/kernel/core_pattern || true
fi
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
# The file-reading targets write every input to a scratch file: on tmpfs that runs about 3x as many
# executions a second as on the disk (prompt-file: 5.5k in the campaign against 1.9k; docs/fuzzing.md).
if [[ -z "${TMPDIR:-}" && -d /dev/shm && -w /dev/shm ]]; then export TMPDIR=/dev/shm; fi

stat_of() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$2"; }
status=0
printf '%-18s %12s %9s %8s %6s %6s\n' target executions exec/s crashes hangs time_s
for t in "${targets[@]}"; do
  seeds=tests/fuzz-corpus/$t
  [[ -d "$seeds" ]] || { echo "fuzz: no seed corpus $seeds" >&2; status=3; continue; }
  out=$work/findings/$t
  input=("-i" "$seeds")
  if [[ "${FUZZ_RESUME:-0}" == 1 && -d "$out/default" ]]; then input=("-i" "-"); else rm -rf "$out"; fi
  dict=()
  [[ -f tools/Kaleido.Fuzz/Dictionaries/$t.dict ]] && dict=("-x" "tools/Kaleido.Fuzz/Dictionaries/$t.dict")
  limits=("-V" "$seconds")
  [[ -n "${FUZZ_EXECS:-}" ]] && limits+=("-E" "$FUZZ_EXECS")
  log=$work/$t.log
  if ! afl-fuzz "${input[@]}" -o "$out" "${dict[@]}" "${limits[@]}" -t 5000 -m none -- \
      dotnet "$app/kaleido-fuzz.dll" "$t" >"$log" 2>&1; then
    echo "fuzz: afl-fuzz failed on $t; the end of $log:" >&2
    tail -n 20 "$log" >&2
    status=3
    continue
  fi
  stats=$out/default/fuzzer_stats
  [[ -f "$stats" ]] || { echo "fuzz: afl-fuzz left no $stats" >&2; status=3; continue; }
  execs=$(stat_of execs_done "$stats")
  crashes=$(stat_of saved_crashes "$stats")
  hangs=$(stat_of saved_hangs "$stats")
  run_time=$(stat_of run_time "$stats")
  # execs_per_sec is afl's recent rate; the whole run's mean is what a campaign reports.
  rate=$(awk -v e="$execs" -v s="$run_time" 'BEGIN { printf "%.0f", (s > 0 ? e / s : 0) }')
  printf '%-18s %12s %9s %8s %6s %6s\n' "$t" "$execs" "$rate" "$crashes" "$hangs" "$run_time"
  if ((crashes > 0)); then
    mkdir -p "$work/crashes/$t"
    cp "$out"/default/crashes/id:* "$work/crashes/$t/"
    ls "$out"/default/crashes/id:* | head -n 5 | sed 's/^/  crash: /'
    echo "  ($crashes in $work/crashes/$t; replay one: dotnet $bin/kaleido-fuzz.dll $t < FILE)"
    ((status == 3)) || status=1
  fi
  if ((hangs > 0)); then
    ls "$out"/default/hangs/id:* | head -n 5 | sed 's/^/  hang: /'
    echo "  ($hangs in $out/default/hangs)"
  fi
done
exit "$status"
