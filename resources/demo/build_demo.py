#!/usr/bin/env python3
"""Build the demo magazine that ships with Magazine Reader: a saved (wget-style) copy of a DedeCMS site.

The site is that of 《山水间》, a fictional monthly about people and places. Its text lives in
articles.txt and its pictures are painted by scenes.py; everything here is original and written for
this project. The pages follow the DedeCMS templates that ../../../shared/corpus/make_site.py imitates
(the magazine's own "gc" template and DedeCMS's default "dede" one), with the usual variations: GBK pages
labelled gb2312 (one with characters outside GB2312), a two-page article, captions in every layout, a
picture that was never saved, and pages that are not articles (home, lists, the about page).

    python3 resources/demo/build_demo.py [--out DIR]

Writes DIR/site/www.shanshui.example.cn/... and DIR/expected.json (DIR defaults to this script's folder).
expected.json lists, per article: the path of its first page (relative to the host folder), title,
subtitle, authors, date (as the page prints it, or null), summary, category, issue, paragraphs,
headings and quotes, figures (image path or null when the file is missing, caption, credit),
prev/next/related paths.
Standard library only; the output is the same on every run.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

# The painting modules beside this script are package data: importing them must leave no __pycache__.
sys.dont_write_bytecode = True
from scenes import SCENES, paint  # noqa: E402

HERE = Path(__file__).resolve().parent
HOST = "www.shanshui.example.cn"
SITE = "《山水间》杂志"
YEAR = 2024
SECTIONS = {
    "rw": ("人文", {"csjy": "城市记忆", "sys": "手艺人"}),
    "zr": ("自然", {"sc": "山川", "wh": "物候"}),
}
CREDIT_FORMS = {
    "slash": "{cap} (图/ {who})",
    "fullwidth": "{cap}（图/{who}）",
    "reporter": "{cap}\u3000记者 {who} 摄",
    "photo": "{cap}（摄影：{who}）",
}
LAYOUTS = ("next", "br", "div", "table")
# How body paragraphs are indented, varied by article as on the real site.
INDENTS = ("&nbsp;&nbsp;&nbsp; ", "\u3000\u3000", "", "&nbsp;&nbsp;&nbsp;&nbsp;")
PARAGRAPH_CHARS = (80, 250)
PARAGRAPHS_PER_ARTICLE = (4, 10)


@dataclass
class Figure:
    scene: str | None  # None: the page refers to a file that was not saved
    layout: str
    credit_form: str
    caption: str
    credit: str | None
    absolute: bool
    src: str = ""  # uploads/allimg/..., set once the article knows its id and date

    @property
    def size(self) -> tuple[int, int]:
        return SCENES[self.scene][0] if self.scene else (640, 400)


@dataclass
class Subhead:
    """A short bold line of its own between paragraphs, as editors set one: `[subhead] text` in
    articles.txt."""

    text: str


@dataclass
class Pullquote:
    """Someone's words set apart in a <blockquote>: `> text` in articles.txt."""

    text: str


Block = str | Figure | Subhead | Pullquote


@dataclass
class Article:
    aid: int
    issue: int
    section: str
    sub: str
    date: str
    template: str
    encoding: str
    title: str
    authors: list[str]
    pages: list[list[Block]]
    subtitle: str | None = None
    repeat_title: bool = False
    summary: str | None = None
    prev: Article | None = None
    next: Article | None = None
    related: list[Article] = field(default_factory=list)

    @property
    def issue_label(self) -> str:
        return f"{YEAR}年第{self.issue}期"

    @property
    def folder(self) -> str:
        return f"a/{self.section}/{self.sub}/{self.date[:4]}/{self.date[5:7]}{self.date[8:]}"

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.aid}.html"

    def page_path(self, page: int) -> str:
        return self.path if page == 1 else f"{self.folder}/{self.aid}_{page}.html"

    @property
    def paragraphs(self) -> list[str]:
        return [b for page in self.pages for b in page if isinstance(b, str)]

    @property
    def figures(self) -> list[Figure]:
        return [b for page in self.pages for b in page if isinstance(b, Figure)]

    @property
    def subheads(self) -> list[str]:
        return [b.text for page in self.pages for b in page if isinstance(b, Subhead)]

    @property
    def quotes(self) -> list[str]:
        return [b.text for page in self.pages for b in page if isinstance(b, Pullquote)]

    @property
    def category(self) -> tuple[str, str]:
        name, subs = SECTIONS[self.section]
        return name, subs[self.sub]


