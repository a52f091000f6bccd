#!/bin/sh
# Takes screenshots of the console running the demo under Xvfb (for the README).
#   packaging/screenshot.sh OUT_DIR
# Needs xvfb and imagemagick (import). The console is driven with xdotool when present.
set -eu
out=${1:-docs/screenshots}
mkdir -p "$out"
display=${SHOT_DISPLAY:-:97}
Xvfb $display -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$display ./gatehouse demo >/tmp/gatehouse-demo-shot.log 2>&1 &
app=$!
sleep "${SHOT_WAIT:-12}"
DISPLAY=$display import -window root "$out/leases.png"
if command -v xdotool >/dev/null 2>&1; then
    # The shortcut list (F1) over the Leases screen; Escape closes it.
    DISPLAY=$display xdotool mousemove 640 400 click 1 key F1 || true
    sleep 2
    DISPLAY=$display import -window root "$out/shortcuts.png"
    DISPLAY=$display xdotool key Escape || true
    sleep 1
    # Dark theme: the toggle sits at the bottom of the sidebar.
    DISPLAY=$display xdotool mousemove 25 704 click 1 || true
    sleep 2
    DISPLAY=$display import -window root "$out/leases-dark.png"
fi
kill $app 2>/dev/null || true
wait $app 2>/dev/null || true
