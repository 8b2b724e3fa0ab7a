"""Turn a saved page's bytes into text: BOM, strict UTF-8, the declared charset, then lenient decoding.

DedeCMS's GBK edition labels its pages gb2312 but writes GBK characters (喆 堃 珺), and lxml given that
label stops at the first character outside GB2312 and drops the rest of the page. So we decode the bytes
ourselves, mapping gb2312/gbk to their superset gb18030, before lxml ever sees them.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
# Labels that name a subset of what the pages really contain.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb_2312-80": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec that decoded the page
    declared: str | None  # the label the page carried, if any
    replaced: int  # number of undecodable bytes replaced (0 for a clean page)


def declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.lower()
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_page(data: bytes, label: str | None = None) -> Decoded:
    """Decode a page; never raises. `replaced` counts the bytes that had to be replaced.

    `label` is a charset named outside the page (an MHTML part's Content-Type); it outranks <meta>.
    """
    declared = label.lower() if label else declared_charset(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text, replaced = _lenient(data, codec)
            return Decoded(text, codec, declared, replaced)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", declared, 0)
    except UnicodeDecodeError:
        pass
    codec = _codec(declared) or "gb18030"
    if codec.replace("_", "-") in ("utf-8", "utf8"):
        # Labelled UTF-8 but is not: most saved Chinese pages that lie are GBK.
        codec = "gb18030"
    try:
        return Decoded(data.decode(codec), codec, declared, 0)
    except UnicodeDecodeError:
        pass
    # A few bad bytes: pick whichever of the declared codec and UTF-8 loses fewer bytes.
    candidates = [(*_lenient(data, c), c) for c in dict.fromkeys((codec, "utf-8", "gb18030"))]
    text, replaced, best = min(candidates, key=lambda item: item[1])
    return Decoded(text, best, declared, replaced)


def _lenient(data: bytes, codec: str) -> tuple[str, int]:
    text = data.decode(codec, errors="replace")
    return text, text.count("\ufffd")
