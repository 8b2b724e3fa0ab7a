"""Search text: one normalisation and one tokenisation, shared by the index and the query parser.

Normalisation folds what a reader does not tell apart when searching: traditional characters become
simplified (OpenCC's ``t2s`` character table, applied character by character), Latin letters lose case
and accents, full-width ASCII becomes half-width, and white space becomes a plain space. OpenCC is the
reference converter between the two scripts, well kept, and ships its dictionaries in the wheel, so it
works offline. Converting character by character (not OpenCC's phrase mode) keeps the mapping the same
for any substring of a text as for the whole text, which is what substring search needs: a query and
the text around it always normalise alike, and offsets map back one to one for CJK text.

Tokens (what the FTS5 index holds, space-separated, read by FTS5's ``ascii`` tokenizer so that every
non-ASCII character of any Unicode version is a token character): each CJK character on its own, each
overlapping pair of CJK characters, and each Latin word (a run of letters and digits that are not CJK).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

# Scripts written without spaces, indexed by characters and character pairs rather than words:
# Han (with its extensions and compatibility block), kana, hangul, bopomofo, and 々 〆 〇.
_CJK_RANGES = (
    "\u3005-\u3007\u3040-\u30ff\u3100-\u312f\u3131-\u318e\u31a0-\u31bf\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
)
# Patterns are compiled on first use, not at import (about 20 ms of a window's start otherwise). A word
# character is a letter or digit that is not CJK: [^\W_] less the CJK ranges, written as one class.
_SEGMENT = f"([{_CJK_RANGES}]+)|([^\\W_{_CJK_RANGES}]+)"  # a CJK run (group 1) or a word (group 2)
_CJK_RUN = f"[{_CJK_RANGES}]+"
_CJK_CHAR = f"[{_CJK_RANGES}]"
_WORD_CHAR = f"[^\\W_{_CJK_RANGES}]"


@cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


# Four-byte unsigned integers, for building token strings with array slices instead of a loop.
_UINT32 = next(code for code in "IL" if array(code).itemsize == 4)


# Code points OpenCC's t2s tables may change: the Han blocks.
_HAN_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x323B0))
# Code points whose case, accents or width we fold; everything else outside the Han blocks is kept.
_FOLD_BLOCKS = (
    (0x0000, 0x0590),  # Latin, IPA, combining marks, Greek, Cyrillic, Armenian
    (0x1AB0, 0x1B00),  # more combining marks
    (0x1D00, 0x2000),  # phonetic extensions, Latin extended additional, Greek extended
    (0x2000, 0x2070),  # general punctuation: the odd spaces
    (0x2150, 0x2190),  # Roman numerals
    (0x2460, 0x2500),  # circled letters
    (0x2C00, 0x2D30),  # Glagolitic, Latin extended-C, Coptic, Georgian supplement
    (0x3000, 0x3001),  # ideographic space
    (0xA640, 0xA800),  # Cyrillic and Latin extended
    (0xFB00, 0xFB07),  # ligatures
    (0xFE20, 0xFE30),  # combining half marks
    (0xFF01, 0xFF5F),  # full-width ASCII
)


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """The str.translate table of normalisation: built once per process, about 30 ms."""
    import opencc

    table: dict[int, str] = {}
    for start, stop in _FOLD_BLOCKS:
        for code in range(start, stop):
            folded = _fold_char(chr(code))
            if folded != chr(code):
                table[code] = folded
    codes = [code for start, stop in _HAN_BLOCKS for code in range(start, stop)]
    # One character per line, so OpenCC's phrase tables never join neighbours.
    converted = opencc.OpenCC("t2s").convert("\n".join(map(chr, codes))).split("\n")
    if len(converted) == len(codes):
        for code, simple in zip(codes, converted, strict=True):
            if simple != chr(code) and len(simple) == 1:
                table[code] = simple
    return table


def _fold_char(char: str) -> str:
    if "\uff01" <= char <= "\uff5e":
        char = chr(ord(char) - 0xFEE0)
    if char.isspace() and char != "\n":
        return " "
    decomposed = unicodedata.normalize("NFD", char)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    if not stripped and decomposed:
        return ""  # a lone combining mark
    if stripped != decomposed and len(stripped) >= 1:
        char = unicodedata.normalize("NFC", stripped)
    folded = char.casefold()
    # casefold() may decompose again (İ -> i + dot): strip what it adds.
    return "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _uneven_chars() -> re.Pattern[str]:
    """Characters whose normalisation is not exactly one character (ß -> ss, marks -> nothing)."""
    uneven = sorted(chr(code) for code, value in _table().items() if len(value) != 1)
    return re.compile("[" + "".join(re.escape(c) for c in uneven) + "]")


@dataclass(frozen=True)
class _Producers:
    """The normalisation table read backwards."""

    into: dict[str, str]  # for each character written, the characters whose normalisation holds it
    only: dict[str, str]  # for each character written, the characters whose normalisation is just it
    vanishing: str  # the characters whose normalisation is nothing (lone combining marks)
    in_longer: frozenset[str]  # the characters written by normalisations of two or more


@lru_cache(maxsize=1)
def _producers() -> _Producers:
    into: dict[str, list[str]] = {}
    only: dict[str, list[str]] = {}
    vanishing: list[str] = []
    for code, value in _table().items():
        for char in set(value):
            into.setdefault(char, []).append(chr(code))
        if len(value) == 1:
            only.setdefault(value, []).append(chr(code))
        elif not value:
            vanishing.append(chr(code))
    in_longer = frozenset(char for value in _table().values() if len(value) > 1 for char in value)
    return _Producers(
        {c: "".join(v) for c, v in into.items()},
        {c: "".join(v) for c, v in only.items()},
        "".join(vanishing),
        in_longer,
    )


@lru_cache(maxsize=1024)
def _occurrence_patterns(term: str) -> tuple[re.Pattern[str], ...]:
    """Patterns each found in every stored text whose normalised form holds `term` (and in few others).

    Each character of the normalised form comes from one stored character; when none of the term's
    characters can come from a normalisation of two or more (ß -> ss), the term's characters come from
    consecutive stored ones, bar marks that vanish: one pattern, the term's characters in turn. Otherwise
    a pattern per character of the term, for a stored character that writes it.
    """
    producers = _producers()
    if producers.in_longer.isdisjoint(term):
        gap = f"[{re.escape(producers.vanishing)}]*" if producers.vanishing else ""
        return (re.compile(gap.join(f"[{re.escape(c + producers.only.get(c, ''))}]" for c in term)),)
    return tuple(re.compile(f"[{re.escape(c + producers.into.get(c, ''))}]") for c in dict.fromkeys(term))


@lru_cache(maxsize=1)
def _bmp_table() -> list[int | str]:
    """`_table()` as a list indexed by code point over the Basic Multilingual Plane, each character that
    normalisation keeps mapped to itself: str.translate reads a list 2.5 times as fast as a dict (it is
    every character an import indexes). About 2.5 MB, built on first use."""
    table = _table()
    return [table.get(code, code) for code in range(0x10000)]


@cache
def _astral() -> re.Pattern[str]:
    return re.compile("[\U00010000-\U0010ffff]")


def normalise(text: str) -> str:
    """The text as the index and the query compare it: simplified, case- and accent-folded."""
    if _astral().search(text):  # beyond the list: the rare text with such characters takes the dict
        return text.translate(_table())
    return text.translate(_bmp_table())


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text, and for each of its characters the index of the character it came from.

    The list has one more entry than the text, `len(text)`, so a span's end maps too.
    """
    normal = normalise(text)
    return normal, offsets_of(text, normal)


