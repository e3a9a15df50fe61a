"""The reader's own data: read/unread, starred, last opened post and scroll positions.

Kept in ``state.sqlite`` in the user data directory, never in the cache:
deleting the cache loses none of it.  Marks are keyed by the archive's
identity and the post's key (`reader.core.identity`), never by a path: a post
moved from ``_posts/`` to ``archived/DATE/`` keeps its marks, and so does an
archive moved, renamed or cloned again elsewhere.  An archive in a git clone
is named by its ``origin`` URL; any other folder by an id stored here with its
last known path (``local:…``), which `StateStore.relocate` points at the
folder's new place.

Schema 1 (marks keyed by the archive's real path and the post's relative path)
is migrated once, in one transaction, after a copy of the old file is kept as
``state.sqlite.v1-backup``: each mark goes to its post's key (its file name),
marks of two copies of one post are merged (read or starred if either was).

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

import json
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from . import cachefs, identity, paths

T = TypeVar("T")

__all__ = ["StateStore", "KnownArchive", "SCHEMA_VERSION"]

SCHEMA_VERSION = 2
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS marks(
    archive TEXT NOT NULL,
    post TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    scroll REAL NOT NULL DEFAULT 0,
    changed REAL NOT NULL,
    PRIMARY KEY(archive, post)
);
CREATE TABLE IF NOT EXISTS archives(
    archive TEXT PRIMARY KEY,
    origin TEXT,
    last_path TEXT,
    last_post TEXT,
    opened REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS archives_path ON archives(last_path);
-- The reader's library (reader.core.library): the archives added, in the reader's order.
CREATE TABLE IF NOT EXISTS library(
    archive TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'folder',
    position INTEGER NOT NULL,
    added REAL NOT NULL,
    read_at REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS library_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
PRAGMA user_version = {SCHEMA_VERSION};
"""
_MARK_COLUMNS = "archive, post, read, starred, scroll, changed"
_ARCHIVE_COLUMNS = "archive, origin, last_path, last_post, opened"


@dataclass(frozen=True)
class KnownArchive:
    """An archive the reader has opened: its identity, where it was last, and when."""

    archive: str
    origin: str | None
    last_path: str | None
    opened: float

    @property
    def name(self) -> str:
        return os.path.basename((self.last_path or "").rstrip("/\\")) or self.archive


class _Damaged(Exception):
    """The state file failed a check before SQLite was asked to use it."""


