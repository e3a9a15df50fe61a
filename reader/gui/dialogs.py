"""Small windows: the keyboard cheat sheet (generated from the action table), the list
of posts that could not be read, and About."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from reader.core.posts import Problem

from .actions import ACTIONS, MENUS, translate

__all__ = ["CheatSheet", "ProblemsDialog", "shortcut_text"]


def shortcut_text(shortcuts: Sequence[str]) -> str:
    """Shortcuts as the platform writes them ('Ctrl+O', '⌘O'), joined with ' or '."""
    return " or ".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts)


class _ListDialog(QDialog):
    def __init__(self, title: str, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(620, 520)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(list(headers))
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


class CheatSheet(_ListDialog):
    """Every action with its shortcuts, grouped by menu: the table is the only source."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Keyboard Shortcuts"), [self.tr("Action"), self.tr("Keys")], parent)
        self.intro.setText(self.tr("Single-letter keys work whenever no text field has focus."))
        for menu, title in MENUS.items():
            group = QTreeWidgetItem(self.table, [translate(title).replace("&", ""), ""])
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for spec in ACTIONS:
                if spec.menu == menu and spec.shortcuts:
                    QTreeWidgetItem(self.table, [translate(spec.text), shortcut_text(spec.shortcuts)])
        self.table.resizeColumnToContents(0)


class ProblemsDialog(_ListDialog):
    def __init__(self, problems: Sequence[Problem], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Posts That Could Not Be Read"), [self.tr("File"), self.tr("Reason")], parent)
        self.intro.setText(self.tr("These files look like posts but could not be read. They are left as they "
                                   "are; fix them in the archive and rescan (Ctrl+R)."))
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for p in problems:
            item = QTreeWidgetItem(self.table, [p.path, p.reason])
            item.setToolTip(1, p.reason)
        self.table.resizeColumnToContents(0)