# Reading articles.txt --------------------------------------------------------------------------------

_FIGURE = re.compile(r"\[figure ([^\]]*)\]\s*(.*)")


def read_articles(path: Path) -> tuple[list[Article], list[str]]:
    """The articles of the data file, and the paragraphs of its about page."""
    chunks: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("=== "):
            chunks.append((line[4:].strip(), []))
        elif chunks:
            chunks[-1][1].append(line.strip())
    articles, about = [], []
    for key, lines in chunks:
        if key == "about":
            about = [ln for ln in lines if ln]
        else:
            articles.append(_parse_article(int(key), lines))
    return articles, about


def _parse_article(aid: int, lines: list[str]) -> Article:
    head: dict[str, str] = {}
    rest = iter(lines)
    for line in rest:
        if not line:
            if head:
                break
            continue
        key, _, value = line.partition(":")
        head[key.strip()] = value.strip()
    pages: list[list[Block]] = [[]]
    for line in rest:
        if not line:
            continue
        if line.startswith("--- page"):
            pages.append([])
        elif line.startswith("[subhead] "):
            pages[-1].append(Subhead(line[len("[subhead] ") :].strip()))
        elif line.startswith("> "):
            pages[-1].append(Pullquote(line[2:].strip()))
        elif match := _FIGURE.fullmatch(line):
            attrs = dict(item.split("=", 1) for item in match.group(1).split())
            caption, _, credit = match.group(2).partition("|")
            scene = attrs["scene"]
            pages[-1].append(
                Figure(
                    scene=None if scene == "missing" else scene,
                    layout=attrs.get("layout", "next"),
                    credit_form=attrs.get("credit", "none"),
                    caption=caption.strip(),
                    credit=credit.strip() or None,
                    absolute=attrs.get("url") == "absolute",
                )
            )
        else:
            pages[-1].append(line)
    section, _, sub = head["category"].partition("/")
    article = Article(
        aid=aid,
        issue=int(head["issue"]),
        section=section,
        sub=sub,
        date=head["date"],
        template=head.get("template", "gc"),
        encoding=head.get("encoding", "utf-8"),
        title=head["title"],
        authors=head["authors"].split(),
        pages=pages,
        subtitle=head.get("subtitle"),
        repeat_title=head.get("repeat_title") == "yes",
        summary=head.get("summary"),
    )
    for k, fig in enumerate(article.figures, start=1):
        fig.src = f"uploads/allimg/{article.date[2:4]}{article.date[5:7]}{article.date[8:]}/{aid}-{k}.png"
    _check(article)
    return article


def _check(a: Article) -> None:
    """Keep the demo honest: what expected.json promises must be what the pages show."""
    problems = []
    lo, hi = PARAGRAPHS_PER_ARTICLE
    if not lo <= len(a.paragraphs) <= hi:
        problems.append(f"{len(a.paragraphs)} paragraphs")
    problems += [
        f"paragraph of {len(p)} characters: {p[:12]}"
        for p in a.paragraphs
        if not (PARAGRAPH_CHARS[0] <= len(p) <= PARAGRAPH_CHARS[1])
    ]
    problems += [
        f"subhead {h!r}: at most 20 characters, and no sentence end"
        for h in a.subheads
        if len(h) > 20 or h.endswith(("。", "！", "？", "."))
    ]
    problems += [f"quote of {len(q)} characters" for q in a.quotes if not 10 <= len(q) <= 120]
    if a.section not in SECTIONS or a.sub not in SECTIONS[a.section][1]:
        problems.append(f"unknown category {a.section}/{a.sub}")
    if a.subtitle and not (a.repeat_title and a.template == "gc"):
        problems.append("a subtitle is only printed under a repeated title in the gc template")
    for fig in a.figures:
        if fig.scene is not None and fig.scene not in SCENES:
            problems.append(f"unknown scene {fig.scene}")
        if fig.layout not in LAYOUTS or (fig.credit_form not in CREDIT_FORMS and fig.credit_form != "none"):
            problems.append(f"unknown figure layout or credit form: {fig}")
        if (fig.credit is None) != (fig.credit_form == "none"):
            problems.append(f"credit and credit form disagree: {fig}")
    if problems:
        raise SystemExit(f"articles.txt, article {a.aid}: " + "; ".join(problems))


