"""Index tokens: the array-slice tokeniser writes exactly what the plain per-character version wrote.

The reference below is the tokeniser of index version 2 as first written (regular expressions and a join
per pair). The index format must not change with the speed-up, or stores would hold tokens that queries
no longer produce; so the output is pinned to it, character for character, on varied text.
"""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from benchmarks.search import synthetic_articles
from reader.store.search_index import SearchFields
from reader.store.search_text import (
    _CJK_RANGES,
    _WORD_CHAR,
    RUN_BREAK,
    index_tokens,
    normalise,
    pair_tokens,
)

_OLD_CJK_RUN = f"[{_CJK_RANGES}]+"
_OLD_SEGMENT = re.compile(f"({_OLD_CJK_RUN})|((?:(?![{_CJK_RANGES}])[^\\W_])+)")
_OLD_CJK_SEGMENT = re.compile(_OLD_CJK_RUN)
_OLD_WORD_CHAR = re.compile(f"(?![{_CJK_RANGES}])[^\\W_]")


def _old_index_tokens(normal: str) -> str:
    out: list[str] = []
    for match in _OLD_SEGMENT.finditer(normal):
        run = match.group(1)
        if run is None:
            out.append(match.group(2))
            continue
        out.append(" ".join(run))
        if len(run) > 1:
            out.append(" ".join(map(str.__add__, run, run[1:])))
    return " ".join(out)


def _old_pair_tokens(normal: str) -> str:
    runs = [run for run in _OLD_CJK_SEGMENT.findall(normal) if len(run) > 2]
    return f" {RUN_BREAK} ".join(" ".join(map(str.__add__, run, run[1:])) for run in runs)


def _old_columns(fields: SearchFields) -> tuple[str, str, str, str, str]:
    normal = [normalise(t) for t in (fields.title, fields.subtitle, fields.byline)]
    body = normalise("\n".join(fields.body))
    title, subtitle, byline = (_old_index_tokens(t) for t in normal)
    everything = " ".join((title, subtitle, byline, _old_index_tokens(body)))
    return everything, title, subtitle, byline, _old_pair_tokens("\n".join((*normal, body)))


# Every kind of character the tokeniser tells apart: Han (common, extension A and B, compatibility),
# kana, hangul, bopomofo, 々〇, Latin with marks, digits of several scripts, underscore, punctuation
# (ASCII and CJK), spaces and line breaks, the run break itself, and lone surrogates.
_ALPHABET = st.sampled_from(
    [
        *"中国人民经济发展的一了㐀𠀀豈かなカナ한국ㄅ々〇abcXYZéß0123٣७_ \n\t,.!?-'，。！、：「」",
        *("e\u0301", RUN_BREAK, "\ud800", "\udfff"),
    ]
)
_TEXT = st.lists(_ALPHABET, max_size=60).map("".join)


@given(_TEXT)
def test_index_tokens_are_the_reference_tokens(text: str) -> None:
    assert index_tokens(text) == _old_index_tokens(text)
    assert pair_tokens(text) == _old_pair_tokens(text)


@given(st.text())
def test_index_tokens_are_the_reference_tokens_for_any_text(text: str) -> None:
    assert index_tokens(text) == _old_index_tokens(text)
    assert pair_tokens(text) == _old_pair_tokens(text)


@given(st.lists(_TEXT, min_size=5, max_size=8))
def test_article_columns_are_the_reference_columns(texts: list[str]) -> None:
    title, subtitle, author, summary, *body = texts
    fields = SearchFields(title, subtitle, (author,), summary, tuple(body))
    assert fields.columns() == _old_columns(fields)


def test_generated_articles_give_the_reference_columns() -> None:
    for article in synthetic_articles(40, seed=7):
        fields = SearchFields(
            article.title,
            article.subtitle or "",
            article.authors,
            article.summary or "",
            tuple(article.texts()),
        )
        assert fields.columns() == _old_columns(fields)


def test_word_characters_are_the_reference_class_for_every_code_point() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    reference = [m.start() for m in _OLD_WORD_CHAR.finditer(every)]
    assert [m.start() for m in re.finditer(_WORD_CHAR, every)] == reference
