#!/bin/sh
# Builds the libFuzzer target (tests/fuzz/fuzz-parser.c) with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer in build/fuzz, and runs it
# for 60 s on the seed corpus and on every input it ever failed on. Fails
# when it finds a crash, a leak, undefined behaviour, a broken answer, an
# input slower than 10 s or one that needs more than 2 GB.
#
#   scripts/fuzz.sh [BUILDDIR]      (default build/fuzz; DV_FUZZ_SECONDS=60)
#
# An input it fails on is written to BUILDDIR/artifacts/. Copy it into
# tests/fuzz/regressions/, named after the bug: every build replays that
# folder (meson test fuzz-corpus), so it stays fixed.
set -eu
cd "$(dirname "$0")/.."
builddir=${1:-build/fuzz}
seconds=${DV_FUZZ_SECONDS:-60}

if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz.sh: needs clang and its fuzzer runtime (apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
fi

if [ -f "$builddir/build.ninja" ]; then
  meson setup --reconfigure "$builddir" -Dfuzzing=true >/dev/null
else
  CC=clang meson setup "$builddir" -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dbuildtype=debugoptimized -Dapp=disabled
fi
meson compile -C "$builddir" fuzz-parser
fuzzer=$builddir/tests/fuzz/fuzz-parser
if [ ! -x "$fuzzer" ]; then
  echo "fuzz.sh: $fuzzer was not built: $builddir is not a clang build; remove it and run again" >&2
  exit 1
fi

mkdir -p "$builddir/corpus" "$builddir/artifacts"
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"

# new inputs go to the first folder; the seeds are only read
status=0
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
  -dict=tests/fuzz/dumpdep.dict -artifact_prefix="$builddir/artifacts/" -print_final_stats=1 \
  "$builddir/corpus" tests/fuzz/corpus tests/fuzz/regressions || status=$?

if [ "$status" -ne 0 ]; then
  echo "fuzz.sh: the fuzzer failed (exit $status). Inputs it kept:" >&2
  ls -l "$builddir/artifacts/" >&2
  echo "Copy each new one into tests/fuzz/regressions/ under a name that says what broke;" >&2
  echo "one that is already there means that bug is back." >&2
  exit 1
fi
echo "fuzz.sh: no failure in $seconds s"