def link_articles(articles: list[Article]) -> None:
    """上一篇/下一篇 within a subsection (in id order), 本类推荐 from the same section."""
    by_sub: dict[tuple[str, str], list[Article]] = {}
    for a in sorted(articles, key=lambda a: a.aid):
        by_sub.setdefault((a.section, a.sub), []).append(a)
    for group in by_sub.values():
        for i, a in enumerate(group):
            a.prev = group[i - 1] if i > 0 else None
            a.next = group[i + 1] if i + 1 < len(group) else None
    for a in articles:
        pool = [b for b in articles if b.section == a.section and b is not a]
        a.related = random.Random(f"related:{a.aid}").sample(pool, 3 + a.aid % 2)


# Writing pages ---------------------------------------------------------------------------------------

HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{title}_{site}</title>
<meta name="keywords" content="{keywords}" />
<meta name="description" content="{description}" />
<link href="/templets/default/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" />
<script language="javascript" type="text/javascript" src="/include/dedeajax2.js"></script>
</head>
<body class="articleview">
<div class="header_top"><div class="w960 center"><span class="time">欢迎访问{site}</span>
<div class="toplinks"><a href="/m/">WAP手机版</a> <a href="/data/rss/1.xml">RSS订阅</a> \
<a href="javascript:window.external.AddFavorite(location.href,document.title)">加入收藏</a>  \
<a href="javascript:void(0)" onclick="this.style.behavior='url(#default#homepage)';\
this.setHomePage('http://{host}/');">设为首页</a></div></div></div>
<div class="header"><div class="top w960 center"><div class="title"><h1><a href="/">\
<img src="/templets/default/images/logo.gif" alt="{site}"/></a></h1></div></div>
<div class="module blue mt1"><div class="nav w960 center"><ul><li class="hover"><a href="/">首页</a></li>\
{nav}</ul></div></div></div>
"""

FOOT = """<div class="footer w960 center mt1 clear"><div class="footer_body">
<p class="powered"><a href="/a/about/jj/">杂志简介</a> - <a href="/a/about/zzjg/">组织机构</a> - \
<a href="/a/about/">关于我们</a></p>
<div class="copyright">版权所有&copy;{site}社 联系电话:0571-00000000 浙ICP备00000000号-1</div>
</div></div>
<script src="/plus/count.php?view=yes&amp;aid={aid}&amp;mid=1" type="text/javascript"></script>
</body>
</html>
"""

NAV = "".join(f"<li><a href='/a/{key}/'>{name}</a></li>" for key, (name, _) in SECTIONS.items())
ISSUE_LABELS = [f"{YEAR}年第{n}期" for n in (1, 2, 3)]


def head(title: str, charset: str = "utf-8", keywords: str = "", description: str = "") -> str:
    return HEAD.format(
        charset=charset,
        title=html.escape(title),
        site=SITE,
        host=HOST,
        keywords=keywords,
        description=description,
        nav=NAV,
    )


def figure_html(fig: Figure) -> str:
    """One picture with its caption, in one of the four layouts the magazine's editors used."""
    src = f"http://{HOST}/{fig.src}" if fig.absolute else f"/{fig.src}"
    text = (
        CREDIT_FORMS[fig.credit_form].format(cap=fig.caption, who=fig.credit) if fig.credit else fig.caption
    )
    cap = html.escape(text)
    w, h = fig.size
    shown = (550, round(550 * h / w)) if w > h else (w, h)
    img = (
        f'<img alt="{html.escape(fig.caption[:8])}" src="{src}" '
        f'style="width: {shown[0]}px; height: {shown[1]}px;" border="0" />'
    )
    if fig.layout == "next":
        return f'<p align="center">{img}</p>\n<p align="center">{cap}</p>\n'
    if fig.layout == "br":
        return f'<p style="text-align: center;">{img}<br />\n{cap}</p>\n'
    if fig.layout == "div":
        return (
            f'<div align="center">{img}</div>\n'
            f'<div align="center"><span style="font-size:12px;">{cap}</span></div>\n'
        )
    return (
        f'<table align="center" border="0" cellpadding="0" cellspacing="0"><tbody><tr><td>{img}</td></tr>'
        f'<tr><td style="text-align:center">{cap}</td></tr></tbody></table>\n'
    )


