#!/bin/sh
# Prints the Debian packages that hold the shared libraries a binary links, one a line, so the
# runtime image installs exactly what the mediasoup worker needs: nothing beyond libc for the
# official prebuilt, the Debian libraries it was linked against for a worker built from source.
set -eu
ldd "$1" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' | while read -r lib; do
  dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib"
done | cut -d: -f1 | sort -u
