"""Text clean-up: white space, indentation and typesetting artefacts, and never NFKC."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.domain.text import clean_text


def test_indentation_and_runs_of_spaces_collapse() -> None:
    assert clean_text("\u3000\u3000\xa0 第一句。  第二句。\t") == "第一句。 第二句。"


def test_digits_split_by_typesetting_spaces_are_joined() -> None:
    assert clean_text("党员7 8 . 1 2万人，增长5 . 6%") == "党员78.12万人，增长5.6%"


def test_separate_numbers_stay_separate() -> None:
    assert clean_text("2014 2015年，第 3 名，1 2") == "2014 2015年，第 3 名，1 2"


def test_source_line_breaks_between_chinese_characters_vanish() -> None:
    assert clean_text("座谈会暨\n  专业市场") == "座谈会暨专业市场"
    assert clean_text("Hello\nworld") == "Hello world"


def test_full_width_characters_are_not_folded() -> None:
    text = "（图/李强）：“好！”１２３ＡＢＣ"
    assert clean_text(text) == text


@given(st.text())
def test_clean_text_is_idempotent_and_never_nfkc_folds(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    for char in "（），：；！？“”１Ａ":
        assert once.count(char) == text.count(char)
