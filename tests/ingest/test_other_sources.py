"""Pages from other CMSs and other ways of saving: generic extraction, profiles, browser saves, MHTML."""

from __future__ import annotations

import base64
import json
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from reader.domain.article import Article, Paragraph
from reader.ingest.extract import Extraction, extract_article
from reader.ingest.pipeline import import_sources
from reader.ingest.profiles import ProfileError, load_profile_file, load_profiles
from reader.ingest.site import SiteContext
from reader.store.reader import ArticleStore
from tests.fixtures.dede_page import png

BODY = (
    "<p>\u3000\u3000清晨六点，渡口的第一班船已经靠岸。船工老周把缆绳绕在木桩上，招呼赶早市的人上船。</p>"
    "<p>\u3000\u3000这条航线开了四十年，从木船换成铁船，又换成今天的电动船，船票却一直是两块钱。</p>"
    "<p>\u3000\u3000“只要还有人过江，船就得开。”老周说，他打算再干五年，等儿子学会看水。</p>"
)


def extract_file(path: Path, source: Path) -> Extraction:
    return extract_article([path], SiteContext.for_page(path, source))


def article(path: Path, source: Path) -> Article:
    result = extract_file(path, source)
    assert result.article is not None, result.reason
    return result.article


def paragraphs(a: Article) -> list[str]:
    return [b.text for b in a.blocks if isinstance(b, Paragraph)]


GENERIC_PAGE = """<html><head><meta charset="utf-8"><title>渡口的早班船_城市_江城晚报</title>
<meta name="keywords" content="渡口,轮渡"></head><body>
<div class="top"><h1 class="logo"><a href="/">江城晚报</a></h1>
<ul class="menu"><li><a href="/">首页</a></li><li><a href="/city/">城市</a></li><li><a href="/city/people/">人物</a></li></ul></div>
<div class="wrap"><div class="left">
<h1>渡口的早班船</h1>
<div class="meta">文丨周小舟 &nbsp; 发布时间：2019-05-06 07:30 &nbsp; 来源：江城晚报</div>
<div class="article-body">
<figure><img data-src="img/boat.png" src="img/loading.gif" alt="早班船"><figcaption>靠岸的早班船（摄影：陈渡）</figcaption></figure>
__BODY__
</div></div>
<div class="right"><h3>热门文章</h3><ul><li><a href="/a/1.html">江边的夜市越来越热闹了</a></li><li><a href="/a/2.html">老城区的梧桐树要修剪了</a></li>
<li><a href="/a/3.html">周末去哪儿：江滩公园的花开了</a></li></ul></div></div>
<div class="foot">版权所有 江城晚报 联系我们 广告服务</div></body></html>"""


def test_generic_page_finds_text_headline_byline_and_figure(tmp_path: Path) -> None:
    site = tmp_path / "www.jiangcheng.example.com"
    page = site / "city" / "people" / "20190506" / "ferry.html"
    page.parent.mkdir(parents=True)
    page.write_text(GENERIC_PAGE.replace("__BODY__", BODY), encoding="utf-8")
    (page.parent / "img").mkdir()
    (page.parent / "img" / "boat.png").write_bytes(png(40, 30))
    a = article(page, tmp_path)
    assert a.title == "渡口的早班船"
    assert a.authors == ("周小舟",)
    assert a.date == "2019-05-06"
    assert a.source == "江城晚报"
    assert len(paragraphs(a)) == 3 and paragraphs(a)[0].startswith("清晨六点")
    (figure,) = a.figures()
    assert (figure.caption, figure.credit) == ("靠岸的早班船", "陈渡")
    assert figure.image is not None and figure.image.width == 40
    assert a.category == ("城市", "人物")  # from the URL path, named by the site's own menu
    text = "\n".join(a.texts())
    for chrome in ("热门文章", "江边的夜市", "版权所有", "首页"):
        assert chrome not in text


