"""Help > About: the app's version and licences, and the open magazine's own about text (杂志简介)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from reader import __version__
from reader.store.reader import Magazine


def about_html(magazine: Magazine | None) -> str:
    translate = QCoreApplication.translate
    lines = [
        translate("About", "Magazine Reader is free software under the GNU GPL, version 3 or later."),
        translate("About", "It uses Qt and PySide6 (LGPL), lxml (BSD) and appdirs (MIT)."),
        translate("About", "Qt version: %1").replace("%1", qVersion()),
    ]
    name = translate("About", "Magazine Reader")
    summary = translate("About", "Read saved magazine websites offline.")
    parts = [
        f"<h3>{html.escape(name)} {html.escape(__version__)}</h3>",
        f"<p>{html.escape(summary)}</p>",
        "<p>" + "<br/>".join(html.escape(line) for line in lines) + "</p>",
    ]
    if magazine is not None:
        parts.append(f"<h4>{html.escape(magazine.name)}</h4>")
        if magazine.site:
            parts.append(f"<p>{html.escape(magazine.site)}</p>")
        if magazine.about:
            heading = html.escape(translate("About", "About the magazine"))
            parts.append(f"<p><b>{heading}</b><br/>{html.escape(magazine.about)}</p>")
    return "".join(parts)


def show_about(parent: QWidget, magazine: Magazine | None) -> None:
    title = QCoreApplication.translate("About", "About Magazine Reader")
    QMessageBox.about(parent, title, about_html(magazine))
