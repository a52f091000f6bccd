#!/bin/sh
# Renders gatehouse.svg to the PNG sizes desktops use (hicolor theme). Needs rsvg-convert (librsvg2-bin).
# The PNGs are committed, so building the package does not need it.
set -eu
cd "$(dirname "$0")"
for s in 16 32 48 64 128 256; do
    rsvg-convert -w "$s" -h "$s" gatehouse.svg -o "gatehouse-$s.png"
done
