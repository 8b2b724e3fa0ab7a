"""Full-text search of a store for Chinese and Latin text: exact substring hits, ranked, with snippets.

How a query runs: `parse_query` splits it into terms and normalises them like the index text
(simplified script, folded case and accents: see `search_text`). The index decides most terms alone:
`search_index` one CJK character or pair, or one word; `search_pairs` a CJK run of three or more
characters, as the phrase of its pairs. Only terms that mix scripts or hold spaces or punctuation are
checked, as substrings of each candidate's normalised fields, so no article is returned that does not
contain every term, and none that does is missed. When the index decides every term, one query reads
the newest RANKED_HITS + 1 hits; if there are more, the older ones are only counted, in SQL. Ranking:
articles whose title holds the whole query come first, then those whose subtitle or byline does, then the
rest; within each, bm25 over the body plus bm25 over title (weight 10), subtitle (6) and byline (2). When
more than RANKED_HITS articles match, bm25 is skipped for speed and each group comes newest import first,
read from the index only as far as the page needs; the same when more than RANKED_HITS articles hold the
tokens of a CJK term of three or more characters. Snippets normalise only the pieces of text that may
hold a hit (`Term.may_occur_in`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from reader.domain.progress import Reporter
from reader.store.connection import DAMAGE_ERRORS, open_for_writing
from reader.store.errors import StoreError
from reader.store.reader import CATEGORY_SEPARATOR, ArticleStore
from reader.store.search_index import ROW_COLUMNS, SearchFields, search_index_current
from reader.store.search_text import Term, normalise, offsets_of, parse_query

RANKED_HITS = 1000
SNIPPET_BEFORE = 20
SNIPPET_LENGTH = 80
MARK_OPEN, MARK_CLOSE = "[", "]"
_TITLE_BONUS, _SUBTITLE_BONUS = 100.0, 10.0
_CHUNK = 500
# Membership in a list of ids passed as one JSON array: SQLite before 3.32 allows only 999 parameters.
# The + keeps SQLite from handing the list to FTS5 as one lookup per id.
_IN_JSON = "+{} IN (SELECT value FROM json_each(?))"


@dataclass(frozen=True)
class SearchFilters:
    year: int | None = None
    issue: str | None = None  # an issue's label as printed ("2016年第1期") or its key ("2016-01")
    category: str | None = None  # a section, or "section > subsection": that category and those below


@dataclass(frozen=True)
class SearchHit:
    uid: str
    title: str
    score: float
    snippet_text: str  # plain text around the first hit, "…" where cut
    highlights: tuple[tuple[int, int], ...]  # [start, end) spans of hits within snippet_text

    @property
    def snippet(self) -> str:
        """The snippet with each hit between MARK_OPEN and MARK_CLOSE, for plain-text output."""
        out: list[str] = []
        at = 0
        for start, end in self.highlights:
            out += [self.snippet_text[at:start], MARK_OPEN, self.snippet_text[start:end], MARK_CLOSE]
            at = end
        out.append(self.snippet_text[at:])
        return "".join(out)


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int  # every matching article, before the limit
    hits: tuple[SearchHit, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [
                {"uid": h.uid, "title": h.title, "snippet": h.snippet, "score": round(h.score, 4)}
                for h in self.hits
            ],
        }


def store_connection(store: ArticleStore) -> sqlite3.Connection:
    """The store's read-only connection: search is part of the store layer, so it may use it directly."""
    return store._conn


def warm_up() -> None:
    """Build what every search needs once per process (the normalisation table from OpenCC's, the term
    patterns): some 60-100 ms that the window spends off the GUI thread before the reader's first query."""
    parse_query("繁體 warm 2016年")


def search_store(
    store: ArticleStore,
    query: str,
    *,
    limit: int = 20,
    filters: SearchFilters = SearchFilters(),
    reporter: Reporter | None = None,
) -> SearchResult:
    """The articles containing every term of `query`, best first; `limit` <= 0 returns them all.

    A store whose index another version built is reindexed first, reporting to `reporter`."""
    terms = parse_query(query)
    if not terms:
        return SearchResult(query, 0)
    conn = store_connection(store)
    try:
        current = search_index_current(conn)
    except DAMAGE_ERRORS as exc:
        raise StoreError(f"{store.path}: search failed ({exc})") from None
    if not current:
        # A store indexed by another version: the write connection's migration rebuilds the index.
        open_for_writing(store.path, reporter).close()
    try:
        return _search(conn, query, terms, limit, filters)
    except (*DAMAGE_ERRORS, ValueError, TypeError) as exc:  # damaged bytes or values in the store
        raise StoreError(f"{store.path}: search failed ({exc})") from None


