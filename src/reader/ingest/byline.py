"""Bylines and dates the way Chinese sites print them, from labels, <meta> tags and JSON-LD."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from lxml import etree

from reader.domain.text import clean_text
from reader.ingest.html import meta_content, raw_text

_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# Labels that introduce a value, and where the value of another label starts.
_LABELS = (
    "发布时间", "发表时间", "更新时间", "时间", "日期", "作者", "文字", "记者", "通讯员", "来源", "出处",
    "编辑", "责任编辑", "责编", "点击", "阅读", "浏览", "字号", "人气", "摄影",
)  # fmt: skip
_LABEL = re.compile("(" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\s*[:：]")
# "文丨张三", "文/张三", "文 | 张三": the writer, as magazines credit them above the text.
_WEN = re.compile(
    r"(?:^|\s)(?:文|撰文|文字)\s*[丨|/／:：]\s*(?P<who>[^\s\d丨|/／]{2,12}(?:\s[^\s\d丨|/／:：]{2,5})?)"
)
# "记者 张三 李四", "本报讯（记者 张三）", "记者：王五 通讯员 赵六": reporters, labelled without a colon.
_REPORTER = re.compile(
    r"(?:本报|本刊|本台|特约)?记者\s*[:：]?\s*(?P<who>[\u4e00-\u9fff·]{2,5}(?:[\s、，,]+[\u4e00-\u9fff·]{2,5})*)"
)
_SOURCE_END = re.compile(r"\s(?:本报|本刊)?(?:记者|通讯员)\s")
# "张三 发表于 2023-05-06": a blog's byline.
_POSTED_BY = re.compile(
    r"(?:^|\s)(?P<who>[^\s:：]{2,20})\s*(?:发表于|发布于|写于|posted\s+on)", re.IGNORECASE
)
_AUTHOR_SPLIT = re.compile(r"[\s、，,;；/|丨]+")
_DATE_METAS = (
    "article:published_time", "publishdate", "pubdate", "publish_date", "og:release_date", "dc.date", "date",
    "weibo:article:create_at", "og:article:published_time",
)  # fmt: skip
_NOT_NAMES = frozenset(
    {"佚名", "admin", "本站", "管理员", "未知", "匿名", *_LABELS, "报道", "摄影报道", "摄"}
)


@dataclass(frozen=True)
class Byline:
    authors: tuple[str, ...] = ()
    source: str | None = None
    date: str | None = None


def normalise_date(text: str | None) -> str | None:
    """ "2016年1月18日 10:30", "2016-01-18T10:30:00+08:00", "2016/1/18" -> "2016-01-18"."""
    if not text:
        return None
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def split_authors(text: str) -> tuple[str, ...]:
    names = []
    for piece in _AUTHOR_SPLIT.split(text.strip()):
        name = piece.strip("　 ()（）[]【】")
        if name and name not in _NOT_NAMES and len(name) <= 20 and not any(c.isdigit() for c in name):
            names.append(name)
    return tuple(dict.fromkeys(names))


def parse_labelled(text: str) -> Byline:
    """Authors, source and date from a line such as "时间:2015-01-12 来源:本刊 作者:张三 李四"."""
    values: dict[str, str] = {}
    matches = list(_LABEL.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        values.setdefault(match.group(1), text[match.end() : end].strip())
    author_text = values.get("作者") or values.get("文字") or values.get("记者") or ""
    authors = split_authors(author_text)
    if not authors:
        # Only up to the next label: "文丨周小舟 发布时间：…" names one writer.
        wen = _WEN.search(_LABEL.sub("\n", text).split("\n", 1)[0]) or _WEN.search(text)
        if wen:
            authors = split_authors(wen.group("who"))
    if not authors and not text.rstrip().endswith("摄"):  # "记者 张三 摄" credits a photo
        named = _REPORTER.search(text) or _POSTED_BY.search(text)
        if named:
            authors = split_authors(named.group("who"))
    date = None
    for key in ("发布时间", "发表时间", "时间", "日期", "更新时间"):
        date = normalise_date(values.get(key))
        if date:
            break
    if date is None and len(text) < 200:
        date = normalise_date(text)  # an unlabelled date in a byline line: "2019-05-06 07:30 来源：…"
    source_text = _SOURCE_END.split(values.get("来源") or values.get("出处") or "", maxsplit=1)[0]
    source = clean_text(source_text) or None
    return Byline(authors, source, date)


def from_meta(root: etree._Element) -> Byline:
    """What <meta> tags and JSON-LD say: author, publication date, site."""
    authors: tuple[str, ...] = ()
    date = None
    source = None
    for data in _json_ld(root):
        if not authors:
            authors = _ld_authors(data.get("author"))
        date = date or normalise_date(str(data.get("datePublished") or data.get("dateCreated") or ""))
        publisher = data.get("publisher")
        if isinstance(publisher, dict) and not source:
            source = clean_text(str(publisher.get("name") or "")) or None
    if not authors:
        author = meta_content(root, "author", "article:author", "byl", "dc.creator", "sailthru.author")
        if author and not author.startswith("http"):
            authors = split_authors(author)
    date = date or normalise_date(meta_content(root, *_DATE_METAS))
    source = source or meta_content(root, "og:site_name", "source", "application-name")
    return Byline(authors, source, date)


def _json_ld(root: etree._Element) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(raw_text(script))
        except ValueError:
            continue
        items = (
            data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        )
        found.extend(i for i in items if isinstance(i, dict))
    return found


def _ld_authors(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return split_authors(value)
    if isinstance(value, dict):
        return _ld_authors(value.get("name"))
    if isinstance(value, list):
        names: list[str] = []
        for item in value:
            names.extend(_ld_authors(item))
        return tuple(dict.fromkeys(names))
    return ()
