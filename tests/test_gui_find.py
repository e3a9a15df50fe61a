"""The find bar, driven by keys as a reader types them: Enter and Shift+Enter step through the
matches, F3 / Shift+F3 go on from where Enter left, Esc closes the bar from the tree, the list or
the article (a text field with an Esc of its own uses it first)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gui_helpers import make_window, press

K = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
KEYBOARD = "_posts/2024-03-02-keyboard.md"


@pytest.fixture
def window(qtbot):
    w = make_window(qtbot)
    w.reading.open_post_path(KEYBOARD)  # as a click on it in the list does
    return w


def focused():
    return QApplication.focusWidget()


def open_find(window, text: str) -> int:
    """Ctrl+F and type `text`; returns how many matches the article has."""
    press(K.Key_F, CTRL)
    assert focused() is window.article_pane.find_field
    QTest.keyClicks(focused(), text)
    count = window.article_pane.view.toPlainText().lower().count(text.lower())
    assert count > 3
    assert window.article_pane.find_count.text() == f"1 of {count}"
    return count


def position(window) -> str:
    return window.article_pane.find_count.text().split(" of ")[0]


def test_enter_goes_to_the_next_match_and_shift_enter_to_the_previous(window):
    count = open_find(window, "post")
    shown = window.reading.current_row()
    press(K.Key_Return)
    assert position(window) == "2"
    press(K.Key_Enter)  # the keypad's Enter too
    assert position(window) == "3"
    press(K.Key_Return, SHIFT)
    assert position(window) == "2"
    assert window.article_pane.view.textCursor().selectedText().lower() == "post"
    # still typing in the find field: Enter is not the window's Open Post
    assert focused() is window.article_pane.find_field
    assert window.reading.current_row() == shown
    press(K.Key_Return, SHIFT)
    press(K.Key_Return, SHIFT)  # wraps around to the last
    assert window.article_pane.find_count.text() == f"{count} of {count}"
    press(K.Key_Return)
    assert position(window) == "1"


def test_shift_f3_after_enter_goes_back_one_match(window):
    open_find(window, "post")
    press(K.Key_Return)
    press(K.Key_Return)
    assert position(window) == "3"
    press(K.Key_F3, SHIFT)
    assert position(window) == "2"
    press(K.Key_F3)
    assert position(window) == "3"
    window.focus_article()  # F3 and Shift+F3 work from the article as well
    press(K.Key_F3, SHIFT)
    assert position(window) == "2"


def test_esc_closes_the_find_bar_from_the_field(window):
    open_find(window, "post")
    press(K.Key_Escape)
    assert window.article_pane.find_bar.isHidden()
    assert window.article_pane.view.extraSelections() == []
    assert focused() is window.article_pane.view


@pytest.mark.parametrize("where", ["article", "list", "tree"])
def test_esc_closes_the_find_bar_wherever_the_focus_is(window, where):
    open_find(window, "post")
    {"article": window.focus_article, "list": window.focus_list, "tree": window.focus_tree}[where]()
    before = focused()
    press(K.Key_Escape)
    assert window.article_pane.find_bar.isHidden()
    assert window.article_pane.view.extraSelections() == []
    assert focused() is before  # the focus stays where the reader is


def test_esc_keeps_its_other_meanings_while_the_bar_is_closed(window):
    open_find(window, "post")
    press(K.Key_Escape)
    press(K.Key_Slash)  # the search field
    assert focused() is window.list_pane.search
    QTest.keyClicks(focused(), "keyboard")
    press(K.Key_Escape)
    assert window.list_pane.search.text() == ""  # Esc in the search field clears it
    assert window.article_pane.find_bar.isHidden()


def test_in_the_search_field_esc_clears_the_search_first_then_closes_the_find_bar(window):
    press(K.Key_Slash)
    QTest.keyClicks(focused(), "keyboard")
    open_find(window, "post")
    press(K.Key_K, CTRL)  # from the find field to the search field ("/" would be typed)
    assert focused() is window.list_pane.search
    press(K.Key_Escape)
    assert window.list_pane.search.text() == ""  # the field's own Esc
    assert window.article_pane.find_bar.isVisible()
    assert focused() is window.list_pane.view
    press(K.Key_Escape)
    assert window.article_pane.find_bar.isHidden()


def test_the_next_post_shows_its_own_matches_while_the_bar_stays_open(window):
    open_find(window, "key")
    window.focus_list()
    press(K.Key_K)  # the post before it in the list
    text = window.article_pane.view.toPlainText().lower()
    count = text.count("key")
    shown = window.article_pane.find_count.text()
    assert window.article_pane.find_bar.isVisible()
    assert shown == (f"1 of {count}" if count else "No matches")
    assert len(window.article_pane.view.find_spans) == count
