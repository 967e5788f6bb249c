#!/bin/sh
# Runs a GTK test on a private X server, with the renderer and backend the
# tests are written for. Exit 77 (skipped) when there is no xvfb-run.
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "xvfb-run not found: skipping $1" >&2
  exit 77
fi
export GDK_BACKEND=x11
export GSK_RENDERER=cairo
export GTK_A11Y=none
export NO_AT_BRIDGE=1
exec xvfb-run -a -s "-screen 0 1400x900x24" "$@"
