"""The demo magazine shipped in resources/ imports completely, as its own ground truth says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from reader.domain.article import Figure, Heading, Paragraph, Quote
from reader.ingest.pipeline import import_sources
from reader.resources_access import resource
from reader.store.reader import ArticleStore

HOST = "www.shanshui.example.cn"


def uid(path: str) -> str:
    return f"{HOST}/{path.rsplit('.', 1)[0]}"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("demo")
    site = folder / "site"
    shutil.copytree(str(resource("demo", "site")), site)
    store = folder / "demo.magstore"
    summary = import_sources([site], store, workers=1)
    assert summary.failed == []
    truth = json.loads(resource("demo", "expected.json").read_text(encoding="utf-8"))
    return store, truth


def test_demo_has_three_issues_two_sections_with_subsections_and_about_text(
    demo: tuple[Path, list[dict[str, Any]]],
) -> None:
    store_path, truth = demo
    with ArticleStore.open(store_path) as store:
        assert [i.label for i in store.all_issues()] == ["2024年第1期", "2024年第2期", "2024年第3期"]
        sections = store.categories(None)
        assert len(sections) == 2 and all(s.child_count == 2 for s in sections)
        assert store.counts()["articles"] == len(truth) == 15
        magazine = store.magazine()
        assert magazine.about and magazine.name.startswith("《")


def test_every_demo_article_matches_its_ground_truth(demo: tuple[Path, list[dict[str, Any]]]) -> None:
    store_path, truth = demo
    with ArticleStore.open(store_path) as store:
        for expected in truth:
            article = store.article(uid(expected["path"]))
            assert article is not None, expected["path"]
            assert article.title == expected["title"]
            assert article.subtitle == expected["subtitle"]
            assert list(article.authors) == expected["authors"]
            assert article.date == expected["date"]
            assert article.summary == expected["summary"]
            assert list(article.category) == expected["category"]
            assert article.issue is not None and article.issue.to_json() == expected["issue"]
            assert [b.text for b in article.blocks if isinstance(b, Paragraph)] == expected["paragraphs"]
            assert [b.text for b in article.blocks if isinstance(b, Heading)] == expected["headings"]
            assert [b.text for b in article.blocks if isinstance(b, Quote)] == expected["quotes"]
            figures = [
                {"image": b.image.file if b.image else None, "caption": b.caption, "credit": b.credit}
                for b in article.blocks
                if isinstance(b, Figure)
            ]
            assert figures == [{k: f[k] for k in ("image", "caption", "credit")} for f in expected["figures"]]
            assert article.pages == len(expected["pages"])
            assert (article.prev.uid if article.prev else None) == (
                uid(expected["prev"]) if expected["prev"] else None
            )
            assert [r.uid for r in article.related] == [uid(p) for p in expected["related"]]


def test_the_demo_shows_every_kind_of_block_a_reader_meets(demo: tuple[Path, list[dict[str, Any]]]) -> None:
    """Subheads and a quote as well as paragraphs and figures: the first run shows their typography."""
    _, truth = demo
    assert any(entry["headings"] for entry in truth)
    assert any(entry["quotes"] for entry in truth)
    assert any(f["image"] is None for entry in truth for f in entry["figures"])  # the placeholder
