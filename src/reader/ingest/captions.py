"""Split a photo caption from its credit: "(图/ 李强)", "（图/李强）", "记者 张三 摄", "（摄影：王五）"."""

from __future__ import annotations

import re

_NAME = r"[^()（）\s][^()（）]*?"
_CREDIT_PATTERNS = [
    # (图/ 李强)  （图/李强）  (摄影：王五)  （图片来源：新华社）  (供图/某某)
    re.compile(
        r"\s*[(（]\s*(?:图|图片|图文|摄影|摄|供图|图片来源|照片)\s*[/／:：丨|]\s*(?P<who>"
        + _NAME
        + r")\s*[)）]\s*$"
    ),
    # （李强 摄）  (张三/摄)
    re.compile(r"\s*[(（]\s*(?P<who>" + _NAME + r")\s*/?\s*(?:摄|供图|摄影)\s*[)）]\s*$"),
    # 记者 张三 摄   本刊记者 张三 李四 摄   通讯员 王五摄
    re.compile(
        r"\s*(?:(?:本刊|特约|摄影)?记者|通讯员|摄影)\s*[:：]?\s*(?P<who>[^\s（）()]{1,12}(?:\s[^\s（）()]{1,12}){0,2})"
        r"\s*摄\s*$"
    ),
    # 图/李强   摄影：王五   (at the end, unbracketed)
    re.compile(r"\s*(?:图|摄影|图片)\s*[/／:：丨|]\s*(?P<who>[^\s（）()]{1,20}(?:\s[^\s（）()]{1,12})?)\s*$"),
    # 张三 摄
    re.compile(r"\s+(?P<who>[\u4e00-\u9fff·]{2,5})\s*摄\s*$"),
]


def split_credit(caption: str) -> tuple[str | None, str | None]:
    """(caption, credit): either may be None. The caption keeps its full-width punctuation."""
    text = caption.strip()
    for pattern in _CREDIT_PATTERNS:
        match = pattern.search(text)
        if match:
            who = " ".join(match.group("who").split())
            rest = text[: match.start()].strip()
            return (rest or None), (who or None)
    return (text or None), None