def body_html(a: Article, page: int) -> str:
    parts = []
    if page == 1 and a.repeat_title:
        parts.append(f'<p align="center"><strong>{html.escape(a.title)}</strong></p>\n')
        if a.subtitle:
            parts.append(f'<p align="center">——{html.escape(a.subtitle)}</p>\n')
    indent = INDENTS[a.aid % len(INDENTS)]
    for block in a.pages[page - 1]:
        if isinstance(block, Figure):
            parts.append(figure_html(block))
        elif isinstance(block, Subhead):
            parts.append(f"<p><strong>{html.escape(block.text)}</strong></p>\n")
        elif isinstance(block, Pullquote):
            parts.append(f"<blockquote><p>{html.escape(block.text)}</p></blockquote>\n")
        else:
            parts.append(f"<p>{indent}{html.escape(block)}</p>\n")
    return "".join(parts)


def context_link(target: Article | None, word: str, colon: str) -> str:
    if target is None:
        return f"<li>{word}{colon}没有了 </li>"
    return f"<li>{word}{colon}<a href='/{target.path}'>{html.escape(target.title)}</a> </li>"


def page_lists(a: Article, page: int) -> str:
    """The 共2页 page list under the body of a two-page article."""
    if len(a.pages) == 1:
        return ""
    first, second = f"{a.aid}.html", f"{a.aid}_2.html"
    if page == 1:
        items = (
            f'<li><a href="#">上一页</a></li><li class="thisclass"><a href="#">1</a></li>'
            f'<li><a href="{second}">2</a></li><li><a href="{second}">下一页</a></li>'
        )
    else:
        items = (
            f'<li><a href="{first}">上一页</a></li><li><a href="{first}">1</a></li>'
            f'<li class="thisclass"><a href="#">2</a></li><li><a href="#">下一页</a></li>'
        )
    return f'  <div class="dede_pages"><ul class="pagelist"><li><a>共2页: </a></li>{items}</ul></div>\n'


