#!/bin/sh
# Builds the libFuzzer targets (tests/fuzz/fuzz-parse.c, fuzz-lookup.c,
# fuzz-parser.c) with clang, AddressSanitizer and UndefinedBehaviorSanitizer
# in build/fuzz, and runs them for 60 s in all (30 s, 15 s, 15 s) on the
# seed corpus and on every input they ever failed on, printing each one's
# rate ("fuzz-parse: N inputs in S s, R a second"). Fails
# when it finds a crash, a leak, undefined behaviour, a broken answer, an
# input slower than 10 s or one that needs more than 2 GB.
#
#   scripts/fuzz.sh [BUILDDIR]      (default build/fuzz; DV_FUZZ_SECONDS=60)
#
# An input it fails on is written to BUILDDIR/artifacts/TARGET-*. Copy it into
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
targets="fuzz-parse fuzz-lookup fuzz-parser"
meson compile -C "$builddir" $targets
for target in $targets; do
  if [ ! -x "$builddir/tests/fuzz/$target" ]; then
    echo "fuzz.sh: $builddir/tests/fuzz/$target was not built: $builddir is not a clang build; remove it and run again" >&2
    exit 1
  fi
done

mkdir -p "$builddir/artifacts"
# A 16 MB quarantine instead of 256: freed memory is still poisoned for the
# whole of an input, but is reused by the next ones instead of being fresh
# pages each time (that doubled fuzz-parse's rate).
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:quarantine_size_mb=16"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"

# The time, split: half to the parser alone (hundreds of inputs a second),
# a quarter to the lookups, the rest to the whole load (tens a second).
parse_seconds=$((seconds / 2))
lookup_seconds=$((seconds / 4))
parser_seconds=$((seconds - parse_seconds - lookup_seconds))

status=0
for target in $targets; do
  case $target in
    fuzz-parse) t=$parse_seconds ;;
    fuzz-lookup) t=$lookup_seconds ;;
    *) t=$parser_seconds ;;
  esac
  [ "$t" -gt 0 ] || continue
  # new inputs go to the first folder, one a target (an input that is new
  # to the lookups is a query, not a dump); the seeds are only read
  mkdir -p "$builddir/corpus/$target"
  log=$builddir/$target.log
  start=$(date +%s)
  "$builddir/tests/fuzz/$target" -max_total_time="$t" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -dict=tests/fuzz/dumpdep.dict -artifact_prefix="$builddir/artifacts/$target-" -print_final_stats=1 \
    "$builddir/corpus/$target" tests/fuzz/corpus tests/fuzz/regressions >"$log" 2>&1 || status=$?
  elapsed=$(($(date +%s) - start))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  echo "$target: ${runs:-?} inputs in $elapsed s, ${rate:-?} a second"
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log" >&2
    echo "fuzz.sh: $target failed (exit $status); its log is $log. Inputs it kept:" >&2
    ls -l "$builddir/artifacts/" >&2
    echo "Copy each new one into tests/fuzz/regressions/ under a name that says what broke;" >&2
    echo "one that is already there means that bug is back." >&2
    exit 1
  fi
done
echo "fuzz.sh: no failure in $seconds s"