def offsets_of(text: str, normal: str) -> list[int]:
    """`normalise_with_offsets(text)[1]`, given `normal`, the normalised text."""
    if len(normal) == len(text) and not _uneven_chars().search(text):
        return list(range(len(text) + 1))
    table = _table()
    offsets: list[int] = []
    for at, char in enumerate(text):
        offsets.extend([at] * len(table.get(ord(char), char)))
    offsets.append(len(text))
    return offsets


def index_tokens(normal: str) -> str:
    """The FTS5 column text for normalised text: CJK characters, CJK pairs, and words, space-separated.

    Each CJK run gives its characters, then its overlapping pairs; each word itself; in text order.
    """
    return tokens_and_long_pairs(normal)[0]


def tokens_and_long_pairs(normal: str) -> tuple[str, list[str]]:
    """`index_tokens(normal)`, and the pairs of each CJK run of three or more characters (`pair_tokens`).

    Runs at import time for every article, so it avoids a Python step per character: every character
    and every adjacent pair of the text is laid out once, space-separated, by array slices, and each CJK
    run takes its characters and pairs from those as two string slices.
    """
    size = len(normal)
    codes = array(_UINT32)
    codes.frombytes(normal.encode("utf-32-le", "surrogatepass"))
    spaced = array(_UINT32, [32]) * (2 * size)  # "c0 c1 c2 … "
    spaced[0::2] = codes
    chars = spaced.tobytes().decode("utf-32-le", "surrogatepass")
    pairs = ""
    if size > 1:
        joined = array(_UINT32, [32]) * (3 * size - 3)  # "c0c1 c1c2 … "
        joined[0::3] = codes[:-1]
        joined[1::3] = codes[1:]
        pairs = joined.tobytes().decode("utf-32-le", "surrogatepass")
    out: list[str] = []
    long_pairs: list[str] = []
    for match in _pattern(_SEGMENT).finditer(normal):
        start, end = match.span()
        if match.lastindex == 2 or end - start == 1:
            out.append(match.group())
            continue
        out.append(chars[2 * start : 2 * end - 1])
        run_pairs = pairs[3 * start : 3 * end - 4]
        out.append(run_pairs)
        if end - start > 2:
            long_pairs.append(run_pairs)
    return " ".join(out), long_pairs


# Between two runs in `pair_tokens`, so that a phrase never joins the last pair of one run to the first
# of the next. Not a CJK or word character, so no query token can be it.
RUN_BREAK = "\u3013"


