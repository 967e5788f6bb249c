#!/bin/sh
# Runs a GTK test on a private X server, with the renderer and backend the
# tests are written for. Exit 77 (skipped) when there is no xvfb-run.
#
# Every GTK process of the tests (app-window, graph-view, app-timings,
# window-translation-de) starts here, so their GL setting lives here too.
# The tests draw with cairo and need no GL, yet GTK 4.8's X11 backend sets
# GL up when it opens the display: it tries EGL first, which dlopens Mesa's
# swrast_dri.so (libgl1-mesa-dri), gives up on it and dlcloses it, then
# loads it again for GLX. What the driver allocated and kept only in its own
# globals is lost when it is unloaded; LeakSanitizer reports it from an
# "<unknown module>", which no suppression by library name can match.
# gl-disable keeps GL out of the process: no libEGL, libGLX or driver is
# loaded. The app itself is untouched: users keep GL.
#
# --no-leak-check (test-app-window only): GLib's quark table starts as one
# 2048-entry block (gquark.c); a process that makes more quarks gets a
# bigger block and the first is never freed, on purpose, since lock-free
# readers may still hold it. test-app-window opens every view, dialog and
# menu in one process and passes 2048; with fast unwinding LeakSanitizer
# sees only "g_malloc" for that 16 kB block, which no suppression can tell
# from a leak of ours. AddressSanitizer and UBSan still check that test;
# every other app test (the views, the model, the graph view, the map)
# keeps the leak check.
if [ "$1" = "--no-leak-check" ]; then
  shift
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "xvfb-run not found: skipping $1" >&2
  exit 77
fi
export GDK_BACKEND=x11
export GSK_RENDERER=cairo
export GDK_DEBUG="${GDK_DEBUG:+$GDK_DEBUG,}gl-disable"
export GTK_A11Y=none
export NO_AT_BRIDGE=1
exec xvfb-run -a -s "-screen 0 1400x900x24" "$@"