def _search(
    conn: sqlite3.Connection, query: str, terms: list[Term], limit: int, filters: SearchFilters
) -> SearchResult:
    where, params = _filter_sql(conn, filters)
    if where is None:
        return SearchResult(query, 0)
    expression = " AND ".join(f"({term.fts_expression()})" for term in terms)
    unsure = [term for term in terms if not (term.exact or term.phrase_exact)]
    candidates, args = _candidates(terms, where, params)
    if unsure:
        hits = _confirmed(conn, candidates, args, unsure)
        total = len(hits)
        large = total > RANKED_HITS
    else:
        # The newest hits, one more than bm25 ranks: a small result is read whole in this one pass over the
        # index, and a large one's newest hits settle most of its page without reading the phrase again.
        newest = [
            int(r[0])
            for r in conn.execute(f"{candidates} ORDER BY x.rowid DESC LIMIT ?", (*args, RANKED_HITS + 1))
        ]
        if len(newest) <= RANKED_HITS:
            hits, total = newest, len(newest)
            large = _tokens_common(conn, terms, expression)
        else:
            # Only the older hits are left to count: every hit down to the oldest of `newest` is in it.
            older = f"SELECT count(*) FROM ({candidates} AND x.rowid < ?)"
            total = len(newest) + int(conn.execute(older, (*args, newest[-1])).fetchone()[0])
            large = True
            if 0 < limit < total:
                # Too many to rank by bm25 anyway: each tier newest first, read only as far as the page.
                chosen, scores = _newest_by_tier(conn, terms, newest, where=where, params=params, limit=limit)
                return SearchResult(query, total, tuple(_hits(conn, chosen, terms, scores)))
            hits = [int(r[0]) for r in conn.execute(candidates, args)]
    scores = _rank(conn, expression, hits, with_bm25=not large)
    ordered = sorted(hits, key=lambda id_: (-scores.get(id_, 0.0), -id_))
    chosen = ordered if limit <= 0 else ordered[:limit]
    return SearchResult(query, total, tuple(_hits(conn, chosen, terms, scores)))


def _tokens_common(conn: sqlite3.Connection, terms: list[Term], expression: str) -> bool:
    """Whether more than RANKED_HITS articles hold the tokens of a phrase term: scoring them is a scan
    of every one (FTS5 cannot compute bm25 for a chosen few rows without rereading the doclists)."""
    if not any(term.phrase_exact for term in terms):
        return False
    sql = "SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT ?)"
    return int(conn.execute(sql, (expression, RANKED_HITS + 1)).fetchone()[0]) > RANKED_HITS


def _candidates(terms: list[Term], where: str, params: list[object]) -> tuple[str, list[object]]:
    """SQL selecting the row ids the index finds for `terms` (within the filters), and its parameters.

    `search_index` decides the terms of one CJK character or pair or one word; `search_pairs` the CJK
    runs of three or more characters, as phrases of their pairs. Other terms still need `_confirmed`.
    """
    main = " AND ".join(f"({t.fts_expression()})" for t in terms if not t.phrase_exact)
    pairs = " AND ".join(f"({t.pairs_expression()})" for t in terms if t.pairs_expression())
    table, expression = ("search_index", main) if main else ("search_pairs", pairs)
    sql = f"SELECT x.rowid FROM {table} x WHERE {table} MATCH ?{where}"
    args: list[object] = [expression, *params]
    if main and pairs:
        # The + keeps SQLite from handing the list to FTS5 as one rowid lookup per value (seconds for a
        # common phrase): the subquery is read once and each row is tested against it.
        sql += " AND +x.rowid IN (SELECT rowid FROM search_pairs WHERE search_pairs MATCH ?)"
        args.append(pairs)
    return sql, args


