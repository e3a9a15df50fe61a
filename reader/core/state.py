"""The reader's own data: read/unread, starred, last opened post and scroll positions.

Kept in ``state.sqlite`` in the user data directory, never in the cache:
deleting the cache loses none of it.  Marks are keyed by the archive's real
path and the post's path relative to it, so they survive a re-index.

Durable: each change is committed before the call returns, in WAL mode with
``synchronous=FULL``, so neither a kill (``kill -9``) nor a power cut or a
system crash right after a click loses the click.  (``NORMAL`` would survive a
kill too, but a power cut could take back the changes since the last
checkpoint: up to a thousand pages of marks.)  The fsync this costs is about
0.3 ms per change here (4 ms at worst), at the pace of a reader's clicks.

Precious: a damaged file (not a database, truncated, malformed) is never
deleted.  It is kept aside as ``state.sqlite.corrupt-YYYYmmdd-HHMMSS`` (with
its -wal), a new file is started with every mark that could still be read
from the old one, and `StateStore.recovered_message` says so for the reader.
Two processes may use the file at once (WAL, a busy timeout, one IMMEDIATE
transaction per change); a recovery is done by one of them at a time.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from . import cachefs, paths

T = TypeVar("T")

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


class _Damaged(Exception):
    """The state file failed a check before SQLite was asked to use it."""


class StateStore:
    """Read and write the reader's marks for one archive.

    `recovered_message` is None, or a sentence for the reader when the file was
    found damaged (at open or later): where the old file was kept and how many
    marks were saved from it.  `kept_aside` is that file's path.
    """

    def __init__(self, root: str | os.PathLike[str], data_dir: str | os.PathLike[str] | None = None) -> None:
        self.archive = archive_key(root)
        folder = paths.data_dir(data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        self.file: Path = folder / "state.sqlite"
        self.recovered_message: str | None = None
        self.kept_aside: Path | None = None
        self.con = self._open()
        self._run(lambda: self.con.execute(
            "INSERT INTO archives(archive, opened) VALUES(?, ?) "
            "ON CONFLICT(archive) DO UPDATE SET opened=excluded.opened", (self.archive, time.time())))

    def close(self) -> None:
        self.con.close()

    # --- opening, and recovering from a damaged file -----------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect(check=True)
        except _Damaged as exc:
            return self._recover(str(exc))
        except sqlite3.DatabaseError as exc:
            if not cachefs.is_corruption(exc):
                raise
            return self._recover(str(exc))

    def _connect(self, check: bool) -> sqlite3.Connection:
        why = cachefs.damaged(self.file) if check else None
        if why:
            raise _Damaged(why)
        con = sqlite3.connect(self.file, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            cachefs.use_wal(con)
            con.execute("PRAGMA synchronous=FULL")  # see the module docstring
            if check:  # about 10 ms for 50,000 marks
                result = [r[0] for r in con.execute("PRAGMA quick_check(3)")]
                if result != ["ok"]:
                    raise _Damaged("; ".join(result))
            con.executescript(SCHEMA)
        except BaseException:
            con.close()
            raise
        return con

    def _recover(self, problem: str) -> sqlite3.Connection:
        """Keep the damaged file aside (never delete it) and start a new one with
        whatever marks can still be read from it.  One process at a time."""
        lock = cachefs.FileLock(self.file.with_name(self.file.name + ".lock"))
        lock.wait("recover")
        try:
            try:  # another Lectern may have recovered it while we waited
                return self._connect(check=True)
            except (_Damaged, sqlite3.DatabaseError) as exc:
                if isinstance(exc, sqlite3.DatabaseError) and not cachefs.is_corruption(exc):
                    raise
            try:
                aside = cachefs.keep_aside(self.file)
            except OSError as exc:  # Windows: another process still has it open
                self.recovered_message = (f"Your reading marks file {self.file} is damaged ({problem}) and could "
                                          f"not be moved aside ({exc}): marks made now will not be kept.")
                con = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                con.executescript(SCHEMA)
                return con
            con = self._connect(check=False)
            saved = _salvage(aside, con)
        finally:
            lock.release()
        self.kept_aside = aside
        self.recovered_message = (f"Your reading marks file was damaged ({problem}). It was kept as {aside}; "
                                  f"a new one was started with the {saved} marks that could still be read.")
        return con

    def _run(self, work: Callable[[], T]) -> T:
        """Run one read or change; if it meets a damaged file, recover and run it again."""
        try:
            return work()
        except sqlite3.DatabaseError as exc:
            if not cachefs.is_corruption(exc):
                raise
            problem = str(exc)
        self.con.close()
        self.con = self._recover(problem)
        return work()

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
        row = self._run(lambda: self.con.execute(f"SELECT {column} FROM marks WHERE archive=? AND path=?",
                                                 (self.archive, path)).fetchone())
        return bool(row and row[0])

    def _paths(self, column: str) -> set[str]:
        return self._run(lambda: {p for (p,) in self.con.execute(
            f"SELECT path FROM marks WHERE archive=? AND {column}=1", (self.archive,))})

    def _set(self, column: str, paths_: str | Iterable[str], value: bool | float) -> None:
        items = [paths_] if isinstance(paths_, str) else list(paths_)
        rows = [(self.archive, p, value if isinstance(value, float) else int(value), time.time()) for p in items]
        self._run(lambda: self._write(
            f"INSERT INTO marks(archive, path, {column}, changed) VALUES(?, ?, ?, ?) "
            f"ON CONFLICT(archive, path) DO UPDATE SET {column}=excluded.{column}, changed=excluded.changed",
            rows))

    def _write(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        """One transaction, committed (and on disk) when this returns."""
        self.con.execute("BEGIN IMMEDIATE")
        try:
            self.con.executemany(sql, rows)
            self.con.execute("COMMIT")
        except BaseException:
            if self.con.in_transaction:
                self.con.execute("ROLLBACK")
            raise

    # --- where the reader was -------------------------------------------------------

    def scroll(self, path: str) -> float:
        row = self._run(lambda: self.con.execute("SELECT scroll FROM marks WHERE archive=? AND path=?",
                                                 (self.archive, path)).fetchone())
        return float(row[0]) if row else 0.0

    def set_scroll(self, path: str, fraction: float) -> None:
        self._set("scroll", path, float(min(1.0, max(0.0, fraction))))

    def last_opened(self) -> str | None:
        row = self._run(lambda: self.con.execute("SELECT last_path FROM archives WHERE archive=?",
                                                 (self.archive,)).fetchone())
        return row[0] if row else None

    def set_last_opened(self, path: str) -> None:
        self._run(lambda: self._write("INSERT INTO archives(archive, last_path, opened) VALUES(?, ?, ?) "
                                      "ON CONFLICT(archive) DO UPDATE SET last_path=excluded.last_path",
                                      [(self.archive, path, time.time())]))


def _salvage(damaged: Path, into: sqlite3.Connection) -> int:
    """Copy into `into` the marks that can still be read from a damaged file;
    return how many.  Reads a temporary copy: the kept file stays as found."""
    tables = {"marks": "archive, path, read, starred, scroll, changed", "archives": "archive, last_path, opened"}
    rows: dict[str, list[tuple[object, ...]]] = {t: [] for t in tables}
    copy = damaged.with_name(damaged.name + ".salvage")
    try:
        for suffix in ("", "-wal"):
            if Path(f"{damaged}{suffix}").exists():
                shutil.copyfile(f"{damaged}{suffix}", f"{copy}{suffix}")
        src = sqlite3.connect(copy)
        src.execute("PRAGMA writable_schema=ON")  # lets SQLite read a file shorter than its header says
        try:
            for table, columns in tables.items():
                try:
                    for row in src.execute(f"SELECT {columns} FROM {table}"):
                        rows[table].append(row)
                except sqlite3.DatabaseError:  # keep the rows read before the damage
                    pass
        finally:
            src.close()
    except (OSError, sqlite3.DatabaseError):
        pass
    finally:
        for suffix in ("", *cachefs.SIDE_FILES):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    into.execute("BEGIN IMMEDIATE")
    for table, columns in tables.items():
        marks = ", ".join("?" * len(columns.split(",")))
        into.executemany(f"INSERT OR IGNORE INTO {table}({columns}) VALUES({marks})", rows[table])
    into.execute("COMMIT")
    return into.execute("SELECT count(*) FROM marks").fetchone()[0]
