#!/usr/bin/env bash
# Validate the Linux desktop integration files (desktop entry, AppStream metainfo, MIME type).
set -euo pipefail
cd "$(dirname "$0")"
shopt -s nullglob
for f in *.desktop; do desktop-file-validate "$f"; done
for f in *.metainfo.xml; do appstreamcli validate --no-net --pedantic "$f"; done
for f in *-mime.xml; do python3 -c "import sys, xml.dom.minidom as m; m.parse(sys.argv[1])" "$f"; done
echo "desktop files valid"