def test_byline_and_date_from_meta_and_json_ld(tmp_path: Path) -> None:
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "渡口的早班船",
                     "author": [{"@type": "Person", "name": "周小舟"}, {"@type": "Person", "name": "李堃"}],
                     "datePublished": "2019-05-06T07:30:00+08:00"}, ensure_ascii=False)  # fmt: skip
    html = (
        f'<html><head><title>渡口的早班船 | 江城晚报</title><script type="application/ld+json">{ld}</script>'
        f"</head><body><article><h1>渡口的早班船</h1>{BODY}</article></body></html>"
    )
    page = tmp_path / "ferry.html"
    page.write_text(html, encoding="utf-8")
    a = article(page, tmp_path)
    assert (a.title, a.authors, a.date) == ("渡口的早班船", ("周小舟", "李堃"), "2019-05-06")


def test_issue_from_the_folder_the_reader_saved_into_and_unfiled_otherwise(tmp_path: Path) -> None:
    html = f"<html><head><title>渡口的早班船</title></head><body><div class='text'><h1>渡口的早班船</h1>{BODY}</div></body></html>"
    filed = tmp_path / "江城" / "2019年第5期" / "ferry.html"
    filed.parent.mkdir(parents=True)
    filed.write_text(html, encoding="utf-8")
    loose = tmp_path / "江城" / "misc" / "ferry2.html"
    loose.parent.mkdir(parents=True)
    loose.write_text(html, encoding="utf-8")
    import_sources([tmp_path / "江城"], tmp_path / "m.magstore", workers=1)
    with ArticleStore.open(tmp_path / "m.magstore") as store:
        assert [i.label for i in store.all_issues()] == ["2019年第5期"]
        assert [r.file for r in store.issue_articles(None)] == ["misc/ferry2.html"]
        assert store.years()[-1].year is None  # the "unfiled" node