def _newest_by_tier(
    conn: sqlite3.Connection,
    terms: list[Term],
    newest: list[int],
    *,
    where: str,
    params: list[object],
    limit: int,
) -> tuple[list[int], dict[int, float]]:
    """The first `limit` hits of a large result and their scores: title hits, then subtitle or byline
    hits, then the rest, each newest import first, as `_rank` orders and scores them when it skips bm25.

    `newest` is the result's newest hits, newest first. Every term here is decided by the index. A head
    match of the terms' tokens implies the article holds them; a CJK run of three or more must then occur
    as a phrase: a head match at least as new as the oldest of `newest` does when it is one of them, an
    older one when the phrase table finds it by row id. Each query stops as soon as the page is full.
    """
    expression = " AND ".join(f"({term.fts_expression()})" for term in terms)
    pairs = " AND ".join(f"({t.pairs_expression()})" for t in terms if t.phrase_exact)
    chosen: list[int] = []
    scores: dict[int, float] = {}
    for match, bonus in (
        (f"title : ({expression})", _TITLE_BONUS),
        (f"({{subtitle byline}} : ({expression})) NOT (title : ({expression}))", _SUBTITLE_BONUS),
    ):
        sql = f"SELECT x.rowid FROM search_head x WHERE search_head MATCH ?{where}"
        args: list[object] = [match, *params]
        if pairs:
            # One lookup by row id per older head match, never a read of every hit of the phrase: a
            # head match is rare next to a large result, and the page is usually full well before.
            sql += (
                f" AND CASE WHEN x.rowid >= ? THEN {_IN_JSON.format('x.rowid')}"
                " ELSE EXISTS (SELECT 1 FROM search_pairs p WHERE search_pairs MATCH ? AND p.rowid = x.rowid)"
                " END"
            )
            args += [newest[-1], _json_ids(newest), pairs]
        sql += " ORDER BY x.rowid DESC LIMIT ?"
        for (id_,) in conn.execute(sql, (*args, limit - len(chosen))):
            chosen.append(int(id_))
            scores[int(id_)] = bonus
        if len(chosen) >= limit:
            return chosen, scores
    candidates, args = _candidates(terms, where, params)
    sql = (
        f"{candidates} AND +x.rowid NOT IN (SELECT rowid FROM search_head WHERE search_head MATCH ?) "
        "ORDER BY x.rowid DESC LIMIT ?"
    )
    head = f"(title : ({expression})) OR ({{subtitle byline}} : ({expression}))"
    chosen += [int(r[0]) for r in conn.execute(sql, (*args, head, limit - len(chosen)))]
    return chosen, scores


def _json_ids(ids: list[int]) -> str:
    return "[" + ",".join(map(str, ids)) + "]"


def _filter_sql(conn: sqlite3.Connection, filters: SearchFilters) -> tuple[str | None, list[object]]:
    """An SQL condition on `x.rowid` for the filters ("" for none); None when a filter matches nothing.

    The articles the filters keep are read from the indexes by issue and by category, which hold their
    ids, once per query; joining each hit to its articles row instead reads a page of article text per
    hit (a tenth of a second for a common term). The + keeps SQLite from looking each id up in FTS5.
    """
    where: list[str] = []
    params: list[object] = []
    if filters.year is not None or filters.issue is not None:
        sql = "SELECT id FROM issues WHERE 1"
        args: list[object] = []
        if filters.year is not None:
            sql += " AND year = ?"
            args.append(filters.year)
        if filters.issue is not None:
            sql += " AND (label = ? OR key = ?)"
            args += [filters.issue.strip(), filters.issue.strip()]
        ids = [int(r[0]) for r in conn.execute(sql, args)]
        if not ids:
            return None, []
        where.append(f"a.issue_id IN ({','.join('?' * len(ids))})")
        params += ids
    if filters.category is not None:
        path = CATEGORY_SEPARATOR.join(p.strip() for p in filters.category.split(">") if p.strip())
        ids = [
            int(r[0])
            for r in conn.execute(
                "SELECT id FROM categories WHERE path = ? OR substr(path, 1, length(?)) = ?",
                (path, path + CATEGORY_SEPARATOR, path + CATEGORY_SEPARATOR),
            )
        ]
        if not ids:
            return None, []
        where.append(f"a.category_id IN ({','.join('?' * len(ids))})")
        params += ids
    if not where:
        return "", params
    return f" AND +x.rowid IN (SELECT a.id FROM articles a WHERE {' AND '.join(where)})", params


def _confirmed(conn: sqlite3.Connection, candidates: str, args: list[object], terms: list[Term]) -> list[int]:
    """The candidates whose normalised fields contain every one of `terms` (the ones the index cannot decide).

    Only terms mixing scripts, or holding spaces or punctuation, come here; the index has already
    narrowed their candidates to articles with every token (and every long CJK run as a phrase).
    """
    ids = [int(r[0]) for r in conn.execute(candidates, args)]
    hits: list[int] = []
    for rows in _rows(conn, ids):
        for id_, *row in rows:
            normal = SearchFields.from_row(tuple(row)).normalised()
            if all(term.occurs_in(normal) for term in terms):
                hits.append(int(id_))
    return hits


