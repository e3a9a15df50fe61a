"""The first hour, from the window exactly as a launch leaves it: no focus, selection or scroll set
by the test.  Keys go to whatever widget has the focus, as a reader's do."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gui_helpers import GUIDE, list_titles, make_window, press, tree_node, type_text
from helpers import write_post
from reader.core.queries import Scope
from reader.gui.tree_model import TreeRole


def newest_title(window) -> str:
    return window.list_pane.model.post(0).title


def shown_title(window) -> str | None:
    row = window.reading.current_row()
    return row.title if row is not None else None


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "guide"
    shutil.copytree(GUIDE, root)
    return root


# --- the launch -------------------------------------------------------------------------------

def test_focus_starts_in_the_list_and_the_first_j_opens_the_first_post(qtbot):
    window = make_window(qtbot)
    assert QApplication.focusWidget() is window.list_pane.view
    assert window.reading.current_row() is None and not window.list_pane.view.currentIndex().isValid()
    press(Qt.Key.Key_J)
    assert shown_title(window) == newest_title(window)
    press(Qt.Key.Key_J)
    assert shown_title(window) == window.list_pane.model.post(1).title


def test_the_list_getting_the_focus_opens_nothing(qtbot):
    """Qt makes the first row current when a list with none gets the focus; that must not open it."""
    window = make_window(qtbot)
    press(Qt.Key.Key_Slash)  # to the search field and back, as a reader might
    assert QApplication.focusWidget() is window.list_pane.search
    press(Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.list_pane.view
    assert window.reading.current_row() is None
    assert not window.session.state.read_keys()
    press(Qt.Key.Key_J)
    assert shown_title(window) == newest_title(window)


def test_a_key_pressed_while_the_archive_is_read_is_not_lost(qtbot, archive):
    from reader.gui.app import build_window
    from reader.gui.tasks import TaskRunner

    window = build_window(runner=TaskRunner())
    qtbot.addWidget(window)
    window.show()
    QTest.qWaitForWindowActive(window)
    assert window.open_path(archive)
    assert window.list_pane.model.rowCount() == 0  # nothing listed yet: the scan runs in the background
    press(Qt.Key.Key_J)
    qtbot.waitUntil(lambda: window.reading.current_row() is not None, timeout=20_000)
    assert shown_title(window) == newest_title(window)
    window.close()
    window.shutdown()


def test_the_article_pane_welcomes_without_opening_or_marking_anything(qtbot, archive):
    window = make_window(qtbot, archive)
    text = window.article_pane.view.toPlainText()
    assert "guide" in text  # the archive's name
    assert "10 posts" in text and "10 unread" in text
    assert "2024-03 to 2025-06" in text  # what it spans
    assert "next / previous post" in text and "j / k" in text  # the keys, as typed
    assert window.reading.current_row() is None and not window.session.state.read_keys()
    press(Qt.Key.Key_J)
    assert shown_title(window) == newest_title(window)


def test_the_welcome_page_says_what_is_new_and_links_it(qtbot, archive):
    window = make_window(qtbot, archive)
    window.close()
    write_post(archive / "_posts", "2026-02-01-arrived.md", "title: Arrived while away\ndate: 2026-02-01")
    again = make_window(qtbot, archive)
    assert "1 new since last open" in again.article_pane.view.toPlainText()
    assert again.reading.current_row() is None


def test_the_default_window_shows_a_typical_title_whole(qtbot):
    window = make_window(qtbot)
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()
    window._default_size(QRect(0, 0, 1600, 870))  # a common laptop screen, less its panel
    qtbot.wait(10)
    assert (window.width(), window.height()) == (1440, 783)
    sizes = dict(zip(("tree", "list", "article"), window.splitter.sizes()))
    title_width = window.list_pane.view.columnWidth(0)
    typical = "廣州最新街頭現狀，畫面令人唏噓不已，市民紛紛表示看不懂了"[:24]
    assert window.list_pane.view.fontMetrics().horizontalAdvance(typical) < title_width
    assert sizes["article"] >= sizes["list"] > sizes["tree"]
    assert window.list_pane.view.textElideMode() == Qt.TextElideMode.ElideMiddle


# --- search and lists -----------------------------------------------------------------------------

def search_for(window, text: str) -> None:
    press(Qt.Key.Key_Slash)
    field = QApplication.focusWidget()
    assert field is window.list_pane.search
    field.selectAll()
    type_text(field, text)
    window.list_pane.flush_search()


@pytest.fixture
def many(tmp_path):
    """An archive long enough to scroll: 120 posts with 'alpha', 60 of them also 'beta'."""
    root = tmp_path / "many"
    for i in range(120):
        words = "alpha beta" if i % 2 else "alpha"
        write_post(root / "_posts", f"2024-{1 + i % 12:02d}-{1 + i // 12:02d}-post-{i}.md",
                   f"title: Post {i:03d} {words}\ndate: 2024-{1 + i % 12:02d}-{1 + i // 12:02d}",
                   f"<p>Body of {i}: {words} words.</p>")
    return root


def test_a_new_search_starts_at_the_top_with_nothing_selected(qtbot, many):
    window = make_window(qtbot, many)
    search_for(window, "alpha")
    press(Qt.Key.Key_Return)
    for _ in range(60):
        press(Qt.Key.Key_J)
    assert window.list_pane.view.verticalScrollBar().value() > 0
    search_for(window, "beta")
    assert window.list_pane.view.verticalScrollBar().value() == 0
    assert not window.list_pane.view.currentIndex().isValid()


def test_enter_and_down_in_the_search_go_to_the_results(qtbot, many):
    window = make_window(qtbot, many)
    search_for(window, "beta")
    press(Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.list_pane.view
    first = window.list_pane.model.post(0)
    assert window.reading.current_row().id == first.id  # the first result open
    press(Qt.Key.Key_J)
    assert window.reading.current_row().id == window.list_pane.model.post(1).id
    assert window.list_pane.search.text() == "beta"  # j did not become part of the query
    search_for(window, "alpha")
    press(Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.list_pane.view
    assert window.reading.current_row().id == window.list_pane.model.post(0).id


def test_esc_clears_the_search_and_the_tree_filter(qtbot, many):
    window = make_window(qtbot, many)
    search_for(window, "beta")
    assert window.list_pane.model.rowCount() == 60
    press(Qt.Key.Key_Escape)
    assert window.list_pane.search.text() == "" and window.list_pane.model.rowCount() == 120
    assert QApplication.focusWidget() is window.list_pane.view
    window.tree_pane.filter.setFocus()
    type_text(window.tree_pane.filter, "zzz")
    press(Qt.Key.Key_Escape)
    assert window.tree_pane.filter.text() == ""


def click_header(window, column: int) -> None:
    header = window.list_pane.view.header()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(x, header.height() // 2))


def dates(window) -> list[str]:
    model = window.list_pane.model
    return [model.post(i).date for i in range(model.rowCount())]


def test_every_header_click_sorts_searches_too_and_shows_the_real_order(qtbot, many):
    from reader.gui.list_model import Column

    window = make_window(qtbot, many)
    header = window.list_pane.view.header()
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == Column.DATE
    search_for(window, "beta")
    assert not header.isSortIndicatorShown()  # by relevance: no date arrow
    click_header(window, Column.DATE)  # first click on Date: newest first
    assert dates(window) == sorted(dates(window), reverse=True)
    assert header.sortIndicatorSection() == Column.DATE
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    click_header(window, Column.DATE)
    assert dates(window) == sorted(dates(window))
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    press(Qt.Key.Key_Slash)  # back to the search field (the click left the focus in the list), Esc clears it
    press(Qt.Key.Key_Escape)  # the list in the reader's own order again
    assert dates(window) == sorted(dates(window), reverse=True)
    search_for(window, "alpha")  # a new search starts by relevance
    assert not header.isSortIndicatorShown()


def test_search_results_show_the_words_around_the_match_under_the_title(qtbot, many):
    from reader.gui.list_model import PostRole

    window = make_window(qtbot, many)
    one_line = window.list_pane.view.rowHeight(0)
    search_for(window, "words")
    model = window.list_pane.model
    snippet, spans = model.index(0, 0).data(PostRole.SNIPPET)
    assert "words" in snippet and spans and snippet[spans[0][0]:spans[0][1]].lower() == "words"
    assert window.list_pane.view.rowHeight(0) > one_line * 1.5  # a second line for it
    press(Qt.Key.Key_Escape)
    assert model.index(0, 0).data(PostRole.SNIPPET) is None
    assert window.list_pane.view.rowHeight(0) == one_line


# --- the tree -----------------------------------------------------------------------------------------

def test_the_tree_filter_folds_scripts_says_when_nothing_matches_and_restores_the_tree(qtbot, tmp_path):
    root = tmp_path / "books"
    write_post(root / "_posts", "2024-01-01-a.md", "title: A\ndate: 2024-01-01\ncategories: [燕京书评]")
    write_post(root / "_posts", "2024-01-02-b.md", "title: B\ndate: 2024-01-02\ncategories: [其他]\ntags: [t1]")
    window = make_window(qtbot, root)
    pane = window.tree_pane
    press(Qt.Key.Key_G)
    press(Qt.Key.Key_T)  # g t: to the tree, as a reader goes there
    assert QApplication.focusWidget() is pane.view
    tags = pane.proxy.mapFromSource(pane.model.index_of_scope(Scope("tag", "t1")).parent())
    pane.view.expand(tags)
    window.scopes.select_scope(Scope("category", "其他"))
    pane.filter.setFocus()
    type_text(pane.filter, "書")  # Traditional: finds the Simplified 书
    labels = []
    stack = [pane.view.rootIndex()]
    while stack:
        parent = stack.pop()
        for r in range(pane.proxy.rowCount(parent)):
            child = pane.proxy.index(r, 0, parent)
            labels.append(child.data())
            stack.append(child)
    assert "燕京书评" in labels and "其他" not in labels
    pane.filter.clear()
    type_text(pane.filter, "nothing like this")
    assert pane.proxy.rowCount() == 0
    assert "nothing like this" in pane.view.empty_text
    press(Qt.Key.Key_Escape)
    assert pane.view.empty_text == ""
    assert pane.view.isExpanded(tags)  # as the reader left it
    current = pane.view.currentIndex()
    assert current.data(TreeRole.SCOPE) == Scope("category", "其他")
    assert pane.view.visualRect(current).intersects(pane.view.viewport().rect())


def test_home_and_end_move_in_the_tree_not_the_article(qtbot, many):
    window = make_window(qtbot, many)
    press(Qt.Key.Key_J)
    shown = window.reading.current_row()
    press(Qt.Key.Key_G)
    press(Qt.Key.Key_T)
    assert QApplication.focusWidget() is window.tree_pane.view
    press(Qt.Key.Key_End)
    last = window.tree_pane.view.currentIndex()
    assert last.row() > 0 or last.parent().isValid()
    press(Qt.Key.Key_Home)
    assert window.tree_pane.view.currentIndex().data(TreeRole.SCOPE) == Scope("all")
    assert window.reading.current_row().id == shown.id  # the article did not change


def test_new_since_last_open_is_a_tree_entry_that_opens_nothing(qtbot, archive):
    window = make_window(qtbot, archive)
    window.close()
    for i in range(3):
        write_post(archive / "_posts", f"2026-02-0{i + 1}-new-{i}.md", f"title: New {i}\ndate: 2026-02-0{i + 1}")
    again = make_window(qtbot, archive)
    node = tree_node(again, Scope("new", str(again.session.new_since_ns)))
    assert node.unread == 3
    assert again.status_new.isVisible()
    QTest.mouseClick(again.status_new, Qt.MouseButton.LeftButton)
    assert sorted(list_titles(again)) == ["New 0", "New 1", "New 2"]
    assert again.tree_pane.view.currentIndex().data(TreeRole.SCOPE).kind == "new"
    assert again.reading.current_row() is None and not again.session.state.read_keys()
    assert QApplication.focusWidget() is again.list_pane.view
    press(Qt.Key.Key_J)  # the first new post; reading it counts down the entry
    assert again.reading.current_row().title == list_titles(again)[0]
    if not again.session.is_read(again.reading.current_row().key):
        press(Qt.Key.Key_M)
    assert tree_node(again, Scope("new", str(again.session.new_since_ns))).unread == 2


# --- marks ------------------------------------------------------------------------------------------------

def tree_unread(root) -> dict:
    found, stack = {}, [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.scope is not None:
            found[node.scope] = node.unread
    return found


def test_mark_all_read_and_undo_keep_every_count_right(qtbot, many):
    from reader.gui.tree_model import build_tree

    window = make_window(qtbot, many)

    def live() -> dict:
        return tree_unread(window.tree_pane.model.root)

    def counted() -> dict:  # from the index, afresh
        from reader.core.libindex import merge_counts
        return tree_unread(build_tree(merge_counts(window.session.index.tree_counts().values())))

    search_for(window, "beta")
    press(Qt.Key.Key_Return)  # opens the first result
    if not window.session.is_read(window.reading.current_row().key):
        press(Qt.Key.Key_M)
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert all(window.session.is_read(window.list_pane.model.post(i).key) for i in range(60))
    assert live()[Scope("all")] == 60
    assert live() == counted()
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert live()[Scope("all")] == 119  # the one read before Mark All stays read
    assert live() == counted()


def test_the_list_grows_while_an_archive_is_first_read_and_the_reader_keeps_reading(qtbot, tmp_path, monkeypatch):
    from reader.core import index as index_mod
    from reader.gui.app import build_window
    from reader.gui.tasks import TaskRunner

    monkeypatch.setattr(index_mod, "SHOW_EVERY_S", 0.0)  # show every batch read (a slow machine's pace)
    root = tmp_path / "big"
    for i in range(300):
        day = f"2023-{1 + i % 12:02d}-{1 + i // 12:02d}"
        write_post(root / "_posts", f"{day}-post-{i}.md", f"title: Post {i}\ndate: {day}")
    window = build_window(runner=TaskRunner())
    qtbot.addWidget(window)
    window.show()
    QTest.qWaitForWindowActive(window)
    sizes: list[int] = []
    window.open_path(root)
    window.session.metadata_ready.connect(lambda _r: sizes.append(window.list_pane.model.rowCount()))
    qtbot.waitUntil(lambda: window.list_pane.model.rowCount() > 0, timeout=20_000)
    press(Qt.Key.Key_J)
    opened = window.reading.current_row()
    assert opened is not None and opened.date == window.list_pane.model.post(0).date
    qtbot.waitUntil(lambda: window.session is not None and window.session.searchable, timeout=60_000)
    assert window.list_pane.model.rowCount() == 300
    assert len(sizes) >= 2 and sizes == sorted(sizes) and sizes[0] < 300  # it grew
    assert window.reading.current_row().id == opened.id
    assert window.list_pane.view.currentIndex().row() == window.list_pane.model.row_of_id(opened.id)
    window.close()
    window.shutdown()


def test_a_long_snippet_is_cut_so_that_its_match_shows():
    from reader.gui.list_delegate import elide_spans

    text = "前文" * 40 + "普京" + "后文" * 20
    shown, spans = elide_spans(text, ((80, 82),), 30)
    assert len(shown) <= 31 and shown.startswith("…") and shown.endswith("…")
    assert [shown[a:b] for a, b in spans] == ["普京"]


def test_one_post_is_one_post_in_english(qtbot, tmp_path):
    from reader.gui.i18n import install_translators, remove_translators

    write_post(tmp_path / "one" / "_posts", "2024-01-01-only.md", "title: Only\ndate: 2024-01-01")
    install_translators(QApplication.instance(), "en")  # as a launch with the English preference does
    try:
        window = make_window(qtbot, tmp_path / "one")
        assert window.list_pane.count.text() == "1 post"
        assert window.status_posts.text() == "1 post"
        assert "1 post ·" in window.article_pane.view.toPlainText()
    finally:
        remove_translators()


def test_title_and_source_sort_both_ways(qtbot, many):
    from reader.gui.list_model import Column

    window = make_window(qtbot, many)
    header = window.list_pane.view.header()
    click_header(window, Column.TITLE)
    titles = list_titles(window)
    assert titles == sorted(titles, key=str.casefold) and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    click_header(window, Column.TITLE)
    assert list_titles(window) == titles[::-1] and header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
