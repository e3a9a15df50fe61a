"""Small windows: the keyboard cheat sheet (generated from the action table), the list
of posts that could not be read, and About.

Each dialog sets its texts in `retranslate_ui()`, run when it is built and again on
`QEvent.LanguageChange` (the UI language changed while it is open)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QKeyCombination, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QAbstractSlider, QDialog, QDialogButtonBox, QLabel, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from reader.core.posts import Problem

from .actions import ACTIONS, MENUS, ActionId, spec, translate, without_accelerator

__all__ = ["CheatSheet", "ProblemsDialog", "shortcut_text", "key_text", "FIELD_KEYS"]

_PLACEHOLDER = re.compile(r"%(\d)")


def _fill(template: str, *values: str) -> str:
    """Qt's QString::arg for %1..%9, in one pass (a value holding "%2" stays as it is)."""
    return _PLACEHOLDER.sub(lambda m: values[int(m[1]) - 1] if 0 < int(m[1]) <= len(values) else m[0], template)


_ARROWS = {Qt.Key.Key_Left: "←", Qt.Key.Key_Right: "→", Qt.Key.Key_Up: "↑", Qt.Key.Key_Down: "↓"}


def key_text(shortcut: str) -> str:
    """One shortcut as it is typed: "j", "g t" (one key, then the other), "?", "Shift+A", "Ctrl+O".
    Modifiers and named keys as the platform writes them ("⌘O" on a Mac; names in the UI language);
    Return is written Enter: the two keys do the same everywhere."""
    sequence = QKeySequence(shortcut)
    keys = []
    for i in range(sequence.count()):
        combo = sequence[i]
        if combo.key() == Qt.Key.Key_Return:
            combo = QKeyCombination(combo.keyboardModifiers(), Qt.Key.Key_Enter)
        text = QKeySequence(combo).toString(QKeySequence.SequenceFormat.NativeText)
        if combo.keyboardModifiers() == Qt.KeyboardModifier.NoModifier and Qt.Key.Key_A <= combo.key() <= Qt.Key.Key_Z:
            text = text.lower()  # the key as typed: j, not J (which reads as Shift+J)
        arrow = _ARROWS.get(combo.key())
        if arrow is not None:  # Qt's zh_TW names the arrow keys 左鍵/右鍵, which read as mouse buttons
            name = QKeySequence(combo.key()).toString(QKeySequence.SequenceFormat.NativeText)
            text = (text[:-len(name)] if name and text.endswith(name) else text) + arrow
        keys.append(text)
    return " ".join(keys)


def shortcut_text(shortcuts: Sequence[str]) -> str:
    """Shortcuts as they are typed (`key_text`), each key once (Return and Enter are one), joined
    with the UI language's "or"."""
    keys = list(dict.fromkeys(key_text(s) for s in shortcuts))
    text = keys[0] if keys else ""
    for key in keys[1:]:
        text = _fill(QCoreApplication.translate("CheatSheet", "%1 or %2"), text, key)
    return text


class _ListDialog(QDialog):
    """An intro line, a two-column list and a Close button."""

    def __init__(self, parent: QWidget | None = None, table: type[QTreeWidget] = QTreeWidget) -> None:
        super().__init__(parent)
        self.resize(620, 520)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = table(self)
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)  # Qt translates it
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def _set_titles(self, title: str, headers: Sequence[str]) -> None:
        self.setWindowTitle(title)
        self.table.setAccessibleName(title)
        self.table.setHeaderLabels(list(headers))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