def _rows(conn: sqlite3.Connection, ids: list[int], columns: str = "id") -> list[list[tuple[Any, ...]]]:
    """Rows of `columns` followed by ROW_COLUMNS for the articles `ids`, a chunk at a time."""
    chunks = []
    for at in range(0, len(ids), _CHUNK):
        chunk = ids[at : at + _CHUNK]
        chunks.append(
            conn.execute(
                f"SELECT {columns}, {ROW_COLUMNS} FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
        )
    return chunks


def _rank(conn: sqlite3.Connection, expression: str, hits: list[int], *, with_bm25: bool) -> dict[int, float]:
    """A score per hit, higher is better: a bonus for a title (or subtitle, byline) hit, plus bm25.

    The bonus keeps title hits first even for common terms, whose bm25 weight FTS5 floors to nearly 0.
    """
    wanted = set(hits)
    # Few hits are named in the SQL, so that bm25 is computed for them only, not for every article that
    # holds the tokens (tens of thousands for a common character within one issue); many are sifted here.
    among, ids = (
        ("", []) if len(hits) > RANKED_HITS else (f" AND {_IN_JSON.format('rowid')}", [_json_ids(hits)])
    )
    scores: dict[int, float] = {}
    for column, bonus in (("title", _TITLE_BONUS), ("{subtitle byline}", _SUBTITLE_BONUS)):
        rows = conn.execute(
            f"SELECT rowid FROM search_head WHERE search_head MATCH ?{among}",
            (f"{column} : ({expression})", *ids),
        )
        for (id_,) in rows:
            if id_ in wanted:
                scores[int(id_)] = max(scores.get(int(id_), 0.0), bonus)
    if not with_bm25:
        return scores
    for table, weights in (("search_index", ""), ("search_head", ", 10.0, 6.0, 2.0")):
        rows = conn.execute(
            f"SELECT rowid, bm25({table}{weights}) FROM {table} WHERE {table} MATCH ?{among}",
            (expression, *ids),
        )
        for id_, score in rows:
            if id_ in wanted:
                scores[int(id_)] = scores.get(int(id_), 0.0) - float(score)
    return scores


def _hits(
    conn: sqlite3.Connection, ids: list[int], terms: list[Term], scores: dict[int, float]
) -> list[SearchHit]:
    by_id: dict[int, SearchHit] = {}
    for rows in _rows(conn, ids, "id, uid"):
        for id_, uid, *row in rows:
            fields = SearchFields.from_row(tuple(row))
            text, spans = _snippet(fields, terms)
            by_id[int(id_)] = SearchHit(str(uid), fields.title, scores.get(int(id_), 0.0), text, spans)
    return [by_id[id_] for id_ in ids if id_ in by_id]


def _snippet(fields: SearchFields, terms: list[Term]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Text around the first hit, preferring the body, then summary, subtitle, authors and title."""
    pieces = [*fields.body, fields.summary, fields.subtitle, *fields.authors, fields.title]
    for piece in pieces:
        if not piece or not any(term.may_occur_in(piece) for term in terms):
            continue
        normal = normalise(piece)
        in_normal = [span for term in terms for span in term.spans(normal)]
        if not in_normal:
            continue
        offsets = offsets_of(piece, normal)  # for the one piece shown
        found = sorted((offsets[start], offsets[end]) for start, end in in_normal)
        start = max(0, found[0][0] - SNIPPET_BEFORE)
        end = min(len(piece), start + SNIPPET_LENGTH)
        if end - start < SNIPPET_LENGTH:
            start = max(0, end - SNIPPET_LENGTH)
        lead = "…" if start > 0 else ""
        tail = "…" if end < len(piece) else ""
        spans: list[tuple[int, int]] = []
        for hit_start, hit_end in found:
            a, b = max(hit_start, start), min(hit_end, end)
            if a < b and (not spans or a >= spans[-1][1]):
                spans.append((a - start + len(lead), b - start + len(lead)))
        return lead + piece[start:end] + tail, tuple(spans)
    return (fields.body[0] if fields.body else fields.title)[:SNIPPET_LENGTH], ()