PHPCMS_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>渡口的早班船 - 江城周刊</title>
<script src="/statics/js/jquery.min.js"></script></head><body>
<div class="crumbs"><a href="/">首页</a><span> &gt; </span><a href="/list-1.html">城市</a> &gt; <a href="/list-9.html">人物</a> &gt; 正文</div>
<div id="Article"><h1>渡口的早班船<br /><span>2019-05-06 07:30:00&nbsp;&nbsp;&nbsp;来源：江城周刊&nbsp;&nbsp;&nbsp;作者：王喆</span></h1>
<div class="content">__BODY__<div id="pages" class="text-c"><a>上一页</a><a>1</a><a>下一页</a></div></div></div>
<div class="tags">关键词：2019年第5期</div></body></html>"""

EMPIRE_PAGE = """<html><head><meta charset="utf-8"><title>渡口的早班船_江城周刊</title>
<meta name="keywords" content="渡口,2019年第5期"></head><body>
<div class="position">现在的位置：<a href="/">首页</a>&nbsp;>&nbsp;<a href="/city/">城市</a>&nbsp;>&nbsp;<a href="/city/people/">人物</a></div>
<div class="title_info"><h1>渡口的早班船</h1><p class="info">发布时间：2019-05-06 来源：江城周刊 作者：周小舟 点击：<script src="/e/public/ViewClick/?id=1"></script></p></div>
<div id="text">__BODY__</div><div class="pagelist"></div></body></html>"""

WORDPRESS_PAGE = """<html><head><meta charset="utf-8"><meta name="generator" content="WordPress 6.5"><title>渡口的早班船 &#8211; 江城日记</title></head>
<body><header><h1 class="site-title">江城日记</h1></header>
<article class="post"><header class="entry-header"><h1 class="entry-title">渡口的早班船</h1>
<div class="entry-meta"><time class="entry-date" datetime="2019-05-06T07:30:00+08:00">2019年5月6日</time>
<span class="author vcard"><a href="/author/zxz/">周小舟</a></span></div></header>
<div class="entry-content">__BODY__<div class="sharedaddy">分享到微博</div></div>
<footer><span class="cat-links"><a href="/category/city/" rel="category tag">城市</a></span>
<span class="tags-links"><a href="/tag/2019-5/" rel="tag">2019年第5期</a></span></footer></article>
<div class="post-navigation"><div class="nav-previous"><a href="/2019/05/05/market/">江边的夜市</a></div></div></body></html>"""


@pytest.mark.parametrize(
    ("html", "encoding", "profile", "authors", "category"),
    [
        (PHPCMS_PAGE, "gbk", "PHPCMS", ("王喆",), ("城市", "人物")),
        (EMPIRE_PAGE, "utf-8", "EmpireCMS", ("周小舟",), ("城市", "人物")),
        (WORDPRESS_PAGE, "utf-8", "WordPress", ("周小舟",), ("城市",)),
    ],
    ids=["phpcms", "empirecms", "wordpress"],
)
def test_cms_profiles_are_detected_and_read(
    tmp_path: Path,
    html: str,
    encoding: str,
    profile: str,
    authors: tuple[str, ...],
    category: tuple[str, ...],
) -> None:
    page = tmp_path / "ferry.html"
    page.write_bytes(html.replace("__BODY__", BODY).encode(encoding))
    result = extract_file(page, tmp_path)
    assert result.profile == profile
    a = result.article
    assert a is not None
    assert a.title == "渡口的早班船"
    assert a.authors == authors
    assert a.date == "2019-05-06"
    assert a.category == category
    assert a.issue is not None and a.issue.label == "2019年第5期"
    assert len(paragraphs(a)) == 3
    text = "\n".join(a.texts())
    assert "分享到" not in text and "上一页" not in text


def test_a_users_profile_in_the_config_folder_is_used(tmp_path: Path) -> None:
    from reader import paths

    folder = paths.config_dir() / "profiles"
    folder.mkdir(parents=True)
    (folder / "jiangcheng.json").write_text(json.dumps({
        "name": "江城周刊", "detect": {"selectors": ["div.jc-article"]},
        "title": ["div.jc-article .jc-title"], "content": ["div.jc-article .jc-body"],
        "byline": [".jc-by"], "issue": [".jc-issue"],
    }, ensure_ascii=False), encoding="utf-8")  # fmt: skip
    profiles, errors = load_profiles(folder)
    assert errors == []
    html = (
        "<html><body><div class='jc-article'><div class='jc-title'>渡口的早班船</div><div class='jc-by'>作者：周小舟</div>"
        f"<div class='jc-issue'>2019年5月号</div><div class='jc-body'>{BODY}</div></div></body></html>"
    )
    page = tmp_path / "a.html"
    page.write_text(html, encoding="utf-8")
    result = extract_article([page], SiteContext.for_page(page, tmp_path), profiles)
    assert result.profile == "江城周刊"
    assert result.article is not None and result.article.authors == ("周小舟",)
    assert result.article.issue is not None and result.article.issue.number == 5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"name": "x", "detect": {"selectors": ["div"]}}', "'content' needs"),
        ('{"name": "x", "detect": {"selectors": ["div"]}, "content": ["div[["]}', "bad selector"),
        ('{"name": "x", "detect": {}, "content": ["div"]}', "'detect' must name"),
        (
            '{"name": "x", "detect": {"selectors": ["div"]}, "content": ["div"], "colour": "red"}',
            "unknown keys",
        ),
    ],
)
def test_a_bad_profile_gives_a_clear_error_naming_its_file(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "mine.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError, match=message) as info:
        load_profile_file(path)
    assert str(path) in str(info.value)
    profiles, errors = load_profiles(tmp_path)
    assert len(errors) == 1 and profiles  # the built-in profiles still load


def test_browser_saved_page_with_renamed_files_and_recorded_address(tmp_path: Path) -> None:
    html = (
        "<!DOCTYPE html>\n<!-- saved from url=(0052)https://www.jiangcheng.example.com/city/2019/ferry.html -->\n"
        "<html><head><meta charset='gb2312'><title>渡口的早班船_江城晚报</title></head><body>"
        f"<div class='main'><h1>渡口的早班船</h1><p align='center'><img src='./渡口_files/boat.jpg'></p>"
        f"<p align='center'>靠岸的早班船 记者 陈渡 摄</p>{BODY}</div></body></html>"
    )
    page = tmp_path / "渡口.html"
    page.write_bytes(html.encode("utf-8"))  # labelled gb2312, written in UTF-8: the bytes win
    parts = tmp_path / "渡口_files"
    parts.mkdir()
    (parts / "boat.jpg.下载").write_bytes(png(16, 16))  # Chrome's Chinese locale renames saved parts
    (parts / "frame.html").write_text("<html><body>广告</body></html>", encoding="utf-8")
    summary = import_sources([tmp_path], tmp_path / "m.magstore", workers=1)
    assert summary.added == 1  # the _files folder holds parts, not pages
    with ArticleStore.open(tmp_path / "m.magstore") as store:
        (row,) = store.iter_article_rows()
        assert row.uid == "www.jiangcheng.example.com/city/2019/ferry"
        a = store.article(row.uid)
        assert a is not None and a.url == "https://www.jiangcheng.example.com/city/2019/ferry.html"
        (figure,) = a.figures()
        assert figure.image is not None and (figure.caption, figure.credit) == ("靠岸的早班船", "陈渡")


def test_mhtml_page_is_decoded_per_part_with_images_from_its_parts(tmp_path: Path) -> None:
    html = (
        "<html><head><meta charset='gb2312'><title>渡口的早班船</title></head><body><div class='content'>"
        "<h1>渡口的早班船</h1><p align='center'><img src='images/boat.png'></p><p align='center'>靠岸的早班船（图/陈渡）</p>"
        f"{BODY}<p>船工王喆说：“堃哥也来坐过船。”</p></div></body></html>"
    )
    message = MIMEMultipart("related", type="text/html")
    message["Snapshot-Content-Location"] = "https://news.example.cn/2019/05/ferry.html"
    message["MIME-Version"] = "1.0"
    part = MIMEText(html, "html", "gbk")  # quoted-printable or base64 GBK bytes
    part["Content-Location"] = "https://news.example.cn/2019/05/ferry.html"
    message.attach(part)
    image = MIMEBase("image", "png")
    image.set_payload(base64.b64encode(png(24, 12)).decode())
    image["Content-Transfer-Encoding"] = "base64"
    image["Content-Location"] = "https://news.example.cn/2019/05/images/boat.png"
    message.attach(image)
    path = tmp_path / "ferry.mhtml"
    path.write_bytes(message.as_bytes())
    a = article(path, tmp_path)
    assert a.uid == "news.example.cn/2019/05/ferry"
    assert paragraphs(a)[-1] == "船工王喆说：“堃哥也来坐过船。”"
    (figure,) = a.figures()
    assert figure.image is not None and (figure.image.width, figure.image.height) == (24, 12)
    assert a.issue is not None and (a.issue.year, a.issue.number) == (2019, 5)  # from the URL


def test_single_file_html_with_data_uri_images(tmp_path: Path) -> None:
    data = base64.b64encode(png(10, 5)).decode()
    html = (
        f"<html><body><div class='content'><h1>渡口的早班船</h1><figure><img src='data:image/png;base64,{data}'>"
        f"<figcaption>靠岸的早班船</figcaption></figure>{BODY}</div></body></html>"
    )
    page = tmp_path / "single.html"
    page.write_text(html, encoding="utf-8")
    (figure,) = article(page, tmp_path).figures()
    assert figure.image is not None and figure.image.width == 10