# Keys the text fields handle themselves, outside the action table: (group, ((what, keys), ...)).
FIELD_KEYS: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    (QT_TRANSLATE_NOOP("CheatSheet", "In the search field"), (
        (QT_TRANSLATE_NOOP("CheatSheet", "Go to the results"), ("Return", "Down")),
        (QT_TRANSLATE_NOOP("CheatSheet", "Clear the search"), ("Esc",)),
    )),
    (QT_TRANSLATE_NOOP("CheatSheet", "In the tree filter"), (
        (QT_TRANSLATE_NOOP("CheatSheet", "Clear the filter"), ("Esc",)),
    )),
    (QT_TRANSLATE_NOOP("CheatSheet", "In the find bar"), (
        (QT_TRANSLATE_NOOP("CheatSheet", "Next match"), ("Return",)),
        (QT_TRANSLATE_NOOP("CheatSheet", "Previous match"), ("Shift+Return",)),
        (QT_TRANSLATE_NOOP("CheatSheet", "Close the find bar (also from the tree, the list or the article)"),
         ("Esc",)),
    )),
)


class _ScrollingTable(QTreeWidget):
    """A table to read, not to pick from: the arrow keys, Page Up/Down, Space, Home and End scroll it."""

    _SCROLL = {
        Qt.Key.Key_Down: QAbstractSlider.SliderAction.SliderSingleStepAdd,
        Qt.Key.Key_Up: QAbstractSlider.SliderAction.SliderSingleStepSub,
        Qt.Key.Key_PageDown: QAbstractSlider.SliderAction.SliderPageStepAdd,
        Qt.Key.Key_Space: QAbstractSlider.SliderAction.SliderPageStepAdd,
        Qt.Key.Key_PageUp: QAbstractSlider.SliderAction.SliderPageStepSub,
        Qt.Key.Key_Home: QAbstractSlider.SliderAction.SliderToMinimum,
        Qt.Key.Key_End: QAbstractSlider.SliderAction.SliderToMaximum,
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        action = self._SCROLL.get(event.key())
        if action is not None and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                        Qt.KeyboardModifier.KeypadModifier):
            self.verticalScrollBar().triggerAction(action)
            return
        if event.key() == Qt.Key.Key_Space and event.modifiers() == Qt.KeyboardModifier.ShiftModifier:
            self.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)
            return
        super().keyPressEvent(event)


class CheatSheet(_ListDialog):
    """Every action with its shortcuts, grouped by menu (the action table is the only source), then
    the keys of the text fields.  It opens with the keyboard on the table: arrows and Page Down
    scroll it, Esc closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, _ScrollingTable)
        self.retranslate_ui()
        self.table.setFocus()

    def retranslate_ui(self) -> None:
        self._set_titles(self.tr("Keyboard Shortcuts"), [self.tr("Action"), self.tr("Keys")])
        self.intro.setText(self.tr("Single-letter keys work whenever no text field has focus."))
        self.table.clear()
        for menu, title in MENUS.items():
            self._group(without_accelerator(translate(title)))
            for action in ACTIONS:
                if action.menu == menu and action.shortcuts:
                    QTreeWidgetItem(self.table, [translate(action.text), shortcut_text(action.shortcuts)])
        for title, rows in FIELD_KEYS:
            self._group(QCoreApplication.translate("CheatSheet", title))
            for text, keys in rows:
                QTreeWidgetItem(self.table, [QCoreApplication.translate("CheatSheet", text), shortcut_text(keys)])
        self.table.resizeColumnToContents(0)

    def _group(self, title: str) -> None:
        group = QTreeWidgetItem(self.table, [title, ""])
        group.setFirstColumnSpanned(True)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)


class ProblemsDialog(_ListDialog):
    def __init__(self, problems: Sequence[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for p in problems:
            item = QTreeWidgetItem(self.table, [p.path, p.reason])
            item.setToolTip(1, p.reason)
        self.retranslate_ui()
        self.table.resizeColumnToContents(0)

    def retranslate_ui(self) -> None:
        self._set_titles(self.tr("Posts That Could Not Be Read"), [self.tr("File"), self.tr("Reason")])
        rescan = shortcut_text(spec(ActionId.RESCAN).shortcuts[:1])
        self.intro.setText(_fill(self.tr("These files look like posts but could not be read. They are left as "
                                         "they are; fix them in the archive and rescan (%1)."), rescan))
