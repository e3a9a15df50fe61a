"""The keyboard cheat sheet: keys written as they are typed, each key once, the keys of the text
fields listed too, and a sheet read with the keyboard (it scrolls, Esc closes it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from gui_helpers import make_window, press
from reader.gui.actions import ACTIONS
from reader.gui.dialogs import FIELD_KEYS, key_text, shortcut_text

K = Qt.Key


@pytest.mark.parametrize(("shortcut", "shown"), [
    ("J", "j"), ("G, T", "g t"), ("?", "?"), ("/", "/"), ("Shift+A", "Shift+A"), ("Ctrl+O", "Ctrl+O"),
    ("Ctrl+Shift+C", "Ctrl+Shift+C"), ("Return", "Enter"), ("Enter", "Enter"), ("Shift+Return", "Shift+Enter"),
    ("Space", "Space"), ("F3", "F3"), ("Alt+Left", "Alt+←"), ("Alt+Right", "Alt+→"), ("Down", "↓"),
])
def test_keys_are_written_as_they_are_typed(qapp, shortcut, shown):
    assert key_text(shortcut) == shown


def test_return_and_enter_are_one_key(qapp):
    assert shortcut_text(("Return", "Enter")) == "Enter"
    assert shortcut_text(("Ctrl+1", "G, T")) == "Ctrl+1 or g t"


@pytest.fixture
def sheet(qtbot):
    window = make_window(qtbot)
    press(K.Key_Question)
    dialog = window.findChild(QDialog, "cheat-sheet")
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table)
    return dialog


def rows(sheet) -> dict[str, str]:
    table = sheet.table
    return {table.topLevelItem(i).text(0): table.topLevelItem(i).text(1) for i in range(table.topLevelItemCount())}


def test_the_sheet_lists_every_shortcut_as_typed(sheet):
    texts = rows(sheet)
    assert texts["Next Post"] == "j"
    assert texts["Focus Tree"] == "Ctrl+1 or g t"
    assert texts["Mark All in List Read"] == "Shift+A"
    assert texts["Keyboard Shortcuts"] == "? or F1"
    assert texts["Open Selected Post"] == "Enter"
    assert texts["Open Folder…"] == "Ctrl+O"
    for spec in ACTIONS:
        if spec.shortcuts:
            assert texts[spec.text] == shortcut_text(spec.shortcuts), spec.text


def test_the_sheet_lists_the_keys_of_the_search_field_and_the_find_bar(sheet):
    texts = rows(sheet)
    assert texts["Go to the results"] == "Enter or ↓"
    assert texts["Clear the search"] == "Esc"
    assert texts["Next match"] == "Enter"
    assert texts["Previous match"] == "Shift+Enter"
    assert texts["Close the find bar (also from the tree, the list or the article)"] == "Esc"
    for group, _keys in FIELD_KEYS:
        assert group in texts and texts[group] == ""  # a heading


def test_the_sheet_scrolls_with_the_keyboard_and_closes_with_esc(sheet):
    bar = sheet.table.verticalScrollBar()
    assert bar.maximum() > 0, "the sheet should be longer than its window"
    assert bar.value() == 0
    press(K.Key_Down)
    assert bar.value() == bar.singleStep()
    press(K.Key_PageDown)
    assert bar.value() > bar.singleStep()
    press(K.Key_End)
    assert bar.value() == bar.maximum()
    press(K.Key_Up)
    assert bar.value() == bar.maximum() - bar.singleStep()
    press(K.Key_Home)
    assert bar.value() == 0
    press(K.Key_Escape)
    assert not sheet.isVisible()


def test_in_chinese_enter_is_written_once(qtbot, qapp):
    from reader.gui import i18n

    try:
        i18n.install_translators(qapp, "zh_CN")
        qapp.processEvents()
        enter = shortcut_text(("Return", "Enter"))
        assert " 或 " not in enter and enter == key_text("Enter")
        assert shortcut_text(("Ctrl+1", "G, T")).endswith(" 或 g t")
    finally:
        i18n.remove_translators(qapp)
        qapp.processEvents()


def test_in_traditional_chinese_arrows_are_arrows_not_mouse_buttons(qtbot, qapp):
    """Qt's own zh_TW catalogue calls the arrow keys 左鍵/右鍵 (left/right mouse button)."""
    from reader.gui import i18n

    try:
        i18n.install_translators(qapp, "zh_TW")
        qapp.processEvents()
        back = key_text("Alt+Left")
        assert back.endswith("+←") and "鍵" not in back
    finally:
        i18n.remove_translators(qapp)
        qapp.processEvents()
