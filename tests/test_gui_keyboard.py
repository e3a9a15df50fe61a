"""Every shortcut in the action table, pressed as a user presses it, does what it says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from gui_helpers import list_titles, make_window, press, tree_node
from reader.core.queries import Scope
from reader.gui.actions import ACTIONS, ActionId
from reader.gui.dialogs import FIELD_KEYS

K = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot):
    w = make_window(qtbot)
    w.focus_list()
    w.reading.first_post()
    return w


def title(window) -> str:
    return window.reading.current_row().title


def focused():
    return QApplication.focusWidget()


def test_every_action_has_a_handler_and_menu_entry(qtbot):
    w = make_window(qtbot)
    for spec in ACTIONS:
        assert callable(w.handler(spec.handler)), spec.handler
        action = w.actions_by_id[spec.id]
        assert [s.toString() for s in action.shortcuts()] == [
            s.replace(" ", "") if "," not in s else s for s in spec.shortcuts] or spec.shortcuts == ()
        assert any(action in menu.actions() for menu in w.menuBar().findChildren(type(w.library.menu)))


def test_j_k_move_through_the_list_from_any_pane(window):
    titles = list_titles(window)
    assert title(window) == titles[0]
    press(K.Key_J)
    assert title(window) == titles[1]
    assert window.article_pane.view.toPlainText().startswith(titles[1])
    window.focus_article()
    press(K.Key_J)
    assert title(window) == titles[2]
    window.focus_tree()
    press(K.Key_K)
    assert title(window) == titles[1]


def test_home_end(window):
    titles = list_titles(window)
    press(K.Key_End)
    assert title(window) == titles[-1]
    press(K.Key_Home)
    assert title(window) == titles[0]


def test_the_list_keeps_the_keys_of_a_list(window):
    """It is a table underneath (fast with 100,000 rows): arrows move by post, not by cell,
    and Tab leaves it."""
    window.focus_list()
    titles = list_titles(window)
    press(K.Key_Home)
    press(K.Key_Down)
    assert title(window) == titles[1]
    press(K.Key_Right)
    press(K.Key_Left)
    assert title(window) == titles[1] and window.list_pane.view.currentIndex().column() == 0
    press(K.Key_End)
    assert title(window) == titles[-1]
    press(K.Key_Tab)
    assert QApplication.focusWidget() is not window.list_pane.view


def test_n_p_next_and_previous_unread(window):
    titles = list_titles(window)
    window.reading.last_post()
    window.reading.first_post()  # first and last are now read
    press(K.Key_J)  # the second is read too
    press(K.Key_N)
    assert title(window) == titles[2]
    window.reading.last_post()
    window.reading.select_list_row(len(titles) - 1, show=False)
    press(K.Key_P)
    assert title(window) == titles[-2]


def test_m_toggles_read_and_s_toggles_star(window):
    row = window.reading.current_row()
    assert window.session.is_read(row.key)
    unread_before = tree_node(window, Scope("unread")).unread
    press(K.Key_M)
    assert not window.session.is_read(row.key)
    assert tree_node(window, Scope("unread")).unread == unread_before + 1
    model = window.list_pane.model
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole).bold()
    press(K.Key_S)
    assert window.session.is_starred(row.key)
    assert window.actions_by_id[ActionId.TOGGLE_STAR].isChecked()
    assert tree_node(window, Scope("starred")).total == 1
    press(K.Key_S)
    assert not window.session.is_starred(row.key)


def test_shift_a_marks_the_list_read_and_ctrl_z_undoes(window):
    window.scopes.select_scope(Scope("category", "指南"))
    window.focus_list()
    press(K.Key_A, SHIFT)
    paths = [window.list_pane.model.post(i).key for i in range(window.list_pane.model.rowCount())]
    assert len(paths) == 4 and all(window.session.is_read(p) for p in paths)
    assert tree_node(window, Scope("category", "指南")).unread == 0
    press(K.Key_Z, CTRL)
    assert not any(window.session.is_read(p) for p in paths)
    assert tree_node(window, Scope("category", "指南")).unread == 4


def test_slash_and_ctrl_k_focus_search_and_esc_returns(window):
    press(K.Key_Slash)
    assert focused() is window.list_pane.search
    press(K.Key_J)  # a letter typed into the field, not a shortcut
    assert window.list_pane.search.text() == "j"
    press(K.Key_Escape)
    assert window.list_pane.search.text() == ""
    assert focused() is window.list_pane.view
    press(K.Key_K, CTRL)
    assert focused() is window.list_pane.search


def test_letters_do_not_fire_in_the_tree_filter(window):
    shown = title(window)
    window.tree_pane.filter.setFocus()
    for key in (K.Key_J, K.Key_S, K.Key_M, K.Key_N):
        press(key)
    assert window.tree_pane.filter.text() == "jsmn"
    assert title(window) == shown
    assert not window.session.is_starred(window.reading.current_row().key)


def test_enter_opens_and_focuses_the_article(window):
    press(K.Key_J)
    window.focus_list()
    press(K.Key_Return)
    assert focused() is window.article_pane.view


def test_focus_shortcuts(window):
    for keys, target in (((K.Key_1, CTRL), window.tree_pane.view), ((K.Key_2, CTRL), window.list_pane.view),
                         ((K.Key_3, CTRL), window.article_pane.view)):
        press(*keys)
        assert focused() is target
    for second, target in ((K.Key_T, window.tree_pane.view), (K.Key_L, window.list_pane.view),
                           (K.Key_A, window.article_pane.view)):
        press(K.Key_G)
        press(second)
        assert focused() is target


def test_space_pages_then_opens_next_unread(window, qtbot):
    window.resize(900, 400)
    window.reading.open_post_path("_posts/2024-05-05-search.md")  # a long post, with unread posts after it
    window.focus_article()
    bar = window.article_pane.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    press(K.Key_Space)
    assert bar.value() > 0
    press(K.Key_Space, SHIFT)
    assert bar.value() == 0
    shown = title(window)
    for _ in range(50):
        press(K.Key_Space)
        if title(window) != shown:
            break
    titles = list_titles(window)
    assert titles.index(title(window)) == titles.index(shown) + 1  # the next unread one


def test_back_and_forward(window):
    titles = list_titles(window)
    press(K.Key_J)
    press(K.Key_J)
    press(K.Key_Left, ALT)
    assert title(window) == titles[1]
    press(K.Key_Left, ALT)
    assert title(window) == titles[0]
    press(K.Key_Right, ALT)
    assert title(window) == titles[1]


def test_zoom_keys_are_remembered(window):
    press(K.Key_Equal, CTRL)
    press(K.Key_Equal, CTRL)
    assert window.article_pane.view.zoom_steps == 2
    press(K.Key_Minus, CTRL)
    assert window.article_pane.view.zoom_steps == 1
    assert window.settings.ui.zoom == 1
    press(K.Key_0, CTRL)
    assert window.article_pane.view.zoom_steps == 0


def test_find_in_article(window):
    window.reading.open_post_path("_posts/2024-03-02-keyboard.md")
    press(K.Key_F, CTRL)
    assert focused() is window.article_pane.find_field
    window.article_pane.find_field.setText("post")
    count = window.article_pane.view.toPlainText().lower().count("post")
    assert count > 2
    assert window.article_pane.find_count.text() == f"1 of {count}"
    # every match is highlighted, not only the current one
    assert len(window.article_pane.view.extraSelections()) == count
    first = window.article_pane.view.textCursor().position()
    assert window.article_pane.view.textCursor().selectedText().lower() == "post"
    press(K.Key_F3)
    second = window.article_pane.view.textCursor().position()
    assert second > first
    assert window.article_pane.find_count.text() == f"2 of {count}"
    press(K.Key_F3, SHIFT)
    assert window.article_pane.view.textCursor().position() == first
    press(K.Key_F3, SHIFT)  # wraps to the last match
    assert window.article_pane.find_count.text() == f"{count} of {count}"
    window.article_pane.find_field.setFocus()
    press(K.Key_Escape)
    assert window.article_pane.find_bar.isHidden()
    assert window.article_pane.view.extraSelections() == []


def test_full_screen_and_focus_mode(window):
    press(K.Key_F11)
    assert window.isFullScreen()
    press(K.Key_F11)
    assert not window.isFullScreen()
    press(K.Key_F)
    assert window.tree_pane.isHidden() and window.list_pane.isHidden()
    press(K.Key_J)  # still works without the list on screen
    press(K.Key_F)
    assert window.tree_pane.isVisible() and window.list_pane.isVisible()


def test_rescan_picks_up_nothing_new_and_keeps_the_post(window):
    shown = title(window)
    press(K.Key_R, CTRL)
    assert window.status_index.text() == "Search ready"
    assert title(window) == shown
    press(K.Key_F5)
    assert window.list_pane.model.rowCount() == 10


@pytest.mark.parametrize("key", [(K.Key_F1,), (K.Key_Question,)])
def test_cheat_sheet_lists_every_shortcut(window, key):
    press(*key)
    sheet = window.findChild(QDialog, "cheat-sheet")
    assert sheet is not None and sheet.isVisible()
    rows = [sheet.table.topLevelItem(i) for i in range(sheet.table.topLevelItemCount())]
    texts = {r.text(0): r.text(1) for r in rows}
    assert texts["Next Post"] == "j"
    assert texts["Focus Tree"] == "Ctrl+1 or g t"
    field_keys = sum(len(keys) for _, keys in FIELD_KEYS)  # Enter, Esc in the search field, the filter, find
    assert len([s for s in ACTIONS if s.shortcuts]) + field_keys == len([r for r in rows if r.text(1)])
    sheet.close()


def test_ctrl_q_quits(window):
    press(K.Key_Q, CTRL)
    assert not window.isVisible()


def test_o_and_links_open_the_browser_only_for_web_urls(window, monkeypatch):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    press(K.Key_O)
    assert opened == [window.reading.current_row().url]
    view = window.article_pane.view
    for url in ("https://example.org/a", "mailto:someone@example.org", "javascript:alert(1)", "file:///etc/passwd",
                "ftp://example.org/x"):
        view.anchorClicked.emit(QUrl(url))
    assert opened[1:] == ["https://example.org/a", "mailto:someone@example.org"]


def test_ctrl_o_opens_the_chosen_folder(window, monkeypatch, tmp_path):
    import shutil

    from PySide6.QtWidgets import QFileDialog

    from gui_helpers import GUIDE
    copy = tmp_path / "my-archive"
    shutil.copytree(GUIDE, copy)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(copy))
    press(K.Key_O, CTRL)
    assert window.windowTitle() == "my-archive — Lectern"
    assert str(copy) == window.settings.ui.recent[0]
