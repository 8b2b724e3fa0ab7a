"""The packaging files under packaging/ and the icons agree with each other and with pyproject.toml."""

from __future__ import annotations

import configparser
import importlib.util
import plistlib
import re
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
ICONS = ROOT / "resources" / "icons"
APP_ID = "io.github.magazinereader.Reader"
STORE_UTI = "io.github.magazinereader.store"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
SVG_NS = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TOOLBAR_ICONS = (
    "go-back",
    "go-forward",
    "article-previous",
    "article-next",
    "bookmark",
    "bookmarked",
    "search",
    "zoom-in",
    "zoom-out",
    "theme",
    "document-open",
    "document-import",
    "print",
)


class DesktopEntryParser(configparser.ConfigParser):
    """Desktop entry keys are case-sensitive (Name, Name[zh_CN]); ConfigParser lowercases by default."""

    def optionxform(self, optionstr: str) -> str:
        return optionstr


def desktop_entry() -> configparser.SectionProxy:
    parser = DesktopEntryParser(interpolation=None, strict=True)
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def mime_type_element() -> ET.Element:
    root = ET.parse(LINUX / "magazine-reader-mime.xml").getroot()
    (element,) = root.findall(f"{MIME_NS}mime-type")
    return element


def metainfo() -> ET.Element:
    return ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()


def info_plist() -> dict[str, Any]:
    with (PACKAGING / "macos" / "Info.plist").open("rb") as plist_file:
        return plistlib.load(plist_file)


def inno_script() -> str:
    # The script carries a byte order mark so Inno Setup reads its Chinese strings as UTF-8.
    return (PACKAGING / "windows" / "reader.iss").read_text(encoding="utf-8-sig")


def pyproject_version() -> str:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(config["project"]["version"])


@pytest.fixture(scope="module")
def bundle_assets() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundle_assets", PACKAGING / "bundle_assets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fake_png(size: int) -> bytes:
    """Just enough of a PNG for the ICO and ICNS writers: signature and IHDR."""
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + b"\0\0\0\0"


# --- Linux: desktop entry, MIME type, AppStream ---------------------------------------------------


def test_desktop_entry_opens_the_mime_type_the_mime_package_declares() -> None:
    entry = desktop_entry()
    declared = [kind for kind in entry["MimeType"].split(";") if kind]
    assert declared == [mime_type_element().get("type")] == ["application/x-magazine-reader-store"]


def test_desktop_entry_runs_reader_with_a_file_and_names_the_app_icon() -> None:
    entry = desktop_entry()
    assert entry["Exec"] == "reader %f"
    assert entry["Icon"] == APP_ID
    assert entry["Name[zh_CN]"] == "杂志阅读器"
    assert {"Office", "Viewer"} <= set(entry["Categories"].split(";"))


def test_mime_type_claims_magstore_files_by_extension_before_sqlite_magic() -> None:
    element = mime_type_element()
    (glob,) = element.findall(f"{MIME_NS}glob")
    assert glob.get("pattern") == "*.magstore"
    (magic,) = element.findall(f"{MIME_NS}magic")
    (match,) = magic.findall(f"{MIME_NS}match")
    assert (match.get("type"), match.get("offset"), match.get("value")) == ("string", "0", "SQLite format 3")
    # Magic below 80 never overrides a glob match, and below SQLite's own 50 a plain database stays one.
    assert int(magic.get("priority", "50")) < 50 < int(glob.get("weight", "50"))
    langs = {comment.get(XML_LANG) for comment in element.findall(f"{MIME_NS}comment")}
    assert {None, "zh_CN"} <= langs


def test_metainfo_id_and_launchable_match_the_desktop_file_name() -> None:
    root = metainfo()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert (LINUX / f"{APP_ID}.desktop").is_file()


def test_metainfo_provides_the_store_mime_type_and_speaks_chinese() -> None:
    root = metainfo()
    assert [el.text for el in root.iter("mediatype")] == [mime_type_element().get("type")]
    for tag in ("name", "summary"):
        assert "zh_CN" in {el.get(XML_LANG) for el in root.findall(tag)}, tag


def test_metainfo_newest_release_is_the_version_in_pyproject() -> None:
    releases = metainfo().findall("releases/release")
    assert releases, "metainfo lists no release"
    assert releases[0].get("version") == pyproject_version()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date", ""))


# --- macOS: Info.plist -------------------------------------------------------------------------------


def test_info_plist_bundle_id_is_the_app_id_used_everywhere() -> None:
    assert info_plist()["CFBundleIdentifier"] == APP_ID
    spec = (PACKAGING / "pyinstaller" / "reader.spec").read_text(encoding="utf-8")
    assert 'bundle_identifier=info_plist["CFBundleIdentifier"]' in spec


def test_info_plist_exports_the_magstore_type_and_opens_it() -> None:
    plist = info_plist()
    (exported,) = plist["UTExportedTypeDeclarations"]
    assert exported["UTTypeIdentifier"] == STORE_UTI
    tags = exported["UTTypeTagSpecification"]
    assert tags["public.filename-extension"] == ["magstore"]
    assert tags["public.mime-type"] == [mime_type_element().get("type")]
    (document,) = plist["CFBundleDocumentTypes"]
    assert document["LSItemContentTypes"] == [STORE_UTI]
    assert document["CFBundleTypeRole"] == "Viewer"


# --- Windows: installer and version resource ----------------------------------------------------------


