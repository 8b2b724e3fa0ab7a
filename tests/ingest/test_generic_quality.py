"""Generic extraction meets the issue's targets on generated pages of 13 unknown-CMS layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generic_extraction import (
    TARGET_AUTHORS,
    TARGET_DATES,
    TARGET_F1,
    TARGET_IMAGES,
    TARGET_PRECISION,
    Scores,
    char_scores,
    mean,
    newsgen,
    score_ours,
)
from reader.ingest.byline import parse_labelled
from reader.ingest.profiles import load_profiles


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> Scores:
    folder: Path = tmp_path_factory.mktemp("news")
    truths = newsgen().generate(folder, 60, seed=7)
    profiles, _ = load_profiles(None)
    result, used = score_ours(truths, folder, profiles)
    assert used == {"generic": 60}, used  # no page was taken for a profiled CMS
    return result


def test_body_text_f1_and_precision_meet_the_targets(scores: Scores) -> None:
    assert mean(scores.f1) >= TARGET_F1
    assert mean(scores.precision) >= TARGET_PRECISION
    assert min(scores.f1) >= 0.8  # no layout is lost to a sidebar or a comment box


def test_headlines_are_the_articles_not_the_sites(scores: Scores) -> None:
    assert mean(scores.titles) == 1.0


def test_dates_of_pages_that_show_one_are_the_same_day(scores: Scores) -> None:
    assert mean(scores.dates) >= TARGET_DATES
    assert scores.wrong_dates == 0


def test_authors_of_pages_that_name_one_are_found(scores: Scores) -> None:
    assert mean(scores.authors) >= TARGET_AUTHORS
    assert scores.wrong_authors == 0


def test_article_images_are_kept_with_their_captions(scores: Scores) -> None:
    assert mean(scores.images) >= TARGET_IMAGES


def test_character_scores_punish_chrome_and_missing_text() -> None:
    truth = "清晨六点，渡口的第一班船已经靠岸。"
    assert char_scores(truth, truth) == (1.0, 1.0, 1.0)
    precision, recall, _ = char_scores(truth + "热门推荐版权所有联系我们", truth)
    assert precision < 0.7 and recall == 1.0
    precision, recall, _ = char_scores(truth[:6], truth)
    assert precision == 1.0 and recall < 0.5


@pytest.mark.parametrize(
    ("line", "authors", "date"),
    [
        ("2013-09-22 10:30　来源：江城晚报　记者 刘建国、徐一鸣", ("刘建国", "徐一鸣"), "2013-09-22"),
        ("黄海燕 发表于 2023-05-06 21:30 | 分类：随笔", ("黄海燕",), "2023-05-06"),
        ("文/周佳怡 2018/05/06", ("周佳怡",), "2018-05-06"),
        ("记者 李思远 王五", ("李思远", "王五"), None),
        ("记者 张三 摄", (), None),  # a photo credit, not a byline
    ],
)
def test_unlabelled_bylines_name_their_writers(line: str, authors: tuple[str, ...], date: str | None) -> None:
    found = parse_labelled(line)
    assert (found.authors, found.date) == (authors, date)
