#!/bin/sh
# Sets up (Debian packages, build) and runs every test in two builds:
# a normal one and one with AddressSanitizer + UndefinedBehaviorSanitizer.
# GUI tests run under Xvfb. Warnings are errors.
set -eu
cd "$(dirname "$0")"
scripts/install-deps.sh

configure () {
  dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@"
  fi
}

configure build/release -Dwerror=true
configure build/sanitize -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false \
  -Dbuildtype=debug
meson compile -C build/release
meson compile -C build/sanitize

export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"

status=0
for dir in build/release build/sanitize; do
  echo "== tests in $dir"
  xvfb-run -a -s "-screen 0 1400x900x24" \
    dbus-run-session -- meson test -C "$dir" --print-errorlogs --num-processes 2 || status=1
done
scripts/fuzz.sh || status=1

# one closing line for both builds
python3 scripts/test-summary.py build/release build/sanitize
exit $status
