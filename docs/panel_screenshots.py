"""Render the README's Bookmarks and Search screenshots of the demo magazine (run by make_screenshots.sh).

    python docs/panel_screenshots.py OUT_DIR

Run with READER_DATA_DIR set to a scratch folder, after `reader screenshot` has put the demo store in its
cache: the bookmarks made here go into that folder's bookmarks file, never the user's.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

WIDTH, HEIGHT = 1280, 800
# The bookmarks shown, oldest first (the panel lists the newest first): (title, note).
BOOKMARKED = (("南门老街的早点摊", "早点摊的老板娘，下次去吃"), ("雪落云岭", None), ("上元灯火", None))
OPEN_WITH_BOOKMARKS = "雪落云岭"
ELSEWHERE = ("www.another.example.cn/a/2023/0601/7", "另一本杂志里的文章")  # a bookmark of another store
QUERY, OPEN_FROM_SEARCH = "茶", "惊蛰以后"


def main(argv: list[str]) -> int:
    if len(argv) != 1 or "READER_DATA_DIR" not in os.environ:
        sys.stderr.write(__doc__ or "")
        return 2
    out = Path(argv[0])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from reader import paths
    from reader.cli import main as reader_main
    from reader.store.reader import ArticleStore
    from reader.ui.launch import _application
    from reader.ui.main_window import DEMO_STORE_NAME, MainWindow
    from reader.ui.settings import WindowSettings
    from reader.ui.tasks import SynchronousPool, TaskRunner

    store = paths.cache_dir() / DEMO_STORE_NAME
    with ArticleStore.open(store) as opened:
        uids = {row.title: row.uid for row in opened.iter_article_rows()}
    for title, note in BOOKMARKED:
        reader_main(
            ["bookmarks", "add", uids[title], "--store", str(store), *(["--note", note] if note else [])]
        )
    reader_main(["bookmarks", "add", ELSEWHERE[0], "--title", ELSEWHERE[1]])

    app = _application()
    assert isinstance(app, QApplication)
    window = MainWindow(
        WindowSettings(read_only=True), TaskRunner(SynchronousPool()), manage_app_palette=True
    )
    window.resize(WIDTH, HEIGHT)
    window.show()
    if not window.open_store(store, uid=uids[OPEN_WITH_BOOKMARKS]):
        return 1

    def settle() -> None:
        for _ in range(10):
            app.processEvents()

    window.library.setCurrentWidget(window.library.bookmarks_panel)
    settle()
    ok = window.grab().save(str(out / "bookmarks.png"))

    panel = window.library.search_panel
    window.library.setCurrentWidget(panel)
    panel.field.setText(QUERY)
    panel.search_now()
    settle()
    panel.hit_opened.emit(uids[OPEN_FROM_SEARCH], QUERY)
    settle()
    ok = window.grab().save(str(out / "search.png")) and ok
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
