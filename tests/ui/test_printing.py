"""Print and Export as PDF: what reaches the paper, read back from the PDF's own drawing operators."""

from __future__ import annotations

import re
import statistics
import zlib
from pathlib import Path
from unittest import mock

import pytest

from reader.ui.main_window import MainWindow
from reader.ui.printing import export_pdf

A4_PT = (595.3, 841.9)


def text_sizes_pt(pdf: bytes) -> list[float]:
    """The size in points of every text run the PDF draws: each Tf's size times the vertical scale of
    the transformation in force (q/Q save and restore it, cm multiplies it). Enough for Qt's output."""
    sizes: list[float] = []
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            content = zlib.decompress(stream.group(1))
        except zlib.error:
            continue  # an image or a font, not a page's drawing
        scale, saved, font, operands = 1.0, [], 0.0, []
        for token in content.split():
            if token[:1] in b"0123456789-./<[(":
                operands.append(token)
                continue
            if token == b"q":
                saved.append(scale)
            elif token == b"Q" and saved:
                scale = saved.pop()
            elif token == b"cm":
                scale *= abs(float(operands[-3]))
            elif token == b"Tf":
                font = float(operands[-1])
            elif token in (b"Tj", b"TJ"):
                sizes.append(round(font * scale, 2))
            operands = []
    return sizes


def page_sizes_pt(pdf: bytes) -> list[tuple[float, float]]:
    return [
        (float(m.group(1)), float(m.group(2)))
        for m in re.finditer(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    ]


def test_the_pdf_has_readable_text_on_a4_pages(window: MainWindow, tmp_path: Path) -> None:
    window.open_article("a1")
    out = tmp_path / "a1.pdf"
    assert export_pdf(window.view, out)
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = page_sizes_pt(pdf)
    assert pages and all(abs(w - A4_PT[0]) < 2 and abs(h - A4_PT[1]) < 2 for w, h in pages)
    sizes = text_sizes_pt(pdf)
    assert len(sizes) > 20
    body = statistics.median(sizes)
    assert 9.5 <= body <= 12.5  # book text, not the 0.8 pt that Qt's own print_ gave pixel sizes
    assert max(sizes) >= 1.5 * body  # the title
    assert min(sizes) >= 6  # captions, credits and page numbers stay legible


def test_a_failed_export_leaves_an_existing_file_alone(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_article("a1")
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "mine.pdf"
    out.write_bytes(b"the reader's own file")
    monkeypatch.setattr("reader.ui.printing._paint_pages", lambda view, printer: False)
    assert not export_pdf(window.view, out)
    assert out.read_bytes() == b"the reader's own file"
    assert [p.name for p in folder.iterdir()] == ["mine.pdf"]  # no temporary file left either


def test_export_to_a_folder_that_cannot_exist_says_so(
    window: MainWindow, tmp_path: Path, message_boxes: dict[str, mock.MagicMock]
) -> None:
    from PySide6.QtWidgets import QFileDialog

    window.open_article("a1")
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    target = blocker / "a1.pdf"
    with mock.patch.object(QFileDialog, "getSaveFileName", return_value=(str(target), "")) as dialog:
        window.actions_.export_pdf.trigger()
    suggested = Path(dialog.call_args.args[2])
    assert suggested.name == "老街的早晨.pdf"
    title, text = message_boxes["warning"].call_args.args[1:3]
    assert title == "Export as PDF"
    assert str(target) in text
    assert blocker.read_text() == "not a folder"
