"""Small windows: the keyboard cheat sheet (generated from the action table), the list
of posts that could not be read, and About.

Each dialog sets its texts in `retranslate_ui()`, run when it is built and again on
`QEvent.LanguageChange` (the UI language changed while it is open)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from reader.core.posts import Problem

from .actions import ACTIONS, MENUS, ActionId, spec, translate, without_accelerator

__all__ = ["CheatSheet", "ProblemsDialog", "shortcut_text"]

_PLACEHOLDER = re.compile(r"%(\d)")


def _fill(template: str, *values: str) -> str:
    """Qt's QString::arg for %1..%9, in one pass (a value holding "%2" stays as it is)."""
    return _PLACEHOLDER.sub(lambda m: values[int(m[1]) - 1] if 0 < int(m[1]) <= len(values) else m[0], template)


def shortcut_text(shortcuts: Sequence[str]) -> str:
    """Shortcuts as the platform writes them ('Ctrl+O', '⌘O'; key names in the UI language),
    joined with the UI language's "or"."""
    keys = [QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts]
    text = keys[0] if keys else ""
    for key in keys[1:]:
        text = _fill(QCoreApplication.translate("CheatSheet", "%1 or %2"), text, key)
    return text


class _ListDialog(QDialog):
    """An intro line, a two-column list and a Close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resize(620, 520)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTreeWidget(self)
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


class CheatSheet(_ListDialog):
    """Every action with its shortcuts, grouped by menu: the table is the only source."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self._set_titles(self.tr("Keyboard Shortcuts"), [self.tr("Action"), self.tr("Keys")])
        self.intro.setText(self.tr("Single-letter keys work whenever no text field has focus."))
        self.table.clear()
        for menu, title in MENUS.items():
            group = QTreeWidgetItem(self.table, [without_accelerator(translate(title)), ""])
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for action in ACTIONS:
                if action.menu == menu and action.shortcuts:
                    QTreeWidgetItem(self.table, [translate(action.text), shortcut_text(action.shortcuts)])
        self.table.resizeColumnToContents(0)


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
