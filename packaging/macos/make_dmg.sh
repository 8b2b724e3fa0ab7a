#!/usr/bin/env bash
# Wrap "dist/Magazine Reader.app" in a compressed disk image with an Applications link (macOS only).
#
#   bash packaging/macos/make_dmg.sh [path/to/Magazine Reader.app]
#
# Run after `python packaging/build.py` (or use `python packaging/build.py --installer`). Writes
# dist/MagazineReader-<version>-macos-<arch>.dmg. Signing: set CODESIGN_IDENTITY to a "Developer ID
# Application: ..." identity to sign the app before imaging; without it the app keeps PyInstaller's
# ad-hoc signature, which runs on the machine that built it and, after a right-click > Open, elsewhere.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
app=${1:-"$root/dist/Magazine Reader.app"}
[[ -d "$app" ]] || { echo "no app bundle at $app: run python packaging/build.py first" >&2; exit 1; }

version=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$app/Contents/Info.plist")
out="$root/dist/MagazineReader-$version-macos-$(uname -m).dmg"

if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
    codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$app"
fi
codesign --verify --deep --strict "$app"

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
ditto "$app" "$staging/$(basename "$app")"
ln -s /Applications "$staging/Applications"

rm -f "$out"
hdiutil create -volname "Magazine Reader $version" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$out"
hdiutil verify "$out"
echo "disk image: $out"