def pair_tokens(normal: str) -> str:
    """The pairs of each CJK run of three or more characters, in order, runs separated by RUN_BREAK."""
    return join_long_pairs(tokens_and_long_pairs(normal)[1])


def join_long_pairs(long_pairs: list[str]) -> str:
    """The `pair_tokens` column text for the long runs' pairs of a text (runs never span a line, so the
    pairs of several lines are theirs in turn)."""
    return f" {RUN_BREAK} ".join(long_pairs)


def is_word_char(char: str) -> bool:
    """A letter or digit of a spaced script: Latin words are matched whole, so these bound them."""
    return bool(_pattern(_WORD_CHAR).match(char))


def is_cjk(char: str) -> bool:
    return bool(_pattern(_CJK_CHAR).match(char))


# -- queries ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One thing every hit must contain: normalised text, and whether its last word is a prefix.

    A term matches where its text occurs as a substring of the normalised field text, except that a
    Latin word at either end of it must not continue into more letters or digits in the text (so
    "read" does not find "bread" or "reader"); with `prefix`, the last word may continue ("read*").
    """

    text: str
    prefix: bool = False

    @property
    def tokens(self) -> list[str]:
        """The index tokens every matching article holds (a CJK run gives its pairs, or its one char)."""
        out: list[str] = []
        for match in _pattern(_SEGMENT).finditer(self.text):
            run = match.group(1)
            if run is None:
                out.append(match.group(2))
            elif len(run) == 1:
                out.append(run)
            else:
                out.extend(map(str.__add__, run, run[1:]))
        return out

    @property
    def exact(self) -> bool:
        """Whether the index alone decides this term: one CJK character or pair, or one whole word."""
        segments = list(_pattern(_SEGMENT).finditer(self.text))
        if len(segments) != 1 or segments[0].group(0) != self.text:
            return False
        run = segments[0].group(1)
        return run is None or len(run) <= 2

    @property
    def phrase_exact(self) -> bool:
        """Whether `search_pairs` alone decides this term: one CJK run of three or more characters."""
        return len(self.text) > 2 and bool(_pattern(_CJK_RUN).fullmatch(self.text))

    def pairs_expression(self) -> str:
        """A MATCH expression on `search_pairs`: each CJK run of 3+ characters as the phrase of its pairs.

        Empty when the term has no such run. Pairs are adjacent in that table only within a run, so for a
        term that is one run the phrase matches exactly the articles holding the term.
        """
        runs = [run for run in _pattern(_CJK_RUN).findall(self.text) if len(run) > 2]
        return " AND ".join('"' + " ".join(map(str.__add__, run, run[1:])) + '"' for run in runs)

    def fts_expression(self) -> str:
        """An FTS5 MATCH expression every article holding this term satisfies (tokens ANDed)."""
        tokens = self.tokens
        parts = [f'"{token}"' for token in tokens]
        if self.prefix and parts and self._ends_with_word():
            parts[-1] += "*"
        return " AND ".join(parts)

    def _ends_with_word(self) -> bool:
        return bool(self.text) and is_word_char(self.text[-1])

    def spans(self, normal: str) -> Iterator[tuple[int, int]]:
        """Where the term occurs in normalised text, by the rule in the class docstring."""
        if not self.text:
            return
        start_bound = is_word_char(self.text[0])
        end_bound = is_word_char(self.text[-1])
        at = normal.find(self.text)
        while at >= 0:
            end = at + len(self.text)
            if start_bound and at > 0 and is_word_char(normal[at - 1]):
                ok = False
            elif self.prefix and end_bound:
                ok = True
                while end < len(normal) and is_word_char(normal[end]):
                    end += 1
            else:
                ok = not (end_bound and end < len(normal) and is_word_char(normal[end]))
            if ok:
                yield at, end
            at = normal.find(self.text, at + 1)

    def may_occur_in(self, text: str) -> bool:
        """False when the term cannot occur in `normalise(text)`, by a quick test on the stored text (see
        `_occurrence_patterns`), to skip normalising most of it."""
        return bool(self.text) and all(pattern.search(text) for pattern in _occurrence_patterns(self.text))

    def occurs_in(self, normal: str) -> bool:
        return next(self.spans(normal), None) is not None


_QUERY_PART = r'"([^"]*)"?|(\S+)'


def parse_query(query: str) -> list[Term]:
    """The terms of a query: space-separated words, or "quoted phrases"; a trailing * makes a prefix.

    Never raises. Terms without a letter, digit or CJK character cannot be looked up in the index and
    are dropped, as are repeats.
    """
    terms: list[Term] = []
    for match in _pattern(_QUERY_PART).finditer(query.replace("\u201c", '"').replace("\u201d", '"')):
        phrase, word = match.group(1), match.group(2)
        raw = phrase if phrase is not None else word
        prefix = raw.rstrip().endswith("*")
        text = " ".join(normalise(raw.rstrip().rstrip("*")).split())
        term = Term(text, prefix and bool(text) and is_word_char(text[-1]))
        if term.tokens and term not in terms:
            terms.append(term)
    return terms