class StateStore:
    """Read and write the reader's marks for one archive.

    `recovered_message` is None, or a sentence for the reader when the file was
    found damaged (at open or later): where the old file was kept and how many
    marks were saved from it.  `kept_aside` is that file's path.
    """

    def __init__(self, root: str | os.PathLike[str] | None, data_dir: str | os.PathLike[str] | None = None,
                 adopt: str | None = None) -> None:
        """`adopt`: the id of a known archive that `root` is (the reader located a moved folder).
        With no `root`, only the archives known (`known_archives`, `archive_at`) can be asked."""
        folder = paths.data_dir(data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        self.file: Path = folder / "state.sqlite"
        self.recovered_message: str | None = None
        self.kept_aside: Path | None = None
        self.con = self._open()
        self.root = os.path.realpath(root) if root is not None else ""
        self.archive = self.identify(self.root, adopt) if root is not None else ""

    def identify(self, path: str | os.PathLike[str], adopt: str | None = None) -> str:
        """The id of the archive at `path` (see the module docstring), recorded with where it is now
        (`adopt`: the known archive the folder is)."""
        real = os.path.realpath(path)
        return self._run(lambda: self._identify(real, adopt))

    def for_archive(self, archive_id: str, root: str | os.PathLike[str] = "") -> StateStore:
        """The marks of another archive through this store's connection (a library of thirty
        archives opens one connection, not thirty); closing it leaves the connection open."""
        return _ArchiveView(self, archive_id, os.path.realpath(root) if root else "")

    def _identify(self, real: str, adopt: str | None) -> str:
        git = identity.archive_git_id(real)
        # The look-up and the insert in one write transaction: two processes opening a new folder at
        # once must agree on one id (else each made its own, and one's marks went under the other's).
        self.con.execute("BEGIN IMMEDIATE")
        try:
            if adopt:
                ident = adopt
            elif git is not None:
                ident = git[0]
            else:
                row = self.con.execute("SELECT archive FROM archives WHERE last_path=? AND archive LIKE 'local:%' "
                                       "ORDER BY opened DESC LIMIT 1", (real,)).fetchone()
                ident = row[0] if row else f"local:{uuid.uuid4().hex}"
            self.con.execute("INSERT INTO archives(archive, origin, last_path, opened) VALUES(?, ?, ?, ?) "
                             "ON CONFLICT(archive) DO UPDATE SET last_path=excluded.last_path, "
                             "opened=excluded.opened, origin=coalesce(excluded.origin, origin)",
                             (ident, git[1] if git else None, real, time.time()))
            self.con.execute("COMMIT")
        except BaseException:
            if self.con.in_transaction:
                self.con.execute("ROLLBACK")
            raise
        return ident

    # --- archives ------------------------------------------------------------------------

    def known_archives(self) -> list[KnownArchive]:
        """Every archive opened before, most recently opened first."""
        return self._run(lambda: [KnownArchive(*r) for r in self.con.execute(
            "SELECT archive, origin, last_path, opened FROM archives ORDER BY opened DESC")])

    def archive_at(self, path: str | os.PathLike[str]) -> KnownArchive | None:
        """The archive last seen at `path` (which may no longer exist)."""
        real = os.path.realpath(path)
        return next((a for a in self.known_archives() if a.last_path in (real, os.fspath(path))), None)

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
            _migrate(con, self.file)
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

    # --- marks, by post key ---------------------------------------------------------------------

    def is_read(self, key: str) -> bool:
        return self._flag(key, "read")

    def is_starred(self, key: str) -> bool:
        return self._flag(key, "starred")

    def set_read(self, keys: str | Iterable[str], read: bool = True) -> None:
        self._set("read", keys, read)

    def set_starred(self, key: str, starred: bool = True) -> None:
        self._set("starred", key, starred)

    def read_keys(self) -> set[str]:
        return self._keys("read")

    def starred_keys(self) -> set[str]:
        return self._keys("starred")

    def _flag(self, key: str, column: str) -> bool:
        row = self._run(lambda: self.con.execute(f"SELECT {column} FROM marks WHERE archive=? AND post=?",
                                                 (self.archive, key)).fetchone())
        return bool(row and row[0])

    def _keys(self, column: str) -> set[str]:
        return self._run(lambda: {p for (p,) in self.con.execute(
            f"SELECT post FROM marks WHERE archive=? AND {column}=1", (self.archive,))})

    def _set(self, column: str, keys: str | Iterable[str], value: bool | float) -> None:
        """One statement however many posts (marking 20,000 read takes ~20 ms, not ~40)."""
        items = [keys] if isinstance(keys, str) else list(keys)
        row = (self.archive, value if isinstance(value, float) else int(value), time.time(),
               json.dumps(items, ensure_ascii=False))
        self._run(lambda: self._write(
            f"INSERT INTO marks(archive, post, {column}, changed) SELECT ?, value, ?, ? FROM json_each(?) WHERE 1 "
            f"ON CONFLICT(archive, post) DO UPDATE SET {column}=excluded.{column}, changed=excluded.changed",
            [row]))

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

    def scroll(self, key: str) -> float:
        row = self._run(lambda: self.con.execute("SELECT scroll FROM marks WHERE archive=? AND post=?",
                                                 (self.archive, key)).fetchone())
        return float(row[0]) if row else 0.0

    def set_scroll(self, key: str, fraction: float) -> None:
        self._set("scroll", key, float(min(1.0, max(0.0, fraction))))

    def last_opened(self) -> str | None:
        """The key of the post open when the archive was last left."""
        row = self._run(lambda: self.con.execute("SELECT last_post FROM archives WHERE archive=?",
                                                 (self.archive,)).fetchone())
        return row[0] if row else None

    def set_last_opened(self, key: str) -> None:
        self._run(lambda: self._write("UPDATE archives SET last_post=? WHERE archive=?", [(key, self.archive)]))


class _ArchiveView(StateStore):
    """`StateStore.for_archive`: another archive's marks through the owner's connection (and its
    recovery: a damaged file found through a view is recovered by the owner, for every view)."""

    def __init__(self, owner: StateStore, archive_id: str, root: str) -> None:  # noqa: D107 (no super: no file opened)
        self.owner, self.archive, self.root = owner, archive_id, root
        self.kept_aside = None

    @property
    def con(self) -> sqlite3.Connection:  # type: ignore[override]
        return self.owner.con

    @property
    def file(self) -> Path:  # type: ignore[override]
        return self.owner.file

    @property
    def recovered_message(self) -> str | None:  # type: ignore[override]
        return self.owner.recovered_message

    def _run(self, work: Callable[[], T]) -> T:
        return self.owner._run(work)

    def close(self) -> None:
        pass  # the owner's connection


# --- schema 1 -> 2 ------------------------------------------------------------------------------

def _migrate(con: sqlite3.Connection, file: Path) -> None:
    """Bring a schema-1 file (marks by archive path and post path) to schema 2, once."""
    if con.execute("PRAGMA user_version").fetchone()[0] != 1:
        return
    backup = file.with_name(file.name + ".v1-backup")
    if not backup.exists():
        copy = sqlite3.connect(backup)
        try:
            con.backup(copy)
        finally:
            copy.close()
    con.execute("BEGIN IMMEDIATE")
    try:
        if con.execute("PRAGMA user_version").fetchone()[0] != 1:  # another Lectern did it meanwhile
            con.execute("ROLLBACK")
            return
        marks = con.execute("SELECT archive, path, read, starred, scroll, changed FROM marks").fetchall()
        archives = con.execute("SELECT archive, last_path, opened FROM archives").fetchall()
        new_marks, new_archives = _v1_to_v2(marks, archives)
        con.execute("ALTER TABLE marks RENAME TO marks_v1")
        con.execute("ALTER TABLE archives RENAME TO archives_v1")
        for statement in SCHEMA.split(";"):  # not executescript: it would commit the transaction
            if statement.strip() and "PRAGMA" not in statement:
                con.execute(statement)
        con.executemany(f"INSERT INTO marks({_MARK_COLUMNS}) VALUES(?, ?, ?, ?, ?, ?)", new_marks)
        con.executemany(f"INSERT INTO archives({_ARCHIVE_COLUMNS}) VALUES(?, ?, ?, ?, ?)", new_archives)
        con.execute("DROP TABLE marks_v1")
        con.execute("DROP TABLE archives_v1")
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise


def _v1_to_v2(marks: list[tuple], archives: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """Schema-1 rows -> schema-2 rows: each archive path gets its identity, each post path its key
    (its file name); two copies of one post merge (read or starred if either was, the latest scroll)."""
    ids: dict[str, tuple[str, str | None]] = {}

    def ident(path: str) -> tuple[str, str | None]:
        if path not in ids:
            git = identity.archive_git_id(path) if os.path.isdir(path) else None
            ids[path] = git if git else (f"local:{uuid.uuid4().hex}", None)
        return ids[path]

    merged: dict[tuple[str, str], list] = {}
    for archive, path, read, starred, scroll, changed in marks:
        key = (ident(archive)[0], os.path.splitext(path.rsplit("/", 1)[-1])[0])
        old = merged.get(key)
        if old is None:
            merged[key] = [read, starred, scroll, changed]
        else:
            if changed >= old[3]:
                old[2], old[3] = scroll, changed
            old[0], old[1] = max(old[0], read), max(old[1], starred)
    new_marks = [(a, p, *values) for (a, p), values in merged.items()]
    seen = {a for a in ids} | {row[0] for row in archives}
    last = {row[0]: row for row in archives}
    new_archives = []
    for path in seen:
        aid, origin = ident(path)
        post = last.get(path, (None, None, 0.0))[1]
        opened = last.get(path, (None, None, 0.0))[2] or 0.0
        key = os.path.splitext(post.rsplit("/", 1)[-1])[0] if post else None
        new_archives.append((aid, origin, path, key, opened))
    # One row per identity (two clones of one repository): the most recently opened wins.
    best: dict[str, tuple] = {}
    for row in new_archives:
        if row[0] not in best or row[4] > best[row[0]][4]:
            best[row[0]] = row
    return new_marks, list(best.values())


def _salvage(damaged: Path, into: sqlite3.Connection) -> int:
    """Copy into `into` the marks that can still be read from a damaged file (of schema 2 or 1);
    return how many.  Reads a temporary copy: the kept file stays as found."""
    marks: list[tuple[object, ...]] = []
    archives: list[tuple[object, ...]] = []
    copy = damaged.with_name(damaged.name + ".salvage")
    try:
        for suffix in ("", "-wal"):
            if Path(f"{damaged}{suffix}").exists():
                shutil.copyfile(f"{damaged}{suffix}", f"{copy}{suffix}")
        src = sqlite3.connect(copy)
        src.execute("PRAGMA writable_schema=ON")  # lets SQLite read a file shorter than its header says
        try:
            marks, old_schema = _rows(src, f"SELECT {_MARK_COLUMNS} FROM marks")
            if old_schema:
                old_marks, _ = _rows(src, "SELECT archive, path, read, starred, scroll, changed FROM marks")
                old_archives, _ = _rows(src, "SELECT archive, last_path, opened FROM archives")
                marks, archives = _v1_to_v2(old_marks, old_archives)
            else:
                archives, _ = _rows(src, f"SELECT {_ARCHIVE_COLUMNS} FROM archives")
        finally:
            src.close()
    except (OSError, sqlite3.DatabaseError):
        pass
    finally:
        for suffix in ("", *cachefs.SIDE_FILES):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    into.execute("BEGIN IMMEDIATE")
    into.executemany(f"INSERT OR IGNORE INTO marks({_MARK_COLUMNS}) VALUES(?, ?, ?, ?, ?, ?)", marks)
    into.executemany(f"INSERT OR IGNORE INTO archives({_ARCHIVE_COLUMNS}) VALUES(?, ?, ?, ?, ?)", archives)
    into.execute("COMMIT")
    return into.execute("SELECT count(*) FROM marks").fetchone()[0]


def _rows(src: sqlite3.Connection, sql: str) -> tuple[list[tuple[object, ...]], bool]:
    """(the rows read before any damage, whether the table is of schema 1: no such column)."""
    rows: list[tuple[object, ...]] = []
    try:
        for row in src.execute(sql):
            rows.append(row)
    except sqlite3.OperationalError as exc:
        return rows, "no such column" in str(exc)
    except sqlite3.DatabaseError:  # keep the rows read before the damage
        pass
    return rows, False
