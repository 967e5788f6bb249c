#!/bin/sh
# Installs the Debian 12 packages DepView needs to build, test and run,
# when any is missing. Needs root (or sudo) for apt-get.
set -eu

packages="gcc pkg-config meson ninja-build python3
libglib2.0-dev libgtk-4-dev libadwaita-1-dev libgraphviz-dev graphviz zlib1g-dev libelf-dev
xvfb xauth dbus fonts-cantarell fonts-dejavu-core imagemagick
libxml2-utils desktop-file-utils appstream gettext
chromium clang libclang-rt-14-dev valgrind python3-markdown xdotool"

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

echo "Installing:$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
