#!/bin/sh
# test-layout-svg.sh RENDER-LAYOUT DUMP: the SVG export of fmt.Fprintln's view
# is well-formed XML, and a browser draws something from it.
set -eu
render=$1
dump=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v xmllint >/dev/null 2>&1; then
  echo "xmllint not installed" >&2
  exit 77
fi

"$render" "$dump" fmt.Fprintln svg "$work/view.svg"
xmllint --noout "$work/view.svg"
grep -q 'fmt.Fprintln' "$work/view.svg"
# The chain's first step under the root, as the dump records it.
grep -q '_rt0_amd64_linux' "$work/view.svg"
# With the question as title and metadata hidden: fmt.Fprintln's two
# gclocals and one arginfo children (hello-go1.19.deps.txt) become one fold.
"$render" "$dump" fmt.Fprintln svg "$work/titled.svg" --title --hide-metadata
xmllint --noout "$work/titled.svg"
grep -q '>Why is fmt.Fprintln in hello&#45;go1.19.deps.txt?<' "$work/titled.svg"
grep -q '>+3 metadata<' "$work/titled.svg"
if grep -q '>gclocals' "$work/titled.svg"; then
  echo "metadata drawn although hidden" >&2
  exit 1
fi
echo "xmllint: ok"

chromium=/usr/bin/chromium
if [ ! -x "$chromium" ]; then
  echo "no $chromium: browser check skipped"
  exit 0
fi
if ! command -v convert >/dev/null 2>&1; then
  echo "no ImageMagick convert: browser check skipped"
  exit 0
fi
(cd "$work" && timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
   --no-first-run --disable-background-networking --disable-component-update --disable-sync \
   --user-data-dir="$work/profile" --screenshot="$work/out.png" --window-size=1200,900 \
   "file://$work/view.svg" >"$work/chromium.log" 2>&1) || { cat "$work/chromium.log" >&2; exit 1; }
test -s "$work/out.png"
deviation=$(convert "$work/out.png" -format '%[fx:standard_deviation]' info:)
echo "screenshot standard deviation: $deviation"
awk -v d="$deviation" 'BEGIN { exit !(d > 0.01) }'
