"""Benchmark search on a generated store: latency by query kind beside a LIKE scan, and index size."""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.domain.article import Article, Figure, Heading, IssueLabel, Paragraph
from reader.store.reader import ArticleStore
from reader.store.search import search_store
from reader.store.search_text import is_cjk
from reader.store.writer import StoreWriter

# The common CJK Unified Ideographs sit at the start of the block often enough for a synthetic corpus;
# what matters here is a skewed (Zipf) frequency of characters and words, as in real text.
_CHAR_POOL = [chr(0x4E00 + i) for i in range(0, 20000, 5)][:3500]
_LATIN = [
    "iPhone", "Beijing", "Shanghai", "GDP", "WTO", "economy", "Café", "internet", "China", "design",
    "museum", "Nobel", "DNA", "software", "festival", "jazz", "Olympic", "Paris", "London", "Tokyo",
]  # fmt: skip
_SECTIONS = ["时事", "经济", "文化", "科技", "生活"]


def synthetic_articles(count: int, seed: int = 1, chars: int = 2000) -> Iterator[Article]:
    """`count` articles of about `chars` characters of Zipf-distributed Chinese words and a few Latin ones."""
    rng = random.Random(seed)
    # Cumulative weights given once: choices() would add up the 3,500 weights again for every word.
    char_cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(_CHAR_POOL))))
    words = [
        "".join(rng.choices(_CHAR_POOL, cum_weights=char_cumulative, k=rng.choice((1, 2, 2, 2, 3, 4))))
        for _ in range(30000)
    ]
    word_cumulative = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(words))))

    def sentence() -> str:
        out = rng.choices(words, cum_weights=word_cumulative, k=rng.randint(4, 14))
        if rng.random() < 0.3:
            out[rng.randrange(len(out))] = f" {rng.choice(_LATIN)} "
        return "".join(out).strip() + rng.choice("，，。。！？")

    for number in range(count):
        year = 2000 + number % 20
        body: list[Paragraph | Heading | Figure] = []
        written = 0
        while written < chars:
            paragraph = "".join(sentence() for _ in range(rng.randint(3, 8)))
            written += len(paragraph)
            body.append(Paragraph(paragraph))
            if rng.random() < 0.1:
                body.append(Figure(image=None, caption=sentence(), src="x.jpg"))
            if rng.random() < 0.1:
                body.append(Heading(sentence()))
        yield Article(
            uid=f"a{number:06d}",
            title=sentence()[:-1],
            file=f"{number}.html",
            subtitle=sentence() if rng.random() < 0.3 else None,
            authors=(rng.choice(words) + rng.choice(words),),
            summary=sentence() if rng.random() < 0.5 else None,
            category=(rng.choice(_SECTIONS),),
            issue=IssueLabel(f"{year}年第{number % 12 + 1}期", year, number % 12 + 1),
            blocks=tuple(body),
        )


def build_store(path: Path, count: int, seed: int = 1) -> None:
    with StoreWriter(path) as writer:
        for done, article in enumerate(synthetic_articles(count, seed), 1):
            writer.put_article(article, [], f"hash{done}", f"{done:08d}")
            if done % 2000 == 0:
                writer.commit()


def _sample_queries(path: Path, kinds: dict[str, int], per_kind: int, seed: int) -> dict[str, list[str]]:
    """Substrings of stored titles and paragraphs: queries that exist, spread over the corpus."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    try:
        # Rows chosen by the seeded generator, so that every run of a store times the same queries.
        ids = [int(r[0]) for r in conn.execute("SELECT id FROM articles ORDER BY id")]
        chosen = rng.sample(ids, min(400, len(ids)))
        rows = conn.execute(
            f"SELECT blocks FROM articles WHERE id IN ({','.join('?' * len(chosen))})", chosen
        ).fetchall()
    finally:
        conn.close()
    texts = [str(r[0]) for r in rows]
    out: dict[str, list[str]] = {kind: [] for kind in kinds}
    for kind, length in kinds.items():
        tries = 0
        while len(out[kind]) < per_kind and tries < 100000:
            tries += 1
            text = rng.choice(texts)
            if length == 0:
                candidate = rng.choice([w for w in _LATIN if w in text] or _LATIN)
            else:
                at = rng.randrange(max(1, len(text) - length))
                candidate = text[at : at + length]
                if not all(is_cjk(c) for c in candidate):
                    continue
            out[kind].append(candidate)
    return out


def _timed(run: Callable[[str], object], queries: list[str]) -> tuple[float, float, list[tuple[float, str]]]:
    """(p50, p95) in ms, and each query's time, slowest first."""
    timed = []
    for query in queries:
        start = time.perf_counter()
        run(query)
        timed.append(((time.perf_counter() - start) * 1000, query))
    times = sorted(t for t, _ in timed)
    p95 = times[max(0, int(len(times) * 0.95 + 0.5) - 1)]
    return statistics.median(times), p95, sorted(timed, reverse=True)


