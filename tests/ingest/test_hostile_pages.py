"""Hostile saved pages: each is imported safely or reported with a reason, and nothing outside is read."""

from __future__ import annotations

import socket
import struct
from pathlib import Path
from typing import Any

import pytest

from reader.ingest.extract import extract_article
from reader.ingest.images import sniff_image, too_large
from reader.ingest.pipeline import import_sources
from reader.ingest.site import SiteContext
from reader.store.reader import ArticleStore
from tests.fixtures.dede_page import HOST, article_page, write_image, write_page
from tests.fixtures.png import png_chunk


def extract_rel(root: Path, rel: str) -> Any:
    page = root / HOST / rel
    return extract_article([page], SiteContext.for_page(page, root))


def test_truncated_page_keeps_what_arrived(tmp_path: Path) -> None:
    page = article_page(body="<p>第一段完整。</p><p>第二段只存了一半")
    write_page(tmp_path, "a/1.html", page[: page.index("第二段只存了一半") + 8])
    result = extract_rel(tmp_path, "a/1.html")
    assert result.kind == "article"
    assert "第一段完整。" in result.article.texts()


def test_nul_bytes_and_invalid_encoding_do_not_stop_the_page(tmp_path: Path) -> None:
    page = article_page(body="<p>正文\x00里有空字符。</p>", charset="gb2312").encode("gbk")
    page = page.replace("空字符".encode("gbk"), "空字符".encode("gbk") + b"\xff\xfe\x81")
    path = tmp_path / HOST / "a" / "2.html"
    path.parent.mkdir(parents=True)
    path.write_bytes(page)
    result = extract_rel(tmp_path, "a/2.html")
    assert result.kind == "article"
    assert any("undecodable bytes" in w for w in result.warnings)
    assert any("正文里有空字符" in t for t in result.article.texts())


def test_huge_page_with_a_giant_text_node_is_reported_not_truncated(tmp_path: Path) -> None:
    write_page(tmp_path, "a/3.html", article_page(body="<p>" + "长" * 11_000_000 + "</p><p>结尾</p>"))
    result = extract_rel(tmp_path, "a/3.html")
    assert result.kind == "failed"
    assert "drop part of this page" in result.reason


def test_entity_declarations_are_never_expanded_or_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    doctype = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    page = article_page(body="<p>实体：&xxe; &lol2;</p>").replace("<!DOCTYPE html>", doctype)
    write_page(tmp_path, "a/4.html", page)
    result = extract_rel(tmp_path, "a/4.html")
    text = "\n".join(result.article.texts())
    assert "TOP-SECRET" not in text
    assert "lollol" not in text


def test_script_and_file_links_never_become_article_links(tmp_path: Path) -> None:
    page = article_page(prev=("javascript:alert(1)", "脚本"), next_=("file:///etc/passwd", "本地文件"))
    write_page(tmp_path, "a/5.html", page)
    article = extract_rel(tmp_path, "a/5.html").article
    assert article.prev is not None and article.prev.uid is None
    assert article.next is not None and article.next.uid is None


def _png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + b"\x00" * 16


def test_decompression_bomb_is_refused_from_its_header(tmp_path: Path) -> None:
    info = sniff_image(_png_header(100_000, 100_000))
    assert info is not None and too_large(info)
    write_image(tmp_path, "u/bomb.png", _png_header(100_000, 100_000))
    write_page(
        tmp_path, "a/6.html", article_page(body='<p align="center"><img src="/u/bomb.png"></p><p>正文。</p>')
    )
    result = extract_rel(tmp_path, "a/6.html")
    assert result.article.figures()[0].image is None
    assert any("too large" in w for w in result.warnings)


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8", b"RIFF\x00\x00WEBP", b""])
def test_truncated_image_headers_never_raise(data: bytes) -> None:
    sniff_image(data)


def test_an_import_opens_no_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    body = (
        '<p><img src="http://elsewhere.example.com/remote.png"></p><p><img src="https://cdn.example.net/x.jpg"></p>'
        '<link rel="stylesheet" href="http://cdn.example.net/a.css"><script src="http://cdn.example.net/a.js"></script>'
        "<p>正文。</p>"
    )
    write_page(tmp_path, "a/7.html", article_page(body=body))
    summary = import_sources([tmp_path], tmp_path / "m.magstore", workers=1)
    assert summary.added == 1 and summary.images_missing == 2
    assert attempts == []
    with ArticleStore.open(tmp_path / "m.magstore") as store:
        assert store.counts()["images"] == 0
