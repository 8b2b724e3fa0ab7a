"""Import a generated saved DedeCMS site and check every article field against the generator's truth."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fixtures.sitegen import (
    ABOUT_PARAGRAPHS,
    CREDIT_FORMS,
    FIGURE_FORMS,
    HOST,
    SITE_NAME,
    generate_site,
    non_article_pages,
)
from reader.domain.article import Article, Figure, Paragraph
from reader.ingest.pipeline import ImportSummary, import_sources
from reader.store.reader import ArticleStore

Truth = dict[str, Any]


@dataclass(frozen=True)
class ImportedSite:
    mirror: Path  # the folder holding HOST/
    store: Path
    truth: list[Truth]
    summary: ImportSummary
    articles: dict[str, Article | None]  # by uid, read back from the store


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> ImportedSite:
    base = tmp_path_factory.mktemp("generated")
    mirror = base / "mirror"
    truth = generate_site(mirror, issues=6, per_issue=12, seed=7)
    store = base / "qingshan.sqlite"
    summary = import_sources([mirror], store, workers=2)
    with ArticleStore.open(store) as opened:
        articles = {t["uid"]: opened.article(t["uid"]) for t in truth}
    return ImportedSite(mirror, store, truth, summary, articles)


def _differences(site: ImportedSite, field: str, got: Callable[[Article], object]) -> list[str]:
    """One line per article whose `field` differs from the truth (or that is missing from the store)."""
    lines = []
    for truth in site.truth:
        article = site.articles[truth["uid"]]
        if article is None:
            lines.append(f"{truth['path']}: not in the store")
            continue
        value = got(article)
        if value != truth[field]:
            lines.append(f"{truth['path']} {field}: got {value!r}, expected {truth[field]!r}")
    return lines


def _figures(article: Article) -> list[dict[str, object]]:
    return [
        {"image": f.image.file if f.image else None, "caption": f.caption, "credit": f.credit}
        for f in article.blocks
        if isinstance(f, Figure)
    ]


_FIELDS: dict[str, Callable[[Article], object]] = {
    "title": lambda a: a.title,
    "subtitle": lambda a: a.subtitle,
    "authors": lambda a: list(a.authors),
    "date": lambda a: a.date,
    "source": lambda a: a.source,
    "summary": lambda a: a.summary,
    "category": lambda a: list(a.category),
    "issue": lambda a: a.issue.to_json() if a.issue else None,
    "paragraphs": lambda a: [b.text for b in a.blocks if isinstance(b, Paragraph)],
    "figures": _figures,
    "blocks": lambda a: [b.type for b in a.blocks],
    "prev": lambda a: a.prev.uid if a.prev else None,
    "next": lambda a: a.next.uid if a.next else None,
    "related": lambda a: [r.uid for r in a.related],
    "pages": lambda a: a.pages,
}


def test_generated_site_covers_every_page_variation(imported: ImportedSite) -> None:
    variants = [t["variant"] for t in imported.truth]
    seen = {
        "templates": {v["template"] for v in variants},
        "encodings": {v["encoding"] for v in variants},
        "indents": {v["indent"] for v in variants},
        "homes": {v["home"] for v in variants},
        "figure forms": {form for v in variants for form in v["figure_forms"]},
        "credit forms": {form for v in variants for form in v["credit_forms"]},
    }
    assert seen == {
        "templates": {"magazine", "dedecms"},
        "encodings": {"gbk", "utf-8"},
        "indents": {"nbsp", "nbsp4", "ideographic", "none"},
        "homes": {"首页", "主页"},
        "figure forms": set(FIGURE_FORMS),
        "credit forms": set(range(len(CREDIT_FORMS))),
    }
    for flag in ("repeated_title", "spaced_digits", "figure_without_caption", "missing_image"):
        assert any(v[flag] for v in variants), flag
    assert any(v["gbk_only_name"] and v["encoding"] == "gbk" for v in variants)
    assert any(t["subtitle"] for t in imported.truth)
    assert any(len(t["pages"]) == 2 for t in imported.truth)
    assert any(t["prev"] is None for t in imported.truth) and any(t["next"] is None for t in imported.truth)
    assert any(t["summary"] is None for t in imported.truth)
    assert any(not t["authors"] for t in imported.truth)


def test_import_adds_every_article_and_skips_the_other_pages(imported: ImportedSite) -> None:
    summary = imported.summary
    assert summary.failed == []
    assert (summary.added, summary.updated, summary.unchanged) == (len(imported.truth), 0, 0)
    assert dict(summary.skipped) == non_article_pages(imported.truth)
    missing = sum(1 for t in imported.truth for f in t["figures"] if f["image"] is None)
    assert summary.images_missing == missing


def test_store_names_the_magazine_and_keeps_its_about_text(imported: ImportedSite) -> None:
    with ArticleStore.open(imported.store) as store:
        magazine = store.magazine()
    assert (magazine.name, magazine.site) == (SITE_NAME, HOST)
    assert magazine.about == "\n".join(ABOUT_PARAGRAPHS)
    assert magazine.article_count == len(imported.truth)
    assert magazine.issue_count == len({t["issue"]["label"] for t in imported.truth})


@pytest.mark.parametrize("field", sorted(_FIELDS))
def test_every_article_field_matches_the_truth(imported: ImportedSite, field: str) -> None:
    if field == "pages":
        expected = {t["uid"]: len(t["pages"]) for t in imported.truth}
        got = {uid: a.pages if a else None for uid, a in imported.articles.items()}
        assert got == expected
        return
    differences = _differences(imported, field, _FIELDS[field])
    assert not differences, f"{len(differences)} articles differ:\n" + "\n".join(differences[:20])


def test_stored_images_are_the_saved_files(imported: ImportedSite) -> None:
    root = imported.mirror / HOST
    with ArticleStore.open(imported.store) as store:
        for truth in imported.truth:
            article = imported.articles[truth["uid"]]
            assert article is not None
            for figure in article.figures():
                if figure.image is not None:
                    stored = store.image(figure.image.sha256)
                    assert stored is not None
                    assert stored.data == (root / figure.image.file).read_bytes()
                    assert (stored.mime, stored.width, stored.height) == ("image/png", 48, 32)


def test_reimport_reports_everything_unchanged_and_keeps_uids(imported: ImportedSite, tmp_path: Path) -> None:
    store = tmp_path / "again.sqlite"
    shutil.copyfile(imported.store, store)
    with ArticleStore.open(store) as opened:
        before = {row.uid: row.id for row in opened.iter_article_rows()}

    summary = import_sources([imported.mirror], store, workers=2)

    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, len(imported.truth))
    assert summary.failed == []
    with ArticleStore.open(store) as opened:
        after = {row.uid: row.id for row in opened.iter_article_rows()}
    assert after == before
    assert set(after) == {t["uid"] for t in imported.truth}


def test_changing_the_second_page_of_an_article_updates_only_that_article(
    imported: ImportedSite, tmp_path: Path
) -> None:
    mirror = tmp_path / "mirror"
    shutil.copytree(imported.mirror, mirror)
    store = tmp_path / "changed.sqlite"
    shutil.copyfile(imported.store, store)
    # A paragraph that the second page of an article prints as is (not split by typesetting spaces).
    truth, second, page, encoded = next(
        (t, path, page, encoded)
        for t in imported.truth
        if len(t["pages"]) == 2
        for path in [mirror / HOST / t["pages"][1]]
        for page in [path.read_bytes()]
        for encoded in [t["paragraphs"][-1].encode(t["variant"]["encoding"])]
        if encoded in page
    )
    replacement = "河水涨了，渡船停了一天。"
    second.write_bytes(page.replace(encoded, replacement.encode(truth["variant"]["encoding"])))

    summary = import_sources([mirror], store, workers=2)

    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, len(imported.truth) - 1)
    with ArticleStore.open(store) as opened:
        article = opened.article(truth["uid"])
        assert article is not None
        assert [b.text for b in article.blocks if isinstance(b, Paragraph)][-1] == replacement
        assert {row.uid for row in opened.iter_article_rows()} == {t["uid"] for t in imported.truth}
