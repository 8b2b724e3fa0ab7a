"""Search normalisation, tokens and the query parser: never raise, fold scripts, case and accents alike."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from reader.store.search_text import (
    Term,
    _table,
    index_tokens,
    normalise,
    normalise_with_offsets,
    pair_tokens,
    parse_query,
)


def test_traditional_and_simplified_normalise_to_the_same_text() -> None:
    assert normalise("中國經濟發展") == normalise("中国经济发展") == "中国经济发展"


def test_latin_case_accents_and_full_width_fold_away() -> None:
    assert normalise("CAFÉ Café ｃａｆｅ") == "cafe cafe cafe"


def test_every_character_normalises_alike_alone_and_beside_characters_beyond_the_bmp() -> None:
    # normalise reads a list for text within the BMP and the table itself otherwise: the index must not
    # depend on which. (Ext. B has traditional characters OpenCC simplifies: 𠌥 and friends.)
    table = _table()
    bmp = "".join(map(chr, range(0x10000)))
    assert normalise(bmp) == bmp.translate(table)
    astral = "".join(chr(code) for code in table if code > 0xFFFF)
    assert astral
    assert normalise(bmp + astral) == (bmp + astral).translate(table)
    assert normalise("ＡＢ學" + astral[0]) == "ab学" + table[ord(astral[0])]


def test_offsets_map_normalised_characters_back_when_lengths_change() -> None:
    normal, offsets = normalise_with_offsets("Straße學")
    assert normal == "strasse学"
    assert offsets[normal.index("学")] == 6
    assert offsets[-1] == 7


def test_tokens_are_cjk_characters_pairs_and_words() -> None:
    assert index_tokens(normalise("iPhone手機好")).split() == ["iphone", "手", "机", "好", "手机", "机好"]


def test_query_terms_phrases_and_prefixes() -> None:
    terms = parse_query('中國 "Hello  World" read* ，')
    assert terms == [Term("中国"), Term("hello world"), Term("read", prefix=True)]


def test_one_character_pair_and_word_are_decided_by_the_index_alone() -> None:
    assert Term("中").exact and Term("中国").exact and Term("read", prefix=True).exact
    assert not Term("中国人").exact and not Term("hello world").exact and not Term("iphone手").exact


def test_latin_word_matches_whole_unless_prefix() -> None:
    assert not Term("read").occurs_in("the reader")
    assert Term("read", prefix=True).occurs_in("the reader")
    assert Term("read").occurs_in("读read书")


@given(st.text())
def test_query_parser_never_raises_and_every_term_has_an_index_expression(query: str) -> None:
    for term in parse_query(query):
        assert term.fts_expression()
        assert term.text == normalise(term.text)


@given(st.text())
def test_normalise_with_offsets_has_an_offset_for_every_character(text: str) -> None:
    normal, offsets = normalise_with_offsets(text)
    assert normal == normalise(text)
    assert len(offsets) == len(normal) + 1
    assert offsets == sorted(offsets)
    assert all(0 <= at <= len(text) for at in offsets)
    index_tokens(normal)


def test_pair_tokens_keep_runs_apart_so_a_phrase_never_spans_punctuation() -> None:
    tokens = pair_tokens("一上，上丅且\n中国人").split()
    assert "上丅" in tokens and "一上" not in tokens  # a two-character run has no phrase to be in
    assert tokens.index("中国") - tokens.index("丅且") == 2  # a break token between the runs


def test_long_cjk_term_is_a_phrase_of_its_pairs() -> None:
    (term,) = parse_query("中国人民")
    assert term.phrase_exact and not term.exact
    assert term.pairs_expression() == '"中国 国人 人民"'
    (mixed,) = parse_query("iphone中国人")
    assert not mixed.phrase_exact and mixed.pairs_expression() == '"中国 国人"'


_STORED = st.lists(st.sampled_from([*"中國国經经濟济人民ßSsCcÇçＣｃé\u0301 ，ﬁFIẚa", "Café", "İ"])).map(
    "".join
)


@given(_STORED, st.text())
@example("经\u0301濟 and 中\u0301\u0302國", "")  # marks that vanish between two characters of a term
@example("ﬁne Straße", "fine strasse")  # one stored character for two of the term's
def test_a_term_may_occur_in_every_text_whose_normalised_form_holds_it(text: str, query: str) -> None:
    """The quick test on stored text never rules out a piece where the term occurs (snippets rely on it)."""
    for term in parse_query(f"{query} {text[len(text) // 2 :]} {text[:3]}"):
        if term.occurs_in(normalise(text)):
            assert term.may_occur_in(text)
