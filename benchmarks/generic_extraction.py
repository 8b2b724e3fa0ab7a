"""Measure generic extraction on generated pages of unknown CMSs: text F1, dates, authors, captions, speed.

Generates saved Chinese news and magazine pages (tests/fixtures/newsgen.py: 13 layouts, each page with
its ground truth), extracts each as `reader extract` does (in process, `extract_article`), and compares.
Body text is scored as a bag of characters (white space left out): precision is the share of the
extracted characters that are in the true text, recall the share of the true text that was extracted,
F1 their harmonic mean, averaged over pages. The same scores are given for trafilatura and
readability-lxml when they are installed (they are comparisons, not dependencies of the project), and
the speed of all of them beside a bare lxml parse, in the same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import lxml.html

from reader.domain.article import Article
from reader.ingest.extract import extract_article
from reader.ingest.profiles import Profile, load_profiles
from reader.ingest.site import SiteContext

QUICK_ARGS = ["--pages", "60"]
TARGET_F1 = 0.95
TARGET_PRECISION = 0.95
TARGET_DATES = 0.90
TARGET_AUTHORS = 0.80
TARGET_IMAGES = 0.90
TARGET_SPEEDUP = 10.0  # generic extraction against trafilatura on the same pages


def newsgen() -> ModuleType:
    """The test suite's page generator, loaded from its file (tests/ is not an installed package)."""
    name = "magazine_reader_tests_newsgen"
    if name in sys.modules:
        return sys.modules[name]
    path = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "newsgen.py"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the page generator from {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def char_scores(extracted: str, truth: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of the extracted text's characters against the true text's, as bags."""
    got = Counter("".join(extracted.split()))
    want = Counter("".join(truth.split()))
    common = sum((got & want).values())
    if not got or not want:
        same = float(not got and not want)
        return same, same, same
    precision = common / sum(got.values())
    recall = common / sum(want.values())
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def body_text(article: Article) -> str:
    """The reading text of the body, captions left out (they are scored with the images)."""
    return "\n".join(article.texts(captions=False))


@dataclass
class Scores:
    """One extractor's figures over a set of pages."""

    name: str
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    titles: list[bool] = field(default_factory=list)
    dates: list[bool] = field(default_factory=list)  # pages that show a date
    authors: list[bool] = field(default_factory=list)  # pages that name an author
    images: list[bool] = field(default_factory=list)  # every true figure: kept and captioned right
    wrong_dates: int = 0  # a date on a page that shows none
    wrong_authors: int = 0  # an author on a page that names none
    seconds: float = 0.0
    pages: int = 0
    failures: list[str] = field(default_factory=list)

    def add_text(self, extracted: str, truth: str) -> None:
        p, r, f = char_scores(extracted, truth)
        self.precision.append(p)
        self.recall.append(r)
        self.f1.append(f)

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def mean(values: Iterable[float | bool]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None


def score_ours(truths: list[Any], folder: Path, profiles: list[Profile]) -> tuple[Scores, Counter[str]]:
    """Extract every page as `reader extract` does and score it against its truth."""
    scores = Scores("ours (generic)")
    used: Counter[str] = Counter()
    results = []
    started = time.perf_counter()
    for truth in truths:
        page = folder / truth.file
        results.append(extract_article([page], SiteContext.for_page(page, folder), profiles))
    scores.seconds = time.perf_counter() - started
    scores.pages = len(truths)
    for truth, result in zip(truths, results, strict=True):
        used[result.profile or result.kind] += 1
        article = result.article
        if article is None:
            scores.failures.append(f"{truth.file}: {result.kind} ({result.reason})")
            scores.add_text("", "\n".join(truth.paragraphs))
            scores.titles.append(False)
            if truth.date:
                scores.dates.append(False)
            if truth.authors:
                scores.authors.append(False)
            scores.images.extend(False for _ in truth.figures)
            continue
        scores.add_text(body_text(article), "\n".join(truth.paragraphs))
        scores.titles.append(article.title == truth.title)
        if truth.date:
            scores.dates.append(article.date == truth.date)
        elif article.date:
            scores.wrong_dates += 1
        if truth.authors:
            scores.authors.append(set(article.authors) == set(truth.authors))
        elif article.authors:
            scores.wrong_authors += 1
        figures = {Path(f.image.file or "").name: f for f in article.figures() if f.image is not None}
        for image_file, caption in truth.figures:
            figure = figures.get(Path(image_file).name)
            shown = None if figure is None else figure.caption or figure.alt
            scores.images.append(figure is not None and shown == caption)
    return scores, used


def _authors_of(text: str | None) -> set[str]:
    return {a.strip() for a in (text or "").replace("；", ";").replace(",", ";").split(";") if a.strip()}


def score_trafilatura(truths: list[Any], folder: Path) -> Scores | None:
    try:
        import trafilatura
    except ImportError:
        return None
    scores = Scores("trafilatura")
    docs = []
    started = time.perf_counter()
    for truth in truths:
        data = (folder / truth.file).read_bytes()
        docs.append(
            trafilatura.bare_extraction(data, include_comments=False, include_tables=True, with_metadata=True)
        )
    scores.seconds = time.perf_counter() - started
    scores.pages = len(truths)
    for truth, doc in zip(truths, docs, strict=True):
        text = getattr(doc, "text", None) or ""
        scores.add_text(text, "\n".join(truth.paragraphs))
        scores.titles.append(getattr(doc, "title", None) == truth.title)
        date = getattr(doc, "date", None)
        if truth.date:
            scores.dates.append(date == truth.date)
        if truth.authors:
            scores.authors.append(_authors_of(getattr(doc, "author", None)) == set(truth.authors))
    return scores


def score_readability(truths: list[Any], folder: Path) -> Scores | None:
    try:
        from readability import Document
    except ImportError:
        return None
    scores = Scores("readability-lxml")
    texts = []
    started = time.perf_counter()
    for truth in truths:
        doc = Document((folder / truth.file).read_bytes())
        summary = doc.summary(html_partial=True)
        text = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
        texts.append((doc.short_title(), text))
    scores.seconds = time.perf_counter() - started
    scores.pages = len(truths)
    for truth, (title, text) in zip(truths, texts, strict=True):
        scores.add_text(text, "\n".join(truth.paragraphs))
        scores.titles.append(title == truth.title)
    return scores


def bare_parse_seconds(pages: list[Path]) -> float:
    started = time.perf_counter()
    for page in pages:
        lxml.html.document_fromstring(page.read_bytes())
    return time.perf_counter() - started


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _verdict(value: float | None, target: float) -> str:
    if value is None:
        return "n/a"
    return "PASS" if value >= target else "MISS"


def by_template(truths: list[Any], folder: Path, profiles: list[Profile]) -> list[str]:
    """One line per layout: where the averages come from."""
    lines = []
    groups: dict[str, list[Any]] = {}
    for truth in truths:
        groups.setdefault(truth.template, []).append(truth)
    for name, group in groups.items():
        scores, _ = score_ours(group, folder, profiles)
        lines.append(
            f"  {name:<15} pages {len(group):>3}  F1 {_pct(mean(scores.f1))}"
            f"  P {_pct(mean(scores.precision))}  R {_pct(mean(scores.recall))}"
            f"  title {_pct(mean(scores.titles))}  date {_pct(mean(scores.dates))}"
            f"  authors {_pct(mean(scores.authors))}  images {_pct(mean(scores.images))}"
        )
    return lines


def run(
    folder: Path, pages: int, seed: int, *, compare: bool, detail: bool, out: Callable[[str], None]
) -> int:
    started = time.perf_counter()
    truths = newsgen().generate(folder, pages, seed=seed)
    out(f"generated {len(truths)} pages in {time.perf_counter() - started:.2f} s -> {folder}")
    profiles, _ = load_profiles(None)
    files = [folder / t.file for t in truths]
    bare_parse_seconds(files)  # warm the page cache
    ours, used = score_ours(truths, folder, profiles)
    out("extractors used: " + ", ".join(f"{k} {v}" for k, v in sorted(used.items())))
    for failure in ours.failures[:10]:
        out(f"  not extracted: {failure}")
    others: list[tuple[str, Scores | None]] = []
    if compare:
        others = [("trafilatura", score_trafilatura(truths, folder)),
                  ("readability-lxml", score_readability(truths, folder))]  # fmt: skip
    bare = bare_parse_seconds(files)
    bare_rate = len(files) / bare if bare else 0.0

    columns = [ours] + [s for _, s in others if s is not None]
    out("")
    out(f"{'figure':<34}{'target':>10}" + "".join(f"{s.name:>18}" for s in columns) + "  result")
    rows: list[tuple[str, float | None, Callable[[Scores], float | None]]] = [
        ("body text F1 (char bag), mean", TARGET_F1, lambda s: mean(s.f1)),
        ("body text precision, mean", TARGET_PRECISION, lambda s: mean(s.precision)),
        ("body text recall, mean", None, lambda s: mean(s.recall)),
        ("title exact", None, lambda s: mean(s.titles)),
        ("same-day date (pages showing one)", TARGET_DATES, lambda s: mean(s.dates)),
        ("authors exact (pages naming one)", TARGET_AUTHORS, lambda s: mean(s.authors)),
        ("images kept + caption paired", TARGET_IMAGES, lambda s: mean(s.images) if s is ours else None),
    ]
    failed = False
    for label, target, get in rows:
        values = [get(s) for s in columns]
        verdict = "" if target is None else _verdict(values[0], target)
        failed = failed or verdict == "MISS"
        target_text = "" if target is None else f">= {target:.2f}"
        out(f"{label:<34}{target_text:>10}" + "".join(f"{_pct(v):>18}" for v in values) + f"  {verdict}")
    out(f"{'dates on pages showing none':<34}{'':>10}{ours.wrong_dates:>18}")
    out(f"{'authors on pages naming none':<34}{'':>10}{ours.wrong_authors:>18}")
    out(
        f"{'pages/s':<34}{'':>10}"
        + "".join(f"{s.rate:>18.0f}" for s in columns)
        + f"  (bare lxml parse {bare_rate:.0f})"
    )
    trafilatura = next((s for name, s in others if name == "trafilatura" and s is not None), None)
    if trafilatura is not None and trafilatura.rate:
        speedup = ours.rate / trafilatura.rate
        verdict = "PASS" if speedup >= TARGET_SPEEDUP else "MISS"
        failed = failed or verdict == "MISS"
        out(
            f"{'speed against trafilatura':<34}{f'>= {TARGET_SPEEDUP:.0f}x':>10}"
            f"{f'{speedup:.1f}x':>18}  {verdict}"
        )
    for name, scores in others:
        if scores is None:
            out(f"{name}: not installed (pip install {name} to compare)")
    if detail:
        out("")
        out("ours, by layout:")
        for line in by_template(truths, folder, profiles):
            out(line)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generic_extraction", description=__doc__)
    parser.add_argument("--pages", type=int, default=300, help="pages to generate (default 300)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="generate here instead of a temporary folder")
    parser.add_argument("--no-compare", action="store_true", help="skip trafilatura and readability-lxml")
    parser.add_argument("--by-layout", action="store_true", help="print our figures for each page layout")
    args = parser.parse_args(argv)
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        return run(
            args.workdir, args.pages, args.seed, compare=not args.no_compare, detail=args.by_layout, out=print
        )
    with tempfile.TemporaryDirectory(prefix="reader-generic-") as tmp:
        return run(
            Path(tmp), args.pages, args.seed, compare=not args.no_compare, detail=args.by_layout, out=print
        )


if __name__ == "__main__":
    sys.exit(main())
