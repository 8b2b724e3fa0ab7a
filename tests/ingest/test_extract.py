"""Extraction of saved DedeCMS pages: fields, body blocks, figures with captions and credits, chrome left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.domain.article import Article, Figure, Heading, ListBlock, Paragraph, Table
from reader.domain.text import clean_text
from reader.ingest.blocks import BLANK
from reader.ingest.extract import Extraction, extract_article
from reader.ingest.site import SiteContext
from tests.fixtures.dede_page import HOST, article_page, png, write_image, write_page

CHROME = ["WAP手机版", "RSS订阅", "加入收藏", "设为首页", "当前位置", "本类推荐", "杂志简介", "版权所有",
          "标签", "上一篇", "下一篇", "内容摘要", "责任编辑", "热门标签", "点击"]  # fmt: skip


def extract(root: Path, rel: str) -> Extraction:
    page = root / HOST / rel
    return extract_article([page], SiteContext.for_page(page, root))


def article_of(root: Path, rel: str) -> Article:
    result = extract(root, rel)
    assert result.article is not None, result.reason
    return result.article


def body_text(article: Article) -> str:
    return "\n".join(article.texts())


def test_fields_come_from_the_page_not_from_its_title_tag(tmp_path: Path) -> None:
    write_page(tmp_path, "a/rw/sh/2023/0412/88.html", article_page(summary="茶农说，今年雨水正好。"))
    article = article_of(tmp_path, "a/rw/sh/2023/0412/88.html")
    assert article.title == "溪畔的春茶"
    assert article.authors == ("林小溪",)
    assert article.summary == "茶农说，今年雨水正好。"
    assert article.category == ("人文", "生活")
    assert article.issue is not None
    assert (article.issue.label, article.issue.year, article.issue.number) == ("2023年第4期", 2023, 4)
    assert article.uid == f"{HOST}/a/rw/sh/2023/0412/88"
    assert article.file == "a/rw/sh/2023/0412/88.html"


def test_default_template_info_line_gives_date_source_and_every_author(tmp_path: Path) -> None:
    page = article_page(template="dede", authors="林小溪 王喆")
    write_page(tmp_path, "a/rw/sh/2023/0412/89.html", page, encoding="gbk")
    article = article_of(tmp_path, "a/rw/sh/2023/0412/89.html")
    assert article.date == "2023-04-12"
    assert article.source == "《兰溪》月刊"
    assert article.authors == ("林小溪", "王喆")


def test_issue_comes_from_the_articles_tag_not_the_headers_hot_tags(tmp_path: Path) -> None:
    write_page(tmp_path, "a/x/1.html", article_page(template="dede", issue="2023年第04期"))
    article = article_of(tmp_path, "a/x/1.html")
    assert article.issue is not None
    assert (article.issue.year, article.issue.number) == (2023, 4)


def test_gbk_page_labelled_gb2312_keeps_characters_outside_gb2312(tmp_path: Path) -> None:
    body = "<p>\u3000\u3000摄影师李堃和陈珺沿着溪流走了一整天。</p><p>第二段仍然在这里。</p>"
    write_page(tmp_path, "a/x/2.html", article_page(body=body, charset="gb2312"), encoding="gbk")
    article = article_of(tmp_path, "a/x/2.html")
    assert [b.text for b in article.blocks if isinstance(b, Paragraph)] == [
        "摄影师李堃和陈珺沿着溪流走了一整天。",
        "第二段仍然在这里。",
    ]


def test_body_has_no_site_chrome(tmp_path: Path) -> None:
    write_page(
        tmp_path,
        "a/x/3.html",
        article_page(
            template="dede", prev=("/a/x/2.html", "前一篇文章"), related=(("/a/x/9.html", "推荐阅读"),)
        ),
    )
    text = body_text(article_of(tmp_path, "a/x/3.html"))
    assert "清明前后" in text
    for chrome in CHROME:
        assert chrome not in text


def test_indentation_is_removed_and_split_digits_are_joined(tmp_path: Path) -> None:
    body = "<p>&nbsp;&nbsp;&nbsp; 全年产茶7 8 . 1 2万斤，比上年增长5 . 6%。</p><p>\u3000\u3000　第二段。</p>"
    write_page(tmp_path, "a/x/4.html", article_page(body=body))
    paragraphs = [b.text for b in article_of(tmp_path, "a/x/4.html").blocks if isinstance(b, Paragraph)]
    assert paragraphs == ["全年产茶78.12万斤，比上年增长5.6%。", "第二段。"]


def test_full_width_punctuation_is_kept(tmp_path: Path) -> None:
    body = "<p>“茶，要慢慢喝。”他说（笑）：１２３！</p>"
    write_page(tmp_path, "a/x/5.html", article_page(body=body))
    paragraphs = [b.text for b in article_of(tmp_path, "a/x/5.html").blocks if isinstance(b, Paragraph)]
    assert paragraphs == ["“茶，要慢慢喝。”他说（笑）：１２３！"]


def test_repeated_title_is_dropped_and_dash_line_becomes_subtitle(tmp_path: Path) -> None:
    body = (
        '<p align="center"><strong>溪畔的春茶</strong></p>\n'
        '<p align="center">——兰溪茶农的一个清明<br />\n与三代人的手艺</p>\n'
        "<p>正文第一段。</p>"
    )
    write_page(tmp_path, "a/x/6.html", article_page(body=body))
    article = article_of(tmp_path, "a/x/6.html")
    assert article.subtitle == "兰溪茶农的一个清明与三代人的手艺"
    assert [type(b) for b in article.blocks] == [Paragraph]


@pytest.mark.parametrize(
    ("figure_html", "caption", "credit"),
    [
        (
            '<p align="center"><img src="/u/a.png" /></p><p align="center">晨雾中的茶园 (图/ 李强)</p>',
            "晨雾中的茶园",
            "李强",
        ),
        (
            '<p style="text-align: center;"><img src="/u/a.png" /><br />\n晨雾中的茶园（图/李强）</p>',
            "晨雾中的茶园",
            "李强",
        ),
        (
            '<div align="center"><img src="/u/a.png" /></div><div align="center"><span>晨雾中的茶园\u3000记者 张三 摄'
            "</span></div>",
            "晨雾中的茶园",
            "张三",
        ),
        (
            '<table align="center"><tbody><tr><td><img src="/u/a.png" /></td></tr>'
            '<tr><td style="text-align:center">晨雾中的茶园（摄影：王五）</td></tr></tbody></table>',
            "晨雾中的茶园",
            "王五",
        ),
        (
            '<figure><img src="/u/a.png" /><figcaption>晨雾中的茶园</figcaption></figure>',
            "晨雾中的茶园",
            None,
        ),
    ],
    ids=["next-centred-paragraph", "after-br", "div-pair", "table-row", "figcaption"],
)
def test_every_caption_form_pairs_the_image_with_caption_and_credit(
    tmp_path: Path, figure_html: str, caption: str, credit: str | None
) -> None:
    write_image(tmp_path, "u/a.png", png(12, 9))
    write_page(tmp_path, "a/x/7.html", article_page(body=figure_html + "<p>茶园里的正文。</p>"))
    article = article_of(tmp_path, "a/x/7.html")
    figures = article.figures()
    assert len(figures) == 1
    figure = figures[0]
    assert (figure.caption, figure.credit) == (caption, credit)
    assert figure.image is not None
    assert (figure.image.width, figure.image.height, figure.image.mime) == (12, 9, "image/png")
    assert [b.text for b in article.blocks if isinstance(b, Paragraph)] == ["茶园里的正文。"]


def test_images_resolve_from_root_relative_absolute_and_relative_addresses(tmp_path: Path) -> None:
    write_image(tmp_path, "uploads/1.png", png(shade=1))
    write_image(tmp_path, "uploads/2.png", png(shade=2))
    write_image(tmp_path, "a/x/3.png", png(shade=3))
    body = (
        '<p align="center"><img src="/uploads/1.png" /></p>'
        f'<p align="center"><img src="http://{HOST}/uploads/2.png" /></p>'
        '<p align="center"><img src="3.png" /></p><p>正文。</p>'
    )
    write_page(tmp_path, "a/x/8.html", article_page(body=body))
    result = extract(tmp_path, "a/x/8.html")
    assert result.article is not None
    files = [f.image.file if f.image else None for f in result.article.figures()]
    assert files == ["uploads/1.png", "uploads/2.png", "a/x/3.png"]
    assert len(result.images) == 3


def test_missing_image_is_a_figure_without_image_not_an_error(tmp_path: Path) -> None:
    body = (
        '<p align="center"><img src="/uploads/gone.jpg" /></p><p align="center">不在了的照片</p><p>正文。</p>'
    )
    write_page(tmp_path, "a/x/9.html", article_page(body=body))
    result = extract(tmp_path, "a/x/9.html")
    assert result.kind == "article"
    assert result.missing_images == 1
    assert result.article is not None
    (figure,) = result.article.figures()
    assert figure.image is None
    assert figure.caption == "不在了的照片"
    assert figure.src == "/uploads/gone.jpg"


def test_images_outside_the_import_folder_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(png(shade=7))
    source = tmp_path / "mirror"
    body = (
        f'<p><img src="file://{secret}" /></p><p><img src="../../../../secret.png" /></p>'
        f'<p><img src="{secret}" /></p><p><img src="\\\\server\\share\\x.png" /></p><p>正文。</p>'
    )
    write_page(source, "a/10.html", article_page(body=body))
    result = extract(source, "a/10.html")
    assert result.article is not None
    assert [f.image for f in result.article.figures()] == [None, None, None, None]
    assert result.images == []


def test_a_file_that_is_not_an_image_is_reported_and_shown_missing(tmp_path: Path) -> None:
    write_image(tmp_path, "u/fake.jpg", b"<html>404 not found</html>")
    body = '<p align="center"><img src="/u/fake.jpg" /></p><p>正文。</p>'
    write_page(tmp_path, "a/x/11.html", article_page(body=body))
    result = extract(tmp_path, "a/x/11.html")
    assert result.article is not None
    assert result.article.figures()[0].image is None
    assert any("not an image" in w for w in result.warnings)


def test_an_image_file_over_the_size_limit_is_reported_and_shown_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ingest.extract as extract_module

    small, big = png(shade=1), png(shade=2) + b"\0" * 4096  # trailing bytes: still a valid header
    monkeypatch.setattr(extract_module, "MAX_IMAGE_BYTES", len(small) + 100)
    write_image(tmp_path, "u/small.png", small)
    write_image(tmp_path, "u/big.png", big)
    body = '<p><img src="/u/small.png" /></p><p><img src="/u/big.png" /></p><p>正文。</p>'
    write_page(tmp_path, "a/x/12.html", article_page(body=body))
    result = extract(tmp_path, "a/x/12.html")
    assert result.article is not None
    small_figure, big_figure = result.article.figures()
    assert small_figure.image is not None and big_figure.image is None
    assert [image.data for image in result.images] == [small]
    assert any("big.png: image larger than" in w for w in result.warnings)


def test_prev_next_and_related_links_resolve_to_uids(tmp_path: Path) -> None:
    page = article_page(
        prev=("/a/x/1.html", "第一篇"), related=(("/a/y/5.html", "别处的一篇"), ("2.html", "相对链接"))
    )
    write_page(tmp_path, "a/x/12.html", page)
    article = article_of(tmp_path, "a/x/12.html")
    assert article.prev is not None
    assert (article.prev.uid, article.prev.title) == (f"{HOST}/a/x/1", "第一篇")
    assert article.next is None
    assert [r.uid for r in article.related] == [f"{HOST}/a/y/5", f"{HOST}/a/x/2"]


def test_headings_lists_and_tables_in_the_body_become_their_blocks(tmp_path: Path) -> None:
    body = (
        "<h3>一、采茶</h3><p>先说采茶。</p><p><strong>二、炒茶</strong></p><p>再说炒茶。</p>"
        "<ul><li>杀青</li><li>揉捻</li></ul>"
        "<table><tr><td>年份</td><td>产量</td></tr><tr><td>2022</td><td>3吨</td></tr></table>"
    )
    write_page(tmp_path, "a/x/13.html", article_page(body=body))
    blocks = article_of(tmp_path, "a/x/13.html").blocks
    assert blocks[0] == Heading("一、采茶", 3)
    assert blocks[2] == Heading("二、炒茶", 3)
    assert ListBlock(("杀青", "揉捻")) in blocks
    assert Table((("年份", "产量"), ("2022", "3吨"))) in blocks


def test_broken_html_still_gives_the_text(tmp_path: Path) -> None:
    body = "<p>没有闭合的段落<p>第二段<b>加粗<i>斜体</p><div>最后一段"
    write_page(tmp_path, "a/x/14.html", article_page(body=body))
    text = body_text(article_of(tmp_path, "a/x/14.html"))
    for piece in ("没有闭合的段落", "第二段", "加粗", "斜体", "最后一段"):
        assert piece in text


def test_a_page_too_deep_for_the_parser_is_reported_not_truncated(tmp_path: Path) -> None:
    body = "<div>" * 400 + "深处的文字" + "</div>" * 400 + "<p>之后的段落</p>"
    write_page(tmp_path, "a/x/15.html", article_page(body=body))
    result = extract(tmp_path, "a/x/15.html")
    assert result.kind == "failed"
    assert result.reason is not None
    assert "drop part of this page" in result.reason


def test_list_index_and_tag_pages_are_skipped_with_a_reason(tmp_path: Path) -> None:
    listing = "<html><body><div class='listbox'><ul class='e2'><li><a href='/a/x/1.html'>一</a></li></ul></div></body></html>"
    write_page(tmp_path, "a/x/index.html", listing)
    write_page(
        tmp_path, "index.html", "<html><body><ul><li><a href='/a/x/1.html'>一</a></li></ul></body></html>"
    )
    assert (extract(tmp_path, "a/x/index.html").kind, extract(tmp_path, "a/x/index.html").reason) == (
        "skipped",
        "list page",
    )
    assert extract(tmp_path, "index.html").reason == "index page"


def test_about_page_gives_the_magazines_about_text(tmp_path: Path) -> None:
    about = (
        "<html><head><title>杂志简介_《兰溪》月刊</title></head><body><div class='place'><strong>当前位置:</strong>"
        "<a href='/'>首页</a> > 杂志简介</div><div class='content'><p>《兰溪》是一本写给溪边人家的月刊。</p>"
        "</div></body></html>"
    )
    write_page(tmp_path, "a/about/jj/index.html", about)
    result = extract(tmp_path, "a/about/jj/index.html")
    assert result.kind == "about"
    assert result.about == "《兰溪》是一本写给溪边人家的月刊。"


def test_multi_page_article_is_joined_in_page_order(tmp_path: Path) -> None:
    pagelist = '<div class="dede_pages"><ul class="pagelist"><li><a>共2页: </a></li><li><a href="16_2.html">2</a></li></ul></div>'
    first = write_page(tmp_path, "a/x/16.html", article_page(body="<p>上半篇。</p>", pagelist=pagelist))
    second = write_page(tmp_path, "a/x/16_2.html", article_page(body="<p>下半篇。</p>", pagelist=pagelist))
    result = extract_article([first, second], SiteContext.for_page(first, tmp_path))
    assert result.article is not None
    assert [b.text for b in result.article.blocks if isinstance(b, Paragraph)] == ["上半篇。", "下半篇。"]
    assert result.article.pages == 2
    assert "共2页" not in body_text(result.article)


def test_lazy_loaded_image_uses_the_saved_file_not_the_placeholder(tmp_path: Path) -> None:
    write_image(tmp_path, "u/real.png", png(20, 10))
    write_image(tmp_path, "u/loading.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    body = '<p align="center"><img src="/u/loading.gif" data-original="/u/real.png" /></p><p>正文。</p>'
    write_page(tmp_path, "a/x/17.html", article_page(body=body))
    (figure,) = article_of(tmp_path, "a/x/17.html").figures()
    assert isinstance(figure, Figure)
    assert figure.image is not None
    assert (figure.image.width, figure.image.height) == (20, 10)


def test_white_space_the_body_walk_drops_is_white_space_that_cleans_to_nothing() -> None:
    # The walk drops units of these characters without cleaning them: that must be what cleaning does.
    for char in BLANK:
        assert clean_text(f"{char}{char}\n{char}") == "", repr(char)


def test_white_space_between_paragraphs_neither_makes_blocks_nor_ends_a_caption(tmp_path: Path) -> None:
    write_image(tmp_path, "u/p.png", png(20, 10))
    body = '<p align="center"><img src="/u/p.png" /></p>\n\u3000\u200b\n<p align="center">图说(图/ 李强)</p>\n<p>正文。</p>'
    write_page(tmp_path, "a/x/18.html", article_page(body=body))
    article = article_of(tmp_path, "a/x/18.html")
    (figure,) = article.figures()
    assert isinstance(figure, Figure)
    assert (figure.caption, figure.credit) == ("图说", "李强")
    assert [b.text for b in article.blocks if isinstance(b, Paragraph)] == ["正文。"]
