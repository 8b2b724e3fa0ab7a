"""Search in the window: Ctrl+K and the Search tab, results and filters, stale results, marked hits."""

from __future__ import annotations

import threading
from pathlib import Path
from unittest import mock

import pytest
from PySide6.QtCore import QModelIndex, QRect, QRunnable, Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence, QTextDocument
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from conftest import new_window
from reader.domain.article import Article, IssueLabel, Paragraph
from reader.store.reader import ArticleStore
from reader.store.search import SearchFilters, SearchHit, SearchResult, search_store
from reader.store.writer import StoreWriter
from reader.ui import settings as keys
from reader.ui.main_window import MainWindow
from reader.ui.search_controller import RESULT_LIMIT, run_search
from reader.ui.search_delegate import line_height
from reader.ui.search_highlight import term_cursors
from reader.ui.search_model import SearchResultsModel, SearchRole
from reader.ui.search_panel import SearchPanel, SearchRequest
from reader.ui.settings import WindowSettings
from reader.ui.tasks import TaskRunner


def panel_of(window: MainWindow) -> SearchPanel:
    return window.library.search_panel


def listed(panel: SearchPanel) -> list[str]:
    model = panel.model
    return [str(model.index(row, 0).data(SearchRole.UID)) for row in range(model.rowCount())]


