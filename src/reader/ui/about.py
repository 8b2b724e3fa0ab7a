"""Help > About: the app's version and licences, and the open magazine's own about text (杂志简介)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from reader import __version__
from reader.store.reader import Magazine


def _tr(text: str) -> str:
    return QCoreApplication.translate("About", text)


def about_html(magazine: Magazine | None) -> str:
    parts = [
        f"<h3>{html.escape(_tr('Magazine Reader'))} {html.escape(__version__)}</h3>",
        f"<p>{html.escape(_tr('Read saved magazine websites offline.'))}</p>",
        "<p>"
        + html.escape(_tr("Magazine Reader is free software under the GNU GPL, version 3 or later."))
        + "<br/>"
        + html.escape(_tr("It uses Qt and PySide6 (LGPL), lxml (BSD) and appdirs (MIT)."))
        + "<br/>"
        + html.escape(_tr("Qt version: %1").replace("%1", qVersion()))
        + "</p>",
    ]
    if magazine is not None:
        parts.append(f"<h4>{html.escape(magazine.name)}</h4>")
        if magazine.site:
            parts.append(f"<p>{html.escape(magazine.site)}</p>")
        if magazine.about:
            parts.append(
                f"<p><b>{html.escape(_tr('About the magazine'))}</b><br/>{html.escape(magazine.about)}</p>"
            )
    return "".join(parts)


def show_about(parent: QWidget, magazine: Magazine | None) -> None:
    QMessageBox.about(parent, _tr("About Magazine Reader"), about_html(magazine))
