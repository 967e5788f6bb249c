#!/bin/sh
# Sets up (Debian packages, build) and runs DepView on the bundled real
# example: the -dumpdep output of a hello-world Go program, focused on
# fmt.Fprintln. Opens the window when there is a display; prints the chain
# in the terminal as well.
set -eu
cd "$(dirname "$0")"
scripts/install-deps.sh
if [ ! -f build/release/build.ninja ]; then
  meson setup build/release
fi
meson compile -C build/release

example=tests/data/hello-go1.19.deps.txt
build/release/cli/depview-cli why "$example" fmt.Fprintln
if [ -x build/release/app/depview ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/release/app/depview --select=fmt.Fprintln "$example"
fi
