"""Small handmade stores for the window's tests: Chinese articles, generated PNGs, a missing image."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.domain.article import (
    Article,
    Figure,
    Heading,
    ImageRef,
    IssueLabel,
    Link,
    ListBlock,
    Paragraph,
    Quote,
)
from reader.store.writer import ImageData, StoreWriter
from tests.fixtures.png import rgb_png


def png_bytes(width: int, height: int, seed: int = 0) -> bytes:
    """A real PNG: a sky-to-earth gradient with a sun and hills, varied by `seed`."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        ridge = 0.62 + 0.08 * ((seed % 3) - 1)
        for x in range(width):
            fx, fy = x / width, y / height
            hill = ridge + 0.06 * ((fx * (3 + seed)) % 1.0 - 0.5) ** 2 * 8
            sun = (fx - 0.72) ** 2 + (fy - 0.28) ** 2 < 0.006
            if sun:
                pixel = (250, 214, 140)
            elif fy > hill:
                pixel = (int(70 + 40 * fy), int(96 + 30 * fx), int(70 + 20 * seed % 40))
            else:
                pixel = (int(120 + 100 * fy), int(160 + 60 * fy), int(215 - 30 * fy))
            row.extend(pixel)
        rows.append(bytes(row))
    return rgb_png(width, height, b"".join(rows), level=9)


def image(width: int, height: int, seed: int = 0, data: bytes | None = None) -> tuple[ImageRef, ImageData]:
    data = data if data is not None else png_bytes(width, height, seed)
    sha = hashlib.sha256(data).hexdigest()
    return (
        ImageRef(sha, width, height, "image/png", f"images/{sha[:8]}.png"),
        ImageData(sha, "image/png", width, height, data),
    )


PARAGRAPHS = (
    "清晨的巷子里还残留着昨夜的雨水，青石板路泛着微光。老人推开木门，把一张竹椅搬到门口，"
    "像几十年来的每一个早晨一样，泡上一壶茶，看着街坊邻居陆续醒来。",
    "他说，这条街的变化太快了。二十年前，这里还是一片菜地；如今，高楼在不远处拔地而起，"
    "年轻人一个接一个地搬走，只有逢年过节，巷子里才重新热闹起来。",
    "可是，总有一些东西没有变。比如街角那家开了四十年的面馆，比如每天傍晚准时响起的二胡声，"
    "比如邻里之间那种不必言说的默契。",
)


def article(
    uid: str, title: str, issue: IssueLabel | None, category: tuple[str, ...], **extra: object
) -> Article:
    fields: dict[str, object] = {
        "uid": uid,
        "title": title,
        "file": f"{uid}.html",
        "authors": ("李明",),
        "source": "《城市画报》",
        "date": "2016-01-05",
        "category": category,
        "issue": issue,
        "blocks": tuple(Paragraph(p) for p in PARAGRAPHS),
    }
    fields.update(extra)
    return Article(**fields)  # type: ignore[arg-type]


ISSUE_1 = IssueLabel("2016年第1期", 2016, 1)
ISSUE_2 = IssueLabel("2016年第2期", 2016, 2)
ISSUE_2015 = IssueLabel("2015年第12期", 2015, 12)


def make_store(path: Path) -> Path:
    """A store with three issues over two years, two levels of categories, images and links.

    Issue 2016-1 in order: a1 (figures: a good PNG, a missing image, bytes that do not decode), a2, a3.
    """
    good_ref, good_data = image(96, 64, seed=1)
    bad_ref, bad_data = image(40, 40, data=b"\x89PNG\r\n\x1a\nnot really a png")
    a1 = article(
        "a1",
        "老街的早晨",
        ISSUE_1,
        ("人物", "访谈"),
        subtitle="一条街的四十年",
        summary="在城市飞速变化的今天，一条老街和它的居民守住了什么？",
        blocks=(
            Paragraph(PARAGRAPHS[0]),
            Figure(good_ref, alt="老街", caption="清晨的老街", credit="图/ 李强"),
            Heading("面馆"),
            Paragraph(PARAGRAPHS[1]),
            Figure(None, caption="已经拆除的牌坊", src="images/gone.jpg"),
            Quote("“这条街就是我的家。”"),
            Figure(bad_ref, caption="损坏的图片"),
            ListBlock(("早茶", "面馆", "二胡")),
            Paragraph(PARAGRAPHS[2]),
        ),
        next=Link("a2", "面馆四十年", "a2.html"),
        related=(
            Link("b1", "冬天的河", "b1.html"),
            Link(None, "没有保存的文章", "http://example.com/lost.html"),
        ),
    )
    a2 = article("a2", "面馆四十年", ISSUE_1, ("人物", "访谈"), prev=Link("a1", "老街的早晨", "a1.html"))
    a3 = article("a3", "城市的声音", ISSUE_1, ("文化",))
    b1 = article("b1", "冬天的河", ISSUE_2, ("人物",))
    b2 = article("b2", "春节回家", ISSUE_2, ("文化",))
    c1 = article("c1", "年终回望", ISSUE_2015, ("人物", "访谈"))
    u1 = article("u1", "编辑部的话", None, ())
    with StoreWriter(path) as writer:
        writer.set_meta("name", "城市画报")
        writer.set_meta("site", "example.com")
        writer.set_meta("about", "《城市画报》创刊于1998年，关注城市生活。")
        writer.put_article(a1, [good_data, bad_data], content_hash="a1", sort_key="0001")
        writer.put_article(a2, [], content_hash="a2", sort_key="0002")
        writer.put_article(a3, [], content_hash="a3", sort_key="0003")
        writer.put_article(b1, [], content_hash="b1", sort_key="0001")
        writer.put_article(b2, [], content_hash="b2", sort_key="0002")
        writer.put_article(c1, [], content_hash="c1", sort_key="0001")
        writer.put_article(u1, [], content_hash="u1", sort_key="0001")
    return path
