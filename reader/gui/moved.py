"""“This archive moved”: when a folder the reader kept an archive in is gone, offer to locate it.

An archive in a git clone is known by its ``origin`` URL and needs none of this:
opened from anywhere, it is the same archive.  A plain folder is known by an id
stored with its last path (`reader.core.state`); when that path is gone (the
folder was moved or renamed), the reader is asked where it is now, and the
folder they pick takes over the old id, with every read and starred mark.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reader.core.state import KnownArchive, StateStore

__all__ = ["MovedArchives"]


class MovedArchives(QObject):
    """Given the window to parent its dialogs and `open_path(folder, adopt=id)` to open what is found."""

    def __init__(self, parent: QWidget, open_path: Callable[..., bool]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._open_path = open_path

    def known_at(self, path: Path) -> KnownArchive | None:
        """The archive the reader kept at `path`, if it is a folder archive (a git one needs no locating)."""
        store = StateStore(None)
        try:
            known = store.archive_at(path)
        finally:
            store.close()
        return known if known is not None and known.archive.startswith("local:") else None

    def offer(self, path: Path) -> bool:
        """Ask the reader to locate the archive that was at `path`; False when none was known there."""
        known = self.known_at(path)
        if known is None:
            return False
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Archive moved"),
                          self.tr("The archive “%1” is no longer at %2.").replace("%1", known.name)
                          .replace("%2", str(path)), QMessageBox.StandardButton.Cancel, self._parent)
        box.setObjectName("archive-moved")
        box.setInformativeText(self.tr("If you moved or renamed its folder, locate it: your read and starred "
                                       "posts and where you were come along."))
        locate = box.addButton(self.tr("Locate…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(locate)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.locate(known) if button is locate else None)
        box.open()  # not modal-blocking: the window (and tests) go on
        return True

    def locate(self, known: KnownArchive) -> bool:
        """Ask for the folder's new place and open it as that archive."""
        start = os.path.dirname(known.last_path or "") or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self._parent, self.tr("Where is “%1” now?")
                                                  .replace("%1", known.name), start)
        return bool(folder) and self._open_path(folder, adopt=known.archive)