def article_html(a: Article, page: int) -> str:
    section, sub = a.category
    gc = a.template == "gc"
    home = "首页" if gc else "主页"  # DedeCMS's default template names the home page 主页
    place = (
        f"<a href='http://{HOST}/'>{home}</a> > <a href='/a/{a.section}/'>{section}</a> > "
        f"<a href='/a/{a.section}/{a.sub}/'>{sub}</a> > "
    )
    description = html.escape(a.summary or a.paragraphs[0][:60])
    out = head(a.title, "gb2312" if a.encoding == "gbk" else "utf-8", a.issue_label, description)
    if not gc:  # the default header lists the site's hot tags: every issue, not only this one
        out += (
            '<div class="tags"><h4>热门标签:</h4><ul>'
            + "".join(f"<li><a href='/tags.php?/{t}/'>{t}</a></li>" for t in ISSUE_LABELS)
            + "</ul></div>\n"
        )
    out += '<div class="w960 center clear mt1">\n<div class="pleft">\n'
    out += f' <div class="place"> <strong>当前位置:</strong> {place} </div>\n <div class="viewbox">\n'
    out += f'  <div class="title"><h2>{html.escape(a.title)}</h2></div>\n'
    authors = " ".join(html.escape(x) for x in a.authors)
    if gc:
        out += f'  <div class="info"><small>作者:</small>{authors} &nbsp;&nbsp;</div>\n'
        if page == 1:
            out += f'  <div class="intro"><strong>内容摘要:</strong>{html.escape(a.summary or "")}</div>\n'
    else:
        out += (
            f'  <div class="info"> <small>时间:</small>{a.date} 10:{a.aid % 60:02d}'
            f"<small>来源:</small>{SITE} "
            f"<small>作者:</small>{authors} <small>点击:</small>\n"
            f"   <script src=\"/plus/count.php?view=yes&aid={a.aid}&mid=1\" type='text/javascript' "
            'language="javascript"></script>\n   次</div>\n'
        )
        if page == 1 and a.summary:
            out += f'  <div class="intro">{html.escape(a.summary)}</div>\n'
    out += f"  <div class=\"content\">\n   <table width='100%'><tr><td>\n{body_html(a, page)}"
    if not gc and page == len(a.pages):
        out += "(责任编辑：山水间)"
    out += "</td></tr></table>\n  </div>\n"
    out += page_lists(a, page)
    tag = f'<a href="/tags.php?/{a.issue_label}/">{a.issue_label}</a>'
    if gc:
        out += f'  <div class="tags">标签:{tag}</div>\n'
    else:
        out += (
            '  <div class="newdigg" id="newdigg"><div class="diggbox digg_good">'
            '<div class="digg_act">顶一下</div><div class="digg_num">(0)</div></div>'
            '<div class="diggbox digg_bad"><div class="digg_act">踩一下</div>'
            '<div class="digg_num">(0)</div></div></div>\n'
        )
        out += f'  <div class="tags">Tags:{tag}</div>\n'
    colon = ":" if gc else "："  # DedeCMS itself prints a full-width colon
    out += '  <div class="handle"><div class="context"><ul>'
    out += context_link(a.prev, "上一篇", colon) + context_link(a.next, "下一篇", colon) + "</ul></div>"
    if not gc:
        out += (
            '<div class="actbox"><ul>'
            + "".join(
                f'<li id="act-{key}"><a href="/plus/{script}.php?aid={a.aid}" target="_blank">{word}</a></li>'
                for key, script, word in (
                    ("fav", "stow", "收藏"),
                    ("err", "erraddsave", "挑错"),
                    ("pus", "recommend", "推荐"),
                )
            )
            + '<li id="act-pnt"><a href="#" onClick="window.print();">打印</a></li></ul></div>'
        )
    out += "</div>\n </div>\n</div>\n"
    out += (
        '<div class="pright"><div class="commend mt1"><dl class="tbox light"><dt class="light">'
        "<strong>本类推荐"
        '</strong></dt><dd class="light"><ul class="d4">\n'
    )
    for r in a.related:
        teaser = html.escape(r.paragraphs[0][:40])
        out += f'<li><a href="/{r.path}">{html.escape(r.title)}</a><p>{teaser}...</p></li>\n'
    out += "</ul></dd></dl></div></div>\n</div>\n"
    return out + FOOT.format(site=SITE, aid=a.aid)


def home_html(articles: list[Article]) -> str:
    out = head("首页") + "<div class='w960 center clear mt1'>\n"
    for label in reversed(ISSUE_LABELS):
        out += f"<div class='issue'><h3>{label}</h3><ul>\n"
        for a in articles:
            if a.issue_label == label:
                section, sub = a.category
                out += (
                    f"<li><a href='/{a.path}'>{html.escape(a.title)}</a> <span>{section} · {sub}</span> "
                    f"<span>{' '.join(a.authors)}</span></li>\n"
                )
        out += "</ul></div>\n"
    return out + "</div>\n" + FOOT.format(site=SITE, aid=0)


