#!/usr/bin/env bash
# Smoke-test the frozen Linux bundle: start it offscreen with a throwaway data folder and home, have it
# screenshot the demo magazine, and check the picture is a real page. Takes a few minutes with the
# build; not part of CI.
#
#   bash packaging/linux/smoke_test.sh            # build with packaging/build.py, then test
#   bash packaging/linux/smoke_test.sh --no-build # test the existing dist/magazine-reader
#
# PYTHON names the interpreter that has PyInstaller and the app installed (default: python3).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
python=${PYTHON:-python3}
bundle="$root/dist/magazine-reader"
timeout_seconds=${SMOKE_TIMEOUT:-180}

if [[ "${1:-}" != "--no-build" ]]; then
    "$python" "$root/packaging/build.py"
fi
[[ -x "$bundle/reader" ]] || { echo "no bundle at $bundle: run without --no-build" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/data" "$scratch/home"
shot="$scratch/screenshot.png"

# Offscreen Qt, a fresh data folder (the demo magazine is imported into it) and a fresh home, so the
# test neither reads nor writes the developer's own bookmarks and settings.
echo "starting $bundle/reader screenshot"
status=0
env -i PATH=/usr/bin:/bin HOME="$scratch/home" LANG=C.UTF-8 \
    QT_QPA_PLATFORM=offscreen READER_DATA_DIR="$scratch/data" \
    timeout "$timeout_seconds" "$bundle/reader" screenshot -o "$shot" \
    >"$scratch/stdout.txt" 2>"$scratch/stderr.txt" || status=$?
if [[ $status -ne 0 ]]; then
    cat "$scratch/stdout.txt" "$scratch/stderr.txt" >&2
    [[ $status -eq 124 ]] && echo "the bundle did not quit within ${timeout_seconds}s" >&2
    echo "FAILED: reader screenshot exited with status $status" >&2
    exit 1
fi
if grep -q "Traceback" "$scratch/stderr.txt"; then
    cat "$scratch/stderr.txt" >&2
    echo "FAILED: a Python traceback was printed" >&2
    exit 1
fi

# A real page of Chinese text and photos is large and many-coloured; a blank or failed render is not.
"$python" - "$shot" <<'PY'
import struct
import sys
from pathlib import Path

shot = Path(sys.argv[1])
if not shot.is_file():
    sys.exit(f"FAILED: no screenshot at {shot}")
data = shot.read_bytes()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("FAILED: the screenshot is not a PNG")
width, height = struct.unpack(">II", data[16:24])
print(f"screenshot {width}x{height}, {len(data)} bytes")
if width < 400 or height < 300:
    sys.exit("FAILED: the screenshot is smaller than a window")
if len(data) < 20_000:
    sys.exit("FAILED: the screenshot compresses too well to hold a page of text")
try:
    from PySide6.QtGui import QImage
except ImportError:
    sys.exit(0)
image = QImage(str(shot))
colours = {image.pixel(x, y) for x in range(0, width, 7) for y in range(0, height, 7)}
print(f"{len(colours)} distinct colours sampled")
if len(colours) < 32:
    sys.exit("FAILED: the screenshot is nearly one colour")
PY
cp "$shot" "$root/dist/smoke-test-screenshot.png"
echo "smoke test passed (the picture is in dist/smoke-test-screenshot.png): the frozen bundle started, rendered the demo magazine and quit"
