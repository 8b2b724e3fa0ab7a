"""Parse how magazines print an issue: 2016年第1期, 2016年1期, 2016年第01期, 总第123期, 2016.01."""

from __future__ import annotations

import re

from reader.domain.article import IssueLabel

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

_YEAR_ISSUE = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年\s*(?:第\s*)?(?P<num>\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:期|月号|月刊)"
)
_TOTAL = re.compile(r"总\s*第?\s*(?P<total>\d{1,5})\s*期")
_DOTTED = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*[.\-/]\s*(?P<num>\d{1,2})(?![\d.\-/])")
_TOTAL_ONLY = re.compile(r"(?<!\d)第\s*(?P<total>\d{1,5})\s*期")


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_DIGITS.get(tens, 0) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text, 0)


def parse_issue_label(text: str) -> IssueLabel | None:
    """The first issue named in `text`, or None.

    The label is kept as printed (normalised for white space); year and number are parsed so issues sort
    correctly. "总第123期" alone becomes an issue without a year, numbered by its running total.
    """
    text = " ".join(text.split())
    if not text:
        return None
    total_match = _TOTAL.search(text)
    total = int(total_match.group("total")) if total_match else None
    match = _YEAR_ISSUE.search(text)
    if match:
        number = _cn_number(match.group("num"))
        if 1 <= number <= 99:
            label = match.group(0).replace(" ", "")
            return IssueLabel(label=label, year=int(match.group("year")), number=number, total=total)
    match = _DOTTED.search(text)
    if match:
        number = int(match.group("num"))
        if 1 <= number <= 53:
            return IssueLabel(
                label=match.group(0).replace(" ", ""),
                year=int(match.group("year")),
                number=number,
                total=total,
            )
    if total_match:
        return IssueLabel(label=total_match.group(0).replace(" ", ""), year=None, number=None, total=total)
    match = _TOTAL_ONLY.search(text)
    if match:
        total = int(match.group("total"))
        return IssueLabel(label=match.group(0).replace(" ", ""), year=None, number=None, total=total)
    return None


def issue_sort_key(issue: IssueLabel) -> tuple[int, int, int, str]:
    """Chronological order: year, number, running total; unknown parts sort last."""
    big = 1 << 30
    return (
        issue.year if issue.year is not None else big,
        issue.number if issue.number is not None else big,
        issue.total if issue.total is not None else big,
        issue.label,
    )
