"""The reader's own data: read/unread, starred, last opened post and scroll positions.

Kept in ``state.sqlite`` in the user data directory, never in the cache:
deleting the cache loses none of it.  Marks are keyed by the archive's real
path and the post's path relative to it, so they survive a re-index, and each
change is committed at once in WAL mode, so a crash or a kill right after a
click keeps the click (``synchronous=NORMAL``: only a power cut can lose the
last few changes, and a commit costs no fsync, so reading post after post
with j never waits on the disk).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from . import paths

__all__ = ["StateStore", "archive_key"]

SCHEMA_VERSION = 1
SCHEMA = f"""
PRAGMA user_version = {SCHEMA_VERSION};
CREATE TABLE IF NOT EXISTS marks(
    archive TEXT NOT NULL,
    path TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    scroll REAL NOT NULL DEFAULT 0,
    changed REAL NOT NULL,
    PRIMARY KEY(archive, path)
);
CREATE TABLE IF NOT EXISTS archives(
    archive TEXT PRIMARY KEY,
    last_path TEXT,
    opened REAL NOT NULL
);
"""


def archive_key(root: str | os.PathLike[str]) -> str:
    """How an archive is named in the reader's data: its real, absolute path."""
    return os.path.realpath(root)


class StateStore:
    """Read and write the reader's marks for one archive."""

    def __init__(self, root: str | os.PathLike[str], data_dir: str | os.PathLike[str] | None = None) -> None:
        self.archive = archive_key(root)
        folder = paths.data_dir(data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        self.file: Path = folder / "state.sqlite"
        self.con = sqlite3.connect(self.file, timeout=30, isolation_level=None, check_same_thread=False)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=NORMAL")  # WAL: a commit survives the app being killed
        self.con.executescript(SCHEMA)
        self.con.execute("INSERT INTO archives(archive, opened) VALUES(?, ?) "
                         "ON CONFLICT(archive) DO UPDATE SET opened=excluded.opened", (self.archive, time.time()))

    def close(self) -> None:
        self.con.close()

    # --- marks ---------------------------------------------------------------------

    def is_read(self, path: str) -> bool:
        return self._flag(path, "read")

    def is_starred(self, path: str) -> bool:
        return self._flag(path, "starred")

    def set_read(self, paths_: str | Iterable[str], read: bool = True) -> None:
        self._set("read", paths_, read)

    def set_starred(self, path: str, starred: bool = True) -> None:
        self._set("starred", path, starred)

    def read_paths(self) -> set[str]:
        return self._paths("read")

    def starred_paths(self) -> set[str]:
        return self._paths("starred")

    def _flag(self, path: str, column: str) -> bool:
        row = self.con.execute(f"SELECT {column} FROM marks WHERE archive=? AND path=?",
                               (self.archive, path)).fetchone()
        return bool(row and row[0])

    def _paths(self, column: str) -> set[str]:
        return {p for (p,) in self.con.execute(f"SELECT path FROM marks WHERE archive=? AND {column}=1",
                                               (self.archive,))}

    def _set(self, column: str, paths_: str | Iterable[str], value: bool | float) -> None:
        items = [paths_] if isinstance(paths_, str) else list(paths_)
        now = time.time()
        self.con.execute("BEGIN IMMEDIATE")
        try:
            self.con.executemany(
                f"INSERT INTO marks(archive, path, {column}, changed) VALUES(?, ?, ?, ?) "
                f"ON CONFLICT(archive, path) DO UPDATE SET {column}=excluded.{column}, changed=excluded.changed",
                [(self.archive, p, value if isinstance(value, float) else int(value), now) for p in items])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    # --- where the reader was -------------------------------------------------------

    def scroll(self, path: str) -> float:
        row = self.con.execute("SELECT scroll FROM marks WHERE archive=? AND path=?",
                               (self.archive, path)).fetchone()
        return float(row[0]) if row else 0.0

    def set_scroll(self, path: str, fraction: float) -> None:
        self._set("scroll", path, float(min(1.0, max(0.0, fraction))))

    def last_opened(self) -> str | None:
        row = self.con.execute("SELECT last_path FROM archives WHERE archive=?", (self.archive,)).fetchone()
        return row[0] if row else None

    def set_last_opened(self, path: str) -> None:
        self.con.execute("UPDATE archives SET last_path=? WHERE archive=?", (path, self.archive))
