#!/usr/bin/env bash
# Validate the Linux desktop integration files (desktop entry, AppStream metainfo, MIME type) and the
# icons they point at. Needs desktop-file-utils and appstream; uses xmllint (libxml2-utils) and
# update-mime-database (shared-mime-info) when they are installed, a Python XML parse otherwise.
set -euo pipefail
cd "$(dirname "$0")"
shopt -s nullglob
icons=(../../resources/icons/*.svg)

for f in *.desktop; do desktop-file-validate "$f"; done
for f in *.metainfo.xml; do appstreamcli validate --no-net --pedantic "$f"; done

if command -v xmllint >/dev/null; then
    xmllint --noout --nonet *-mime.xml *.metainfo.xml "${icons[@]}"
else
    for f in *-mime.xml *.metainfo.xml "${icons[@]}"; do
        python3 -c "import sys, xml.dom.minidom as m; m.parse(sys.argv[1])" "$f"
    done
fi

# Compiling the MIME package the way a desktop does catches what a plain XML parse cannot (unknown
# magic types, offsets or priorities). It reports those on stdout yet exits 0, so any output at all
# fails the check; XDG_DATA_HOME points at the scratch folder so it does not add a search-path note.
if command -v update-mime-database >/dev/null; then
    data_home=$(mktemp -d)
    trap 'rm -rf "$data_home"' EXIT
    mkdir -p "$data_home/mime/packages"
    cp -- *-mime.xml "$data_home/mime/packages/"
    warnings=$(XDG_DATA_HOME="$data_home" update-mime-database "$data_home/mime" 2>&1)
    if [[ -n "$warnings" ]]; then
        echo "$warnings" >&2
        exit 1
    fi
fi
echo "desktop files valid"
