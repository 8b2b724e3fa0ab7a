"""Search fields read from an articles row: the body's text is what the domain's blocks give, exactly."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from reader.domain.article import Article, block_from_json
from reader.store.search_index import SearchFields


def _reference(row: tuple[Any, ...]) -> SearchFields:
    """SearchFields.from_row as first written: every block rebuilt by the domain, then Article.texts()."""
    title, subtitle, authors, summary, blocks = row
    try:
        author_list = tuple(str(a) for a in json.loads(str(authors)))
    except (ValueError, TypeError):
        author_list = ()
    try:
        parsed = tuple(block_from_json(b) for b in json.loads(str(blocks)) if isinstance(b, dict))
    except (ValueError, TypeError):
        parsed = ()
    texts = Article(uid="", title="", file="", blocks=parsed).texts()
    return SearchFields(str(title or ""), str(subtitle or ""), author_list, str(summary or ""), tuple(texts))


_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from(["", "中文", "2", "x"]),
    st.just([1, "a"]),
    st.just({}),
)
_KINDS = ["paragraph", "heading", "quote", "list", "table", "figure", "video"]
_FIELDS = {
    "text": _VALUE,
    "level": _VALUE,
    "items": st.one_of(_VALUE, st.lists(_VALUE, max_size=3)),
    "rows": st.one_of(_VALUE, st.lists(st.one_of(_VALUE, st.lists(_VALUE, max_size=2)), max_size=2)),
    "caption": _VALUE,
    "credit": _VALUE,
    "image": st.one_of(_VALUE, st.just({"sha256": "ab", "mime": "image/png", "file": "x.png"})),
}
_BLOCK = st.one_of(
    st.fixed_dictionaries({"type": st.sampled_from(_KINDS), **_FIELDS}),  # every field there
    st.fixed_dictionaries({"type": st.one_of(st.sampled_from(_KINDS), _VALUE)}, optional=_FIELDS),
    _VALUE,
)


@given(st.lists(_BLOCK, max_size=6))
@example([{"type": "paragraph", "text": "正文"}, {"type": "heading", "text": "标题", "level": "x"}])
@example([{"type": "heading", "text": "标题", "level": [1]}, {"type": "list", "items": 3}])
@example([{"type": "table", "rows": [1]}, {"type": "figure", "caption": "图", "credit": ""}])
@example([{"type": ["heading"], "text": "未知"}, {"text": "无类型"}, "字符串", None])
def test_body_texts_are_what_the_domain_blocks_give(blocks: list[object]) -> None:
    row = ("标题", None, '["作者"]', "摘要", json.dumps(blocks, ensure_ascii=False))
    assert SearchFields.from_row(row) == _reference(row)


@given(st.sampled_from(["", "null", "3", '{"type": "paragraph"}', '"text"', "[", "[[]]", "[null, 1]"]))
def test_damaged_or_odd_bodies_read_as_the_domain_reads_them(blocks: str) -> None:
    row = ("标题", "副", "not json", None, blocks)
    assert SearchFields.from_row(row) == _reference(row)