def commit_text(widget: QWidget, text: str) -> None:
    """Chinese as it is typed: an input method commits it (QTest can only type Latin-1 keys)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_query(qtbot: QtBot, panel: SearchPanel, text: str) -> None:
    """Type `text` into the field and wait for the debounced search to show its result."""
    panel.field.clear()
    commit_text(panel.field, text)
    qtbot.waitUntil(lambda: panel.model.result is not None and panel.model.result.query == text)


def expected(store_path: Path, query: str, filters: SearchFilters | None = None) -> SearchResult:
    with ArticleStore.open(store_path) as store:
        return search_store(store, query, limit=RESULT_LIMIT, filters=filters or SearchFilters())


def show_search(window: MainWindow, qtbot: QtBot) -> SearchPanel:
    window.activateWindow()
    qtbot.keyClick(window.view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    return panel_of(window)


# -- Ctrl+K, the field and the list -------------------------------------------------------------------


def test_ctrl_k_shows_the_search_tab_and_focuses_its_field(window: MainWindow, qtbot: QtBot) -> None:
    assert window.actions_.search.shortcut() == QKeySequence("Ctrl+K")
    assert window.library.currentWidget() is not panel_of(window)
    panel = show_search(window, qtbot)
    assert window.library.currentWidget() is panel
    assert window.library.current_tab_key() == "search"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.field)


def test_ctrl_f_still_opens_the_find_bar_not_the_search_tab(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    assert window.library.currentWidget() is not panel_of(window)


def test_typing_a_two_character_query_lists_the_hits_of_the_store_search(
    window: MainWindow, qtbot: QtBot, store_path: Path
) -> None:
    panel = show_search(window, qtbot)
    type_query(qtbot, panel, "老街")
    want = expected(store_path, "老街")
    assert want.total == 1
    assert listed(panel) == [h.uid for h in want.hits] == ["a1"]
    assert panel.count_label.text() == "1 result"

    type_query(qtbot, panel, "面馆")  # every article's last paragraph has it
    want = expected(store_path, "面馆")
    assert want.total == 7
    assert listed(panel) == [h.uid for h in want.hits]
    assert listed(panel)[0] == "a2"  # the title hit ranks first
    assert panel.count_label.text() == "7 results"
    assert panel.stack.currentWidget() is panel.view
    first = panel.model.index(0, 0)
    assert first.data() == "面馆四十年"
    assert "面馆" in first.data(SearchRole.SNIPPET)
    start, end = first.data(SearchRole.HIGHLIGHTS)[0]
    assert first.data(SearchRole.SNIPPET)[start:end] == "面馆"


def test_typing_waits_for_a_pause_before_searching(window: MainWindow, qtbot: QtBot) -> None:
    panel = show_search(window, qtbot)
    with mock.patch("reader.ui.search_controller.run_search", wraps=run_search) as spy:
        for char in "面馆四":
            commit_text(panel.field, char)
        assert spy.call_count == 0  # three characters typed, no search yet
        qtbot.waitUntil(lambda: spy.call_count == 1)
    assert spy.call_args.args[1].query == "面馆四"
    assert listed(panel) == ["a2"]


def test_a_query_without_hits_says_so_and_an_empty_query_clears_the_results(
    window: MainWindow, qtbot: QtBot
) -> None:
    panel = show_search(window, qtbot)
    type_query(qtbot, panel, "火星")
    assert panel.model.rowCount() == 0
    assert panel.count_label.text() == "No results"
    assert panel.stack.currentWidget() is panel.message_label
    assert "火星" in panel.message_label.text()

    type_query(qtbot, panel, "面馆")
    assert panel.model.rowCount() == 7
    panel.field.clear()
    assert panel.model.rowCount() == 0
    assert panel.model.result is None
    assert panel.count_label.text() == ""


def test_year_issue_and_category_filters_narrow_the_results(
    window: MainWindow, qtbot: QtBot, store_path: Path
) -> None:
    panel = show_search(window, qtbot)
    type_query(qtbot, panel, "面馆")
    assert [panel.year_box.itemText(i) for i in range(panel.year_box.count())] == [
        "All years",
        "2015",
        "2016",
    ]
    assert panel.issue_box.count() == 1 + 3

    panel.year_box.setCurrentIndex(panel.year_box.findData(2016))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5)
    want = expected(store_path, "面馆", SearchFilters(year=2016))
    assert listed(panel) == [h.uid for h in want.hits]
    assert panel.count_label.text() == "5 results"
    # the issues offered are that year's
    assert [panel.issue_box.itemText(i) for i in range(1, panel.issue_box.count())] == [
        "2016年第1期",
        "2016年第2期",
    ]

    panel.issue_box.setCurrentIndex(panel.issue_box.findData("2016年第2期"))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert sorted(listed(panel)) == ["b1", "b2"]

    panel.year_box.setCurrentIndex(0)
    panel.issue_box.setCurrentIndex(0)
    panel.category_box.setCurrentIndex(panel.category_box.findData("人物 > 访谈"))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    assert sorted(listed(panel)) == ["a1", "a2", "c1"]
    assert panel.filters() == SearchFilters(category="人物 > 访谈")

    panel.category_box.setCurrentIndex(panel.category_box.findData("人物"))  # a section and those below it
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4)
    assert sorted(listed(panel)) == ["a1", "a2", "b1", "c1"]


def test_enter_on_a_hit_opens_it(window: MainWindow, qtbot: QtBot) -> None:
    panel = show_search(window, qtbot)
    type_query(qtbot, panel, "春节")
    assert listed(panel) == ["b2"]
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    assert panel.view.hasFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert window.current_uid() == "b2"
    assert len(window.view.extraSelections()) > 0


def test_clicking_a_hit_opens_it_with_its_terms_marked(window: MainWindow, qtbot: QtBot) -> None:
    panel = show_search(window, qtbot)
    type_query(qtbot, panel, "二胡")
    row = listed(panel).index("a3")
    index = panel.model.index(row, 0)
    panel.view.scrollTo(index)
    qtbot.mouseClick(
        panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(index).center()
    )
    assert window.current_uid() == "a3"
    marked = [s.cursor.selectedText() for s in window.view.extraSelections()]
    assert marked == ["二胡"]


# -- opening a hit in a long article -------------------------------------------------------------------

FILLER = "这是一段很长的文字，用来把后面的段落推到窗口下方，让阅读器必须滚动才能看到。" * 3


@pytest.fixture
def long_store(tmp_path: Path) -> Path:
    """An article whose hits are far down: "灯塔" in simplified, then "燈塔" in traditional script."""
    blocks = [Paragraph(f"{i}. {FILLER}") for i in range(40)]
    blocks[30] = Paragraph("海边有一座白色的灯塔，夜里为渔船照路。")
    blocks[35] = Paragraph("老人說，那座燈塔已經亮了五十年。")
    article = Article(
        uid="far",
        title="海边的夜",
        file="far.html",
        issue=IssueLabel("2020年第3期", 2020, 3),
        category=("散文",),
        blocks=tuple(blocks),
    )
    other = Article(uid="near", title="山里的早晨", file="near.html", blocks=(Paragraph(FILLER),))
    path = tmp_path / "long.magstore"
    with StoreWriter(path) as writer:
        writer.set_meta("name", "海边")
        writer.put_article(other, [], content_hash="near", sort_key="0001")
        writer.put_article(article, [], content_hash="far", sort_key="0002")
    return path


def test_opening_a_hit_marks_every_occurrence_and_scrolls_the_first_into_view(
    qtbot: QtBot, long_store: Path, message_boxes: object
) -> None:
    window = new_window(qtbot)
    assert window.open_store(long_store, uid="near")
    panel = show_search(window, qtbot)
    type_query(qtbot, panel, "灯塔")
    assert listed(panel) == ["far"]
    assert panel.count_label.text() == "1 result"

    qtbot.keyClick(panel.field, Qt.Key.Key_Return)  # Enter in the field opens the first hit
    view = window.view
    assert window.current_uid() == "far"
    selections = view.extraSelections()
    assert [s.cursor.selectedText() for s in selections] == ["灯塔", "燈塔"]  # traditional folded too
    assert view.verticalScrollBar().value() > 0
    first = view.cursorRect(selections[0].cursor)
    assert view.viewport().rect().intersects(first)
    assert not view.viewport().rect().intersects(view.cursorRect(selections[1].cursor))

    window.actions_.find_next.trigger()  # F3 steps through the marked hits like find matches
    assert view.viewport().rect().intersects(view.cursorRect(selections[1].cursor))


def test_term_cursors_follow_the_search_normalisation() -> None:
    document = QTextDocument()
    document.setPlainText("第一行：燈塔與灯塔。\nThe READER reads; bread is not a reader.")
    marked = [c.selectedText() for c in term_cursors(document, "灯塔 reader")]
    assert marked == ["燈塔", "灯塔", "READER", "reader"]
    assert term_cursors(document, "  ") == []
    assert [c.selectedText() for c in term_cursors(document, "与灯")] == ["與灯"]


# -- background work and stale results ---------------------------------------------------------------


class HeldPool:
    """A pool that keeps each runnable until the test runs it: results arrive in the order it chooses."""

    def __init__(self) -> None:
        self.held: list[QRunnable] = []

    def start(self, runnable: QRunnable) -> None:
        self.held.append(runnable)


def test_a_result_for_a_superseded_query_is_dropped(
    qtbot: QtBot, store_path: Path, message_boxes: object
) -> None:
    pool = HeldPool()
    window = MainWindow(WindowSettings(), TaskRunner(pool))
    qtbot.addWidget(window)
    window.show()
    assert window.open_store(store_path)
    panel = panel_of(window)
    for warm_up in pool.held:  # the tab, built when first wanted, readies the search machinery
        warm_up.run()
    pool.held.clear()
    panel.field.setText("面馆")
    panel.search_now()
    panel.field.setText("春节")
    panel.search_now()
    assert len(pool.held) == 2
    old, new = pool.held
    new.run()
    qtbot.waitUntil(lambda: panel.model.result is not None)
    assert listed(panel) == ["b2"]
    old.run()  # the first query's result arrives last
    qtbot.wait(50)
    assert listed(panel) == ["b2"]
    assert panel.model.result is not None and panel.model.result.query == "春节"


def test_a_result_that_no_longer_matches_the_field_is_not_shown(window: MainWindow) -> None:
    panel = panel_of(window)
    panel.field.setText("春节")
    panel.show_result(SearchResult("面馆", 1, (SearchHit("a2", "面馆四十年", 1.0, "面馆", ((0, 2),)),)))
    assert panel.model.result is None


def test_the_search_runs_on_a_worker_thread_with_its_own_connection(
    qtbot: QtBot, store_path: Path, message_boxes: object
) -> None:
    window = MainWindow(WindowSettings(), TaskRunner())  # the real QThreadPool
    qtbot.addWidget(window)
    window.show()
    assert window.open_store(store_path)
    threads: list[threading.Thread] = []

    def recording(*args: object) -> SearchResult:
        threads.append(threading.current_thread())
        return run_search(*args)  # type: ignore[arg-type]

    with mock.patch("reader.ui.search_controller.run_search", side_effect=recording):
        panel = panel_of(window)
        panel.field.setText("面馆")
        panel.search_now()
        qtbot.waitUntil(lambda: panel.model.rowCount() == 7)
    assert threads and threads[0] is not threading.main_thread()


def test_a_failed_search_says_so(window: MainWindow, qtbot: QtBot) -> None:
    panel = panel_of(window)
    with mock.patch("reader.ui.search_controller.run_search", side_effect=OSError("disk gone")):
        panel.field.setText("面馆")
        panel.search_now()
    assert panel.count_label.text() == "Search failed"
    assert "disk gone" in panel.message_label.text()


def test_the_search_tab_is_remembered(qtbot: QtBot, store_path: Path, message_boxes: object) -> None:
    settings = WindowSettings()
    settings.set(keys.TAB, "search")
    window = MainWindow(settings, TaskRunner())
    qtbot.addWidget(window)
    assert window.library.currentWidget() is panel_of(window)


# -- accessibility and the model ----------------------------------------------------------------------


def test_the_field_list_and_filters_have_accessible_names(window: MainWindow) -> None:
    panel = panel_of(window)
    named: list[QWidget] = [panel.field, panel.view, panel.year_box, panel.issue_box, panel.category_box]
    assert all(widget.accessibleName() for widget in named)
    assert panel.field.accessibleName() == "Search all articles"
    assert panel.view.accessibleName() == "Search results"
    assert panel.count_label.accessibleName() == "Number of results"


def hits_result() -> SearchResult:
    return SearchResult(
        "面馆",
        3,
        (
            SearchHit("a2", "面馆四十年", 110.0, "面馆四十年的故事", ((0, 2),)),
            SearchHit("a1", "老街的早晨", 2.0, "…街角那家开了四十年的面馆，比如", ((12, 14),)),
        ),
    )


def test_the_results_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = SearchResultsModel()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_result(hits_result())
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    index = model.index(1, 0)
    assert index.data() == "老街的早晨"
    assert index.data(SearchRole.UID) == "a1"
    assert index.data(SearchRole.HIGHLIGHTS) == ((12, 14),)
    assert model.flags(index) & Qt.ItemFlag.ItemNeverHasChildren
    assert model.rowCount(index) == 0
    assert model.index(5, 0).data() is None
    model.set_result(None)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount(QModelIndex()) == 0


def test_the_delegate_paints_title_and_snippet_within_the_row(qtbot: QtBot) -> None:
    panel = SearchPanel()
    qtbot.addWidget(panel)
    panel.resize(300, 400)
    panel.show()
    panel.field.setText("面馆")
    panel.show_result(hits_result())
    assert panel.count_label.text() == "3 results, the best 2 shown"
    rect: QRect = panel.view.visualRect(panel.model.index(0, 0))
    # a title and three snippet lines as laid out, Chinese fallback font and all: none is clipped
    assert rect.height() >= 4 * line_height(panel.view.font())
    image = panel.view.viewport().grab().toImage()
    assert not image.isNull()


def test_a_search_request_without_words_is_empty() -> None:
    assert SearchRequest("  ").empty
    assert not SearchRequest("面馆").empty