def unquote(value: str) -> str:
    """Inno Setup's quoting: one pair of quotes around a value, doubled quotes inside it."""
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def inno_registry_entries(script: str) -> list[dict[str, str]]:
    """The [Registry] lines as {parameter: value}, e.g. {"Root": "HKA", "Subkey": "Software\\Classes\\..."}."""
    section = script.split("[Registry]", 1)[1].split("\n[", 1)[0]
    entries = []
    for line in section.splitlines():
        if line.strip() and not line.startswith(";"):
            pairs = (part.split(":", 1) for part in line.split("; "))
            entries.append({key.strip(): unquote(value.strip()) for key, value in pairs})
    return entries


def test_inno_setup_script_associates_magstore_with_the_gui_executable() -> None:
    script = inno_script()
    defines = dict(re.findall(r'^#define (\w+) "([^"]*)"', script, re.MULTILINE))
    assert defines["AppExe"] == "reader.exe"
    entries = inno_registry_entries(script)
    open_with = [e for e in entries if e["Subkey"] == r"Software\Classes\.magstore\OpenWithProgids"]
    assert [e["ValueName"] for e in open_with] == ["{#StoreProgId}"]
    (command,) = [e for e in entries if e["Subkey"] == r"Software\Classes\{#StoreProgId}\shell\open\command"]
    assert command["ValueData"] == r'""{app}\{#AppExe}"" ""%1""'
    assert "ChangesAssociations=yes" in script
    # reader.exe is the windowed executable the spec builds.
    spec = (PACKAGING / "pyinstaller" / "reader.spec").read_text(encoding="utf-8")
    assert 'executable("reader", ' in spec


def test_inno_setup_script_offers_english_and_simplified_chinese() -> None:
    script = inno_script()
    assert 'Name: "en"; MessagesFile: "compiler:Default.isl"' in script
    assert "ChineseSimplified.isl" in script
    assert 'Name: "zh_CN"; MessagesFile:' in script


def test_windows_version_resource_carries_the_package_version(bundle_assets: ModuleType) -> None:
    text = bundle_assets.version_info_text("1.2.3rc1")

    class Node:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.args, self.kwargs = args, kwargs

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo")
    # PyInstaller reads this file with eval(); stand-in classes check it is the expression it expects.
    info = eval(text, {name: Node for name in (*names, "VarStruct")})
    assert info.kwargs["ffi"].kwargs["filevers"] == (1, 2, 3, 0)
    strings = {s.args[0]: s.args[1] for s in info.kwargs["kids"][0].args[0][0].args[1]}
    assert strings["ProductVersion"] == "1.2.3rc1"
    assert strings["OriginalFilename"] == "reader.exe"


# --- icons --------------------------------------------------------------------------------------------


def test_app_icon_and_every_toolbar_icon_exist() -> None:
    missing = [name for name in ("app", *TOOLBAR_ICONS) if not (ICONS / f"{name}.svg").is_file()]
    assert missing == []


@pytest.mark.parametrize("svg", sorted(ICONS.glob("*.svg")), ids=lambda path: path.name)
def test_icon_is_square_svg_without_colours_qt_ignores(svg: Path) -> None:
    root = ET.parse(svg).getroot()
    assert root.tag == f"{SVG_NS}svg"
    _, _, width, height = (float(n) for n in root.get("viewBox", "").split())
    assert width == height
    # Qt's SVG renderer does not honour currentColor, so an icon using it would draw black.
    assert "currentColor" not in svg.read_text(encoding="utf-8")


def test_qt_renders_every_icon_without_warnings(qapp: Any) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    for svg in sorted(ICONS.glob("*.svg")):
        renderer = QSvgRenderer(str(svg))
        assert renderer.isValid(), svg.name
        image = QImage(24, 24, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, 24, 24))
        painter.end()
        opaque = sum(1 for x in range(24) for y in range(24) if image.pixelColor(x, y).alpha() > 128)
        assert opaque > 20, f"{svg.name} draws almost nothing at 24 px"


def test_ico_writer_indexes_each_png_with_its_size_and_offset(bundle_assets: ModuleType) -> None:
    pngs = {size: fake_png(size) for size in (16, 32, 256)}
    data = bundle_assets.ico_bytes(pngs)
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, 3)
    for index, size in enumerate((16, 32, 256)):
        width, height, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        assert (width, height) == (size % 256, size % 256)  # 0 stands for 256
        assert (planes, bits) == (1, 32)
        assert data[offset : offset + length] == pngs[size]


def test_ico_writer_refuses_images_larger_than_256(bundle_assets: ModuleType) -> None:
    with pytest.raises(ValueError, match="at most 256"):
        bundle_assets.ico_bytes({512: fake_png(512)})


def test_icns_writer_lays_out_typed_png_elements_after_a_toc(bundle_assets: ModuleType) -> None:
    pngs = {size: fake_png(size) for size in (32, 128, 512)}
    data = bundle_assets.icns_bytes(pngs)
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    elements: dict[bytes, bytes] = {}
    position = 8
    while position < len(data):
        kind, length = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        elements[kind] = data[position + 8 : position + length]
        position += length
    assert position == len(data)
    assert set(elements) == {b"TOC ", b"ic11", b"ic07", b"ic14", b"ic09"}
    assert elements[b"ic07"] == pngs[128]
    assert elements[b"ic09"] == elements[b"ic14"] == pngs[512]
    assert bundle_assets.png_size(elements[b"ic11"]) == (32, 32)