def _like_scan(conn: sqlite3.Connection) -> Callable[[str], object]:
    def run(query: str) -> object:
        pattern = f"%{query}%"
        return conn.execute(
            "SELECT count(*) FROM articles WHERE title LIKE ?1 OR subtitle LIKE ?1 OR authors LIKE ?1 "
            "OR summary LIKE ?1 OR blocks LIKE ?1",
            (pattern,),
        ).fetchone()

    return run


def _sizes(path: Path) -> tuple[int, int]:
    """(bytes of stored text, bytes of the search index) as the file's pages count them."""
    conn = sqlite3.connect(path)
    try:
        (text,) = conn.execute(
            "SELECT sum(length(CAST(title AS BLOB)) + coalesce(length(CAST(subtitle AS BLOB)), 0) "
            "+ length(CAST(authors AS BLOB)) + coalesce(length(CAST(summary AS BLOB)), 0) "
            "+ length(CAST(blocks AS BLOB))) FROM articles"
        ).fetchone()
        try:
            (index,) = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%'").fetchone()
        except sqlite3.OperationalError:  # no dbstat in this SQLite build: count the shadow tables' rows
            index = 0
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'search%'"
            ):
                row = (
                    conn.execute(f'SELECT sum(length(CAST(block AS BLOB))) FROM "{name}"').fetchone()
                    if name.endswith("_data")
                    else None
                )
                index += int(row[0] or 0) if row else 0
    finally:
        conn.close()
    return int(text or 0), int(index or 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/search.py", description=__doc__)
    parser.add_argument("--articles", type=int, default=50000, help="articles in the generated store")
    parser.add_argument("--queries", type=int, default=100, help="queries per kind")
    parser.add_argument("--store", type=Path, help="keep the store here (reused when it exists)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slowest", type=int, default=0, help="list the N slowest queries of each kind")
    parser.add_argument("--limit", type=int, default=20, help="hits per search (the window asks for 200)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = args.store or Path(tmp) / "bench.magstore"
        if not path.exists():
            start = time.perf_counter()
            build_store(path, args.articles, args.seed)
            print(f"built {args.articles} articles in {time.perf_counter() - start:.1f} s")
        kinds = {"1 char": 1, "2 chars": 2, "3 chars": 3, "4 chars": 4, "Latin word": 0}
        queries = _sample_queries(path, kinds, args.queries, args.seed)
        with ArticleStore.open(path) as store:
            # The first search of a process builds the normalisation tables (OpenCC's): timed apart, so
            # that the figures below are the latency of a search in a window that has searched before.
            # It searches text the store holds, so that it builds what snippets need too.
            start = time.perf_counter()
            search_store(store, next(iter(queries.values()))[0])
            print(f"first search of the process: {(time.perf_counter() - start) * 1000:.0f} ms")
            like = _like_scan(sqlite3.connect(f"file:{path}?mode=ro", uri=True))
            print(f"{'query':<12}{'search p50':>12}{'p95':>9}{'LIKE p50':>12}{'p95':>9}   (ms)")
            slowest: list[str] = []
            for kind, texts in queries.items():
                s50, s95, each = _timed(lambda q: search_store(store, q, limit=args.limit), texts)
                l50, l95, _ = _timed(like, texts[: max(5, len(texts) // 10)])
                print(f"{kind:<12}{s50:>12.1f}{s95:>9.1f}{l50:>12.1f}{l95:>9.1f}")
                if args.slowest:
                    slowest.append(f"{kind}: " + ", ".join(f"{q} {t:.0f}" for t, q in each[: args.slowest]))
            for line in slowest:
                print(line)
        text, index = _sizes(path)
        print(
            f"stored text {text / 1e6:.1f} MB, search index {index / 1e6:.1f} MB, "
            f"ratio {index / max(1, text):.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
