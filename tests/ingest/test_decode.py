"""Decoding saved pages: the bytes decide, the label only helps; never mojibake, never an exception."""

from __future__ import annotations

import codecs

from hypothesis import given
from hypothesis import strategies as st

from reader.ingest.decode import decode_page

GBK_TEXT = "王喆、李堃和陈珺的溪边茶园"  # 喆 堃 珺 are GBK but not GB2312


def page(charset: str, text: str) -> str:
    return f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}" /></head><body><p>{text}</p></body></html>'


def test_gbk_bytes_labelled_gb2312_decode_completely() -> None:
    decoded = decode_page(page("gb2312", GBK_TEXT).encode("gbk"))
    assert GBK_TEXT in decoded.text
    assert decoded.replaced == 0
    assert decoded.declared == "gb2312"


def test_utf8_bytes_labelled_gb2312_are_read_as_utf8() -> None:
    decoded = decode_page(page("gb2312", GBK_TEXT).encode("utf-8"))
    assert GBK_TEXT in decoded.text
    assert decoded.encoding == "utf-8"


def test_byte_order_mark_wins_over_the_label() -> None:
    data = codecs.BOM_UTF16_LE + page("gb2312", GBK_TEXT).encode("utf-16-le")
    assert GBK_TEXT in decode_page(data).text


def test_a_few_bad_bytes_decode_leniently_and_are_counted() -> None:
    data = page("gbk", GBK_TEXT).encode("gbk")
    broken = data.replace("茶园".encode("gbk"), "茶园".encode("gbk") + b"\xff\xff")
    decoded = decode_page(broken)
    assert "王喆、李堃和陈珺的溪边茶园" in decoded.text
    assert decoded.replaced >= 1


def test_big5_page_decodes_with_its_label() -> None:
    text = "臺灣的溪流與茶園"
    decoded = decode_page(page("big5", text).encode("big5"))
    assert text in decoded.text


@given(st.binary(max_size=2048))
def test_no_byte_string_makes_decoding_raise(data: bytes) -> None:
    decoded = decode_page(data)
    assert isinstance(decoded.text, str)
