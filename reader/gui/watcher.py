"""Watching the open archive on disk, so a `git pull` shows up without a rescan command.

A QFileSystemWatcher watches the archive's root, every post folder that holds
posts (and the folders between them and the root, so a deleted folder is
seen), the top folder of posts kept outside the post folders (``archived/``,
where a pull adds ``archived/DATE/`` folders: not each of its thousands of
date folders), and `.git` when there is one: git rewrites `.git/index` on every
pull, checkout or reset, which also catches files changed in place (a
folder watch sees files created, deleted and renamed, not rewritten).  A git
archive (a bare repository read straight from git) has no post folders: its
root and ``refs/heads`` are watched, where an update (this window's, or
``lectern-cli library update``'s) moves the branch.
Events are debounced: `changed` fires once, `debounce_ms` after the last
event of a burst (a pull of 500 files is one refresh).  Watching costs a
handful of inotify watches, never one per post.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from reader.core.sources import is_git_store

__all__ = ["ArchiveWatcher", "DEBOUNCE_MS"]

DEBOUNCE_MS = 700


class ArchiveWatcher(QObject):
    changed = Signal()  # debounced

    def __init__(self, root: Path, debounce_ms: int = DEBOUNCE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self._fs = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._fs.directoryChanged.connect(self._on_fs_changed)
        self._fs.fileChanged.connect(self._on_fs_changed)
        self._timer.timeout.connect(self.changed)

    def watch(self, folders: Iterable[str]) -> None:
        """Watch these folders (relative to the root) and their ancestors, in place of the last set."""
        wanted = {str(self.root)}
        for rel in folders:
            parts = [p for p in rel.split("/") if p]
            for depth in range(1, len(parts) + 1):
                wanted.add(os.path.join(self.root, *parts[:depth]))
        git = self.root / ".git"
        if git.is_dir():
            wanted.add(str(git))
        if is_git_store(self.root):  # a git archive: its branch moves in refs/heads (or packed-refs, at the root)
            wanted.add(str(self.root / "refs" / "heads"))
        current = set(self._fs.directories())
        stale = sorted(current - wanted)
        if stale:
            self._fs.removePaths(stale)
        new = sorted(p for p in wanted - current if os.path.isdir(p))
        if new:
            self._fs.addPaths(new)

    def watched(self) -> list[str]:
        return sorted(self._fs.directories())

    def stop(self) -> None:
        self._timer.stop()
        paths = self._fs.directories() + self._fs.files()
        if paths:
            self._fs.removePaths(paths)

    def pending(self) -> bool:
        return self._timer.isActive()

    def _on_fs_changed(self, _path: str) -> None:
        self._timer.start()  # restart: one refresh after the burst
