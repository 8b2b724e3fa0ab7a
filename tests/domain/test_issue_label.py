"""Issue labels as magazines print them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.domain.issue_label import issue_sort_key, parse_issue_label


@pytest.mark.parametrize(
    ("text", "year", "number", "total"),
    [
        ("标签:2016年第1期", 2016, 1, None),
        ("2016年1期", 2016, 1, None),
        ("2016年第01期", 2016, 1, None),
        ("2016年第12期（总第123期）", 2016, 12, 123),
        ("2016.01", 2016, 1, None),
        ("2016-03", 2016, 3, None),
        ("2016年第十二期", 2016, 12, None),
        ("总第123期", None, None, 123),
    ],
)
def test_usual_forms_parse(text: str, year: int | None, number: int | None, total: int | None) -> None:
    issue = parse_issue_label(text)
    assert issue is not None
    assert (issue.year, issue.number, issue.total) == (year, number, total)


@pytest.mark.parametrize("text", ["", "杂志简介", "2016年", "第1名", "电话 010-82262016"])
def test_text_without_an_issue_gives_none(text: str) -> None:
    assert parse_issue_label(text) is None


def test_issues_sort_chronologically() -> None:
    labels = ["2016年第2期", "2015年第12期", "2016年第10期", "2016年第1期"]
    issues = [parse_issue_label(t) for t in labels]
    ordered = sorted((i for i in issues if i), key=issue_sort_key)
    assert [i.label for i in ordered] == ["2015年第12期", "2016年第1期", "2016年第2期", "2016年第10期"]


@given(st.text(max_size=200))
def test_any_text_parses_or_gives_none_without_raising(text: str) -> None:
    issue = parse_issue_label(text)
    if issue is not None:
        assert issue.label
        assert issue.number is None or 1 <= issue.number <= 99
