"""Text clean-up for Chinese pages: indentation, white space, typesetting artefacts. Never NFKC."""

from __future__ import annotations

import re

# Characters that pages use to indent or pad: ASCII space and tab, no-break space, ideographic space,
# zero-width characters, and the line breaks of the HTML source.
_SPACE_CLASS = "[ \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\u200c\u200d\ufeff]"
_SPACES = re.compile(_SPACE_CLASS + "+")
_ANY_SPACE = re.compile(_SPACE_CLASS)
_SPACES_WITH_NEWLINE = re.compile(_SPACE_CLASS + r"*[\r\n]" + _SPACE_CLASS + "*")
# A run of three or more single digits or points each separated by one space ("7 8 . 1 2"): a
# typesetting artefact, never written on purpose.
_SPACED_DIGITS = re.compile(r"(?<![\d.])[\d.](?: [\d.]){2,}(?![\d.])")
_CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])\n(?=[{_CJK}])")


def clean_text(text: str) -> str:
    """Collapse white space, drop indentation, and join digits split by typesetting spaces.

    A line break of the page's source between two CJK characters is dropped rather than turned into a
    space: Chinese is written without spaces, so "暨<br>\\n专业市场" reads "暨专业市场".
    """
    if not _ANY_SPACE.search(text):
        return text  # most runs of Chinese text: nothing to do
    text = _SPACES_WITH_NEWLINE.sub("\n", text)
    text = _CJK_BREAK.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    if " " in text:
        text = _SPACED_DIGITS.sub(lambda m: m.group(0).replace(" ", ""), text)
    return text


def is_cjk(char: str) -> bool:
    return bool(_CJK_CHAR.match(char))
