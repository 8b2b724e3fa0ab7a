"""Hostile images and stores in the window: placeholders with a reason, escaped text, a window that stays
usable, and Qt's image allocation limit set by the start-up path."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from unittest import mock

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from ui_store_fixtures import ISSUE_1, article, make_store, png_bytes
from ui_store_fixtures import image as good_image

from conftest import new_window
from reader.domain.article import Figure, ImageRef, Link, Paragraph
from reader.store import schema
from reader.store.writer import ImageData, StoreWriter
from reader.ui.main_window import MainWindow
from tests.fixtures.png import rgb_png

PLACEHOLDER = "▨"
DAMAGED = "Image cannot be shown (damaged file)"


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A ~100-byte PNG declaring width x height pixels (40 GB decoded), with a valid header and CRCs."""
    return rgb_png(width, height, b"\x00" * 4096)


def stored(
    data: bytes, mime: str, width: int | None = 64, height: int | None = 48
) -> tuple[ImageRef, ImageData]:
    sha = hashlib.sha256(data).hexdigest()
    return ImageRef(sha, width, height, mime, f"u/{sha[:8]}"), ImageData(sha, mime, width, height, data)


@pytest.fixture
def hostile_images(tmp_path: Path) -> dict[str, tuple[ImageRef, ImageData]]:
    secret = tmp_path / "outside" / "secret.png"
    secret.parent.mkdir()
    red = QImage(50, 50, QImage.Format.Format_RGB32)
    red.fill(0xFF0000)
    assert red.save(str(secret))
    svg = textwrap.dedent(f"""\
        <?xml version="1.0"?>
        <!DOCTYPE svg [<!ENTITY xxe SYSTEM "file://{secret}">]>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">
          <rect width="100" height="100" fill="#00ff00"/>
          <image x="0" y="0" width="100" height="100" xlink:href="file://{secret}"/>
          <image x="0" y="0" width="100" height="100" href="http://attacker.example.com/pixel.png"/>
          <text>&xxe;</text>
        </svg>
        """).encode()
    whole = png_bytes(64, 48, seed=2)
    return {
        "bomb": stored(bomb_png(), "image/png", 100_000, 100_000),
        "truncated": stored(whole[: len(whole) // 3], "image/png"),
        "jpeg-garbage": stored(b"\xff\xd8\xff\xe0" + hashlib.sha512(b"garbage").digest() * 30, "image/jpeg"),
        "wrong-extension": stored(b"GIF89a" + b"<html>not an image</html>" * 20, "image/gif"),
        "svg-external": stored(svg, "image/svg+xml", 100, 100),
    }


def hostile_store(path: Path, images: dict[str, tuple[ImageRef, ImageData]]) -> Path:
    ok_ref, ok_data = good_image(40, 30, seed=3)
    blocks: list[object] = [Paragraph("图片之前的一段。")]
    for name, (ref, _data) in images.items():
        blocks.append(Figure(ref, caption=f"图：{name}"))
    blocks.append(Figure(ok_ref, caption="图：好的"))
    art = article("h1", "有问题的图片", ISSUE_1, ("文化",), blocks=tuple(blocks))
    with StoreWriter(path) as writer:
        writer.put_article(
            art, [data for _, data in images.values()] + [ok_data], content_hash="h", sort_key="1"
        )
    return path


# Qt's decoders say why they refuse each file (libjpeg's wording depends on the garbage); QtSvg says it
# will not load the images an SVG points at; the bomb is refused by the allocation limit.
@pytest.mark.qt_log_ignore(
    "exceeds the current allocation limit", "JPEG", "Could not create image from", "libpng error"
)
def test_hostile_images_become_placeholders_with_a_reason(
    qtbot: QtBot, tmp_path: Path, hostile_images: dict[str, tuple[ImageRef, ImageData]],
    message_boxes: dict[str, mock.MagicMock],
) -> None:  # fmt: skip
    window = new_window(qtbot)
    assert window.open_store(hostile_store(tmp_path / "img.magstore", hostile_images))
    window.view.grab()  # paint: every image the document names is requested now

    def placeholders() -> int:
        text = window.view.toPlainText()
        return text.count(f"{PLACEHOLDER} {DAMAGED}") + text.count(f"{PLACEHOLDER}\xa0{DAMAGED}")

    # A file whose header reads but whose pixels do not (a truncated PNG) is found out when first drawn,
    # and the article is laid out again with its placeholder.
    qtbot.waitUntil(lambda: placeholders() >= len(hostile_images) - 1)
    for name, (ref, _data) in hostile_images.items():
        decoded = window.view.decoded_image(ref.sha256)
        if name == "svg-external" and decoded is not None:
            # Qt may draw the SVG itself, but never what it points at: the linked file is bright red.
            centre = decoded.pixelColor(decoded.width() // 2, decoded.height() // 2)
            assert (centre.red(), centre.green()) != (255, 0), "the SVG loaded a file it referred to"
            continue
        assert decoded is None, name
    assert window.view.refused_resources == []
    message_boxes["warning"].assert_not_called()
    # The window goes on: the good figure is decoded, and another article opens.
    assert window.view.decoded_image(good_image(40, 30, seed=3)[0].sha256) is not None


def test_the_start_up_path_sets_the_image_allocation_limit(tmp_path: Path) -> None:
    # A fresh process: the limit is process-wide, and the application set-up must be the one to set it.
    script = textwrap.dedent(f"""\
        import sys
        from PySide6.QtGui import QImage, QImageReader
        QImageReader.setAllocationLimit(0)  # unlimited, until the start-up path says otherwise
        from reader.ui.launch import IMAGE_ALLOCATION_LIMIT_MB, _application
        app = _application()
        assert QImageReader.allocationLimit() == IMAGE_ALLOCATION_LIMIT_MB, QImageReader.allocationLimit()
        bomb = bytes.fromhex("{bomb_png().hex()}")
        assert QImage.fromData(bomb).isNull()
        print("limit", QImageReader.allocationLimit())
        """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "READER_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    limit = int(done.stdout.split()[-1])
    assert 0 < limit <= 1024


def _not_sqlite(path: Path) -> Path:
    path.write_bytes(b"<html><script>alert(1)</script></html>" * 100)
    return path


def _newer(path: Path) -> Path:
    make_store(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.schema_version() + 1}")
    conn.close()
    return path


def _truncated(path: Path) -> Path:
    make_store(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize("make", [_not_sqlite, _newer, _truncated], ids=["not-sqlite", "newer", "truncated"])
def test_a_hostile_store_shows_an_error_and_keeps_the_open_one(
    window: MainWindow, tmp_path: Path, message_boxes: dict[str, mock.MagicMock], make: object
) -> None:
    title_before = window.view.article.title if window.view.article else None
    path = make(tmp_path / "hostile.magstore")  # type: ignore[operator]
    before = path.read_bytes()
    opened = window.open_store(path)
    if opened:  # a cut that spared every page the first article needs: it must read, not crash
        assert window.view.article is not None
    else:
        message_boxes["warning"].assert_called_once()
        assert window.view.article is not None and window.view.article.title == title_before
    assert path.read_bytes() == before
    window.library.currentWidget()  # still usable: the library and article answer
    assert window.open_article("a2") or opened


def test_markup_in_a_store_renders_as_literal_text(
    qtbot: QtBot, tmp_path: Path, message_boxes: dict[str, mock.MagicMock]
) -> None:
    huge = "很长的一段。" * 50_000  # 300,000 characters in one paragraph
    art = article(
        "m1",
        "<b>x</b><img src=file:///etc/passwd>",
        ISSUE_1,
        ("<i>分类</i>",),
        subtitle="<script>alert(1)</script>",
        authors=("<u>作者</u>",),
        summary='<a href="http://attacker.example.com">摘要</a>',
        blocks=(
            Paragraph('<h1>不是标题</h1><img src="file:///etc/passwd">'),
            Paragraph(huge),
            Figure(None, caption="<b>图</b>", src="file:///etc/passwd", alt="<script>x</script>"),
        ),
        related=(Link(None, "<b>相关</b>", "javascript:alert(1)"),),
    )
    path = tmp_path / "markup.magstore"
    with StoreWriter(path) as writer:
        writer.set_meta("name", "<h1>杂志</h1>")
        writer.put_article(art, [], content_hash="m", sort_key="1")
    window = new_window(qtbot)
    assert window.open_store(path)
    text = window.view.toPlainText()
    for literal in ("<b>x</b><img src=file:///etc/passwd>", "<script>alert(1)</script>", "<h1>不是标题</h1>",
                    "<u>作者</u>", "<b>图</b>", "<b>相关</b>", "<i>分类</i>"):  # fmt: skip
        assert literal in text, literal
    assert huge in text
    document = window.view.document()
    assert not document.toHtml().count("<img"), "markup from the store became an image"
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isAnchor():
                assert not fmt.anchorHref().startswith(("javascript:", "file:")), fmt.anchorHref()
            it += 1
        block = block.next()
    assert "<h1>杂志</h1>" in window.windowTitle() or "<h1>杂志</h1>" in window.status_label.text()
    message_boxes["warning"].assert_not_called()


def test_a_damaged_article_is_reported_and_the_window_stays_usable(
    window: MainWindow, tmp_path: Path, message_boxes: dict[str, mock.MagicMock]
) -> None:
    path = make_store(tmp_path / "rows.magstore")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE articles SET blocks = '[[[' WHERE uid = 'a2'")
    conn.commit()
    conn.close()
    assert window.open_store(path)
    assert not window.open_article("a2")
    message_boxes["warning"].assert_called()
    assert "is damaged" in message_boxes["warning"].call_args.args[2]
    assert window.open_article("a3")
    assert window.view.article is not None and window.view.article.uid == "a3"


def test_a_damaged_tree_row_is_reported_not_raised(tmp_path: Path) -> None:
    # In a subprocess (`reader screenshot` opens the window on the store): a window left half-open on
    # this store would raise from its lazy trees inside later tests' event loops.
    path = make_store(tmp_path / "rows.magstore")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE issues SET year = 'MMXV', article_count = 'many' WHERE year = 2015")
    conn.commit()
    conn.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "READER_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "screenshot", str(path), "-o", str(tmp_path / "shot.png")],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 1 and done.stderr.startswith("reader: ") and "is damaged" in done.stderr