def list_html(title: str, articles: list[Article]) -> str:
    """A DedeCMS list page: the articles of one section or subsection, newest first."""
    out = head(title) + "<div class='w960 center clear mt1'><div class='listbox'><ul class='e2'>\n"
    for a in sorted(articles, key=lambda a: (a.date, a.aid), reverse=True):
        out += (
            f"<li><a href='/{a.path}' class='title'>{html.escape(a.title)}</a><span class='info'>"
            f"<small>日期：</small>{a.date}</span>"
            f"<p class='intro'>{html.escape(a.paragraphs[0][:50])}...</p></li>\n"
        )
    return out + "</ul></div></div>\n" + FOOT.format(site=SITE, aid=0)


def about_html(paragraphs: list[str]) -> str:
    out = head("杂志简介")
    out += (
        "<div class='w960'><div class='place'><strong>当前位置:</strong> "
        "<a href='/'>首页</a> > 杂志简介</div>"
        "<div class='content'>" + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs) + "</div></div>\n"
    )
    return out + FOOT.format(site=SITE, aid=0)


def expected_entry(a: Article) -> dict[str, object]:
    section, sub = a.category
    return {
        "path": a.path,
        "pages": [a.page_path(p) for p in range(1, len(a.pages) + 1)],
        "title": a.title,
        "subtitle": a.subtitle,
        "authors": a.authors,
        "date": a.date if a.template == "dede" else None,
        "url_date": a.date,
        "summary": a.summary,
        "category": [section, sub],
        "issue": {"label": a.issue_label, "year": YEAR, "number": a.issue},
        "paragraph_count": len(a.paragraphs),
        "paragraphs": a.paragraphs,
        "headings": a.subheads,
        "quotes": a.quotes,
        "figures": [
            {
                "image": f.src if f.scene else None,
                "src": ("http://" + HOST if f.absolute else "") + "/" + f.src,
                "caption": f.caption,
                "credit": f.credit,
            }
            for f in a.figures
        ],
        "prev": a.prev.path if a.prev else None,
        "next": a.next.path if a.next else None,
        "related": [r.path for r in a.related],
        "encoding": a.encoding,
        "template": a.template,
    }


def build(out: Path) -> None:
    articles, about = read_articles(HERE / "articles.txt")
    articles.sort(key=lambda a: a.aid)
    link_articles(articles)
    site = out / "site"
    if site.exists():
        shutil.rmtree(site)
    root = site / HOST

    def write(rel: str, text: str, encoding: str = "utf-8") -> None:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode(encoding, errors="xmlcharrefreplace"))

    images = 0
    for a in articles:
        for page in range(1, len(a.pages) + 1):
            write(a.page_path(page), article_html(a, page), a.encoding)
        for fig in a.figures:
            if fig.scene:
                target = root / fig.src
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(paint(fig.scene)[2])
                images += 1
    write("index.html", home_html(articles))
    for key, (name, subs) in SECTIONS.items():
        write(f"a/{key}/index.html", list_html(name, [a for a in articles if a.section == key]))
        for sub_key, sub_name in subs.items():
            group = [a for a in articles if (a.section, a.sub) == (key, sub_key)]
            write(f"a/{key}/{sub_key}/index.html", list_html(sub_name, group))
    write("a/about/jj/index.html", about_html(about))
    expected = json.dumps([expected_entry(a) for a in articles], ensure_ascii=False, indent=1)
    (out / "expected.json").write_text(expected + "\n", encoding="utf-8")
    pages = sum(len(a.pages) for a in articles)
    print(f"{len(articles)} articles, {pages} article pages, {images} pictures -> {root}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=HERE, help="folder for site/ and expected.json")
    build(parser.parse_args().out)


if __name__ == "__main__":
    main()
