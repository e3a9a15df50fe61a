"""Helpers for the window tests: a real MainWindow with a synchronous task runner."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

GUIDE = Path(__file__).resolve().parents[1] / "resources" / "guide"


def make_window(qtbot, path: Path | str | None = GUIDE):
    from reader.gui.app import build_window
    from reader.gui.tasks import SyncRunner

    window = build_window(runner=SyncRunner())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    if path is not None:
        assert window.open_path(path)
    return window


def press(key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press as the user makes it: to whatever widget has focus."""
    target = QApplication.focusWidget()
    assert target is not None, "no widget has focus"
    QTest.keyClick(target, key, modifier)


def list_titles(window) -> list[str]:
    model = window.list_pane.model
    return [model.post(i).title for i in range(model.rowCount())]


def tree_node(window, scope):
    model = window.tree_pane.model
    index = model.index_of_scope(scope)
    assert index.isValid(), scope
    return model.node(index)


def type_text(widget, text: str) -> None:
    """Type text as key events, one character at a time (QTest.keyClicks aborts on CJK)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
