#!/usr/bin/env bash
# Render the README's screenshots with `reader screenshot` (offscreen; needs fonts-noto-cjk on Linux).
#   docs/make_screenshots.sh [SEED_SITE]
# SEED_SITE is the reference seed page rebuilt by ../shared/seed/make_seed_page.py (optional).
set -euo pipefail
cd "$(dirname "$0")/.."
reader=${READER:-reader}
out=docs/screenshots
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export READER_DATA_DIR="$data" QT_QPA_PLATFORM=offscreen
mkdir -p "$out"
for theme in light sepia dark; do
  "$reader" screenshot -o "$out/reader-$theme.png" --theme "$theme" --size 1280x900 \
    --article www.shanshui.example.cn/a/zr/sc/2024/0214/108
done
LANGUAGE=zh_CN "$reader" screenshot -o "$out/reader-zh_CN.png" --size 1280x900
"${PYTHON:-python3}" docs/panel_screenshots.py "$out"  # bookmarks.png, search.png
if [ $# -ge 1 ]; then
  "$reader" import "$1" --store "$data/seed.magstore" -q
  uid=$("$reader" articles "$data/seed.magstore" --json | head -n 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["uid"])')
  for theme in light sepia dark; do
    "$reader" screenshot "$data/seed.magstore" -o "$out/seed-$theme.png" --theme "$theme" --size 1280x900 --article "$uid"
  done
fi
echo "screenshots in $out"
