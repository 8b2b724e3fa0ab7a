"""Files a frozen bundle needs that are generated, not committed: icon sizes, .ico, .icns, version info.

Used by `packaging/build.py` and by `packaging/pyinstaller/reader.spec`. Only the icon rendering needs
Qt (PySide6's QtSvg, imported when called); the ICO and ICNS writers are plain Python so they work and
are tested on any OS.
"""

from __future__ import annotations

import os
import re
import struct
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
DIST_NAME = "magazine-reader"
APP_ID = "io.github.magazinereader.Reader"
APP_SVG = ROOT / "resources" / "icons" / "app.svg"
VERSION_INFO_TEMPLATE = ROOT / "packaging" / "windows" / "version_info.txt.in"

# The sizes desktops ask for (hicolor theme folders); 1024 is only for the macOS icns (512@2x).
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # the ICO directory cannot describe anything larger
# ICNS element types that hold PNG data, with their pixel size (the set Apple's iconutil writes).
ICNS_TYPES = (
    (b"ic11", 32),  # 16@2x
    (b"ic12", 64),  # 32@2x
    (b"ic07", 128),
    (b"ic13", 256),  # 128@2x
    (b"ic08", 256),
    (b"ic14", 512),  # 256@2x
    (b"ic09", 512),
    (b"ic10", 1024),  # 512@2x
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def app_version() -> str:
    """The version of the installed `magazine-reader` distribution (what the frozen app reports too)."""
    try:
        return metadata.version(DIST_NAME)
    except metadata.PackageNotFoundError:
        sys.exit(f"{DIST_NAME} is not installed in this Python: run `pip install -e .` from {ROOT} first")


def pyproject_version() -> str:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(config["project"]["version"])


def render_pngs(svg: Path, out_dir: Path, sizes: Iterable[int]) -> dict[int, Path]:
    """Render `svg` to square PNGs named `<stem>-<size>.png`, with Qt's SVG renderer, offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"Qt cannot render {svg}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[int, Path] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        path = out_dir / f"{svg.stem}-{size}.png"
        if not image.save(str(path), "PNG"):  # PySide6 6.12 refuses bytes here despite its signature
            raise OSError(f"could not write {path}")
        written[size] = path
    return written


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def ico_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """A Windows ICO holding PNG-compressed images (read by Windows Vista and later), smallest first."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    directory = b""
    for size in sizes:
        if size > 256:
            raise ValueError(f"an ICO image is at most 256 px, not {size}")
        data = pngs[size]
        # Width and height 0 mean 256; 32 bits per pixel; colour count 0 (no palette).
        directory += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + directory + b"".join(pngs[size] for size in sizes)


def icns_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """A macOS ICNS with PNG elements for every type in ICNS_TYPES whose size is given, plus a TOC."""
    elements = [(kind, pngs[size]) for kind, size in ICNS_TYPES if size in pngs]
    if not elements:
        raise ValueError("no PNG of a size an ICNS can hold")
    toc = b"TOC " + struct.pack(">I", 8 + 8 * len(elements))
    toc += b"".join(kind + struct.pack(">I", 8 + len(data)) for kind, data in elements)
    body = toc + b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in elements)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(out_dir: Path, svg: Path = APP_SVG) -> dict[str, Path]:
    """PNGs in PNG_SIZES (plus 1024 for macOS), `reader.ico` and `reader.icns` in `out_dir`."""
    rendered = render_pngs(svg, out_dir, sorted({*PNG_SIZES, 1024}))
    data = {size: path.read_bytes() for size, path in rendered.items()}
    ico = out_dir / "reader.ico"
    ico.write_bytes(ico_bytes({size: data[size] for size in ICO_SIZES}))
    icns = out_dir / "reader.icns"
    icns.write_bytes(icns_bytes(data))
    return {"ico": ico, "icns": icns, **{str(size): path for size, path in rendered.items()}}


def windows_version_tuple(version: str) -> tuple[int, int, int, int]:
    """The four numbers of a Windows file version from a PEP 440 version ("0.2.0rc1" gives 0, 2, 0, 0)."""
    match = re.match(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?", version)
    if match is None:
        raise ValueError(f"no release number in version {version!r}")
    major, minor, micro, build = (int(part or 0) for part in match.groups())
    return major, minor, micro, build


def version_info_text(version: str, template: Path = VERSION_INFO_TEMPLATE) -> str:
    """PyInstaller's Windows version resource (the `version=` file of EXE) for this version."""
    numbers = windows_version_tuple(version)
    return Template(template.read_text(encoding="utf-8")).substitute(
        version=version, version_tuple=repr(numbers), version_dotted=".".join(map(str, numbers))
    )
