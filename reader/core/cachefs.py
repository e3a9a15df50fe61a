"""Crash safety for Lectern's own files: the writer lock, damage checks, keeping a file aside.

* `FileLock`: one process at a time writes an archive's cache (or repairs the
  reader's data).  An advisory lock (``flock`` on POSIX, ``msvcrt.locking`` on
  Windows) that the operating system drops when its holder dies, ``kill -9``
  included, so a lock is never stale.  The holder writes its pid and phase into
  the lock file so that a waiting process can tell what it is waiting for.
* `damaged`: what is wrong with an SQLite file, judged from its header and size
  alone (not a database, truncated), before SQLite is asked to trust it.
* `is_corruption`: whether an exception means "this database is damaged"
  (as opposed to busy, locked, or a full disk).
* `CacheFolder`: one archive's cache folder: its writer lock, the ``damaged``
  marker left when a query meets damage (the next open rebuilds instead of
  failing every time), and throwing the database files away.
* `keep_aside`: rename a damaged database (with its -wal and -shm) to a
  dated name next to it; nothing is deleted.
* `exit_with_parent`: worker processes end when the process that started them
  is killed, instead of living on (a killed ``ProcessPoolExecutor`` parent
  leaves its workers blocked forever, still holding files).

Nothing here ever touches an archive: callers pass paths in the cache or data folder.
"""

from __future__ import annotations

import functools
import inspect
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

TYPE_CHECKING = False  # typing itself is not imported: a command-line run is a few ms shorter
if TYPE_CHECKING:
    from typing import IO

__all__ = ["FileLock", "CacheFolder", "damaged", "guard_queries", "has_table", "is_corruption",
           "keep_aside", "exit_with_parent", "use_wal", "SIDE_FILES", "Log"]


class Log:
    """`logging.getLogger(name)`, with `logging` imported at the first message: most runs log nothing."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __getattr__(self, attr: str) -> Callable[..., object]:
        import logging

        return getattr(logging.getLogger(self.name), attr)


log = Log(__name__)

SIDE_FILES = ("-wal", "-shm", "-journal")
_MAGIC = b"SQLite format 3\x00"
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB (extended codes keep these in the low byte)
_CORRUPT_TEXT = ("malformed", "not a database", "database corrupt", "corrupt database")

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    _LOCK_AT = 1 << 30  # lock a byte far past the status text, so others can still read it

    def _try_lock(fh: IO[bytes]) -> bool:
        fh.seek(_LOCK_AT)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fh: IO[bytes]) -> None:
        fh.seek(_LOCK_AT)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class FileLock:
    """An exclusive advisory lock on one file.

    Two `FileLock` objects on the same path exclude each other even inside one
    process (each has its own open file), so two `Index` objects of one
    archive in one program behave like two programs.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def acquire(self, status: str = "") -> bool:
        """Take the lock if it is free (never waits); True if this object holds it."""
        if self._fh is not None:
            return True
        fh = open(self.path, "a+b")  # append mode: opening never truncates another holder's status
        if not _try_lock(fh):
            fh.close()
            return False
        self._fh = fh
        self._write(f"{os.getpid()} {status}")
        return True

    def wait(self, status: str = "", poll: float = 0.05,
             waiting: Callable[[str], bool] | None = None) -> bool:
        """Take the lock, waiting for its holder.  `waiting(holder_status)` is called
        between tries; when it returns True, stop waiting and return False."""
        while not self.acquire(status):
            if waiting is not None and waiting(self.holder()):
                return False
            time.sleep(poll)
        return True

    def holder(self) -> str:
        """What the holder said it is doing ('' when free or unknown)."""
        try:
            text = self.path.read_bytes()[:200].decode("utf-8", "replace")
        except OSError:
            return ""
        return text.partition(" ")[2].strip()

    def release(self) -> None:
        fh, self._fh = self._fh, None
        if fh is None:
            return
        try:
            fh.truncate(0)  # a waiter must not read our last phase as its next holder's
            fh.flush()
            _unlock(fh)
        finally:
            fh.close()

    def _write(self, text: str) -> None:
        assert self._fh is not None
        self._fh.truncate(0)
        self._fh.write(text.encode("utf-8"))
        self._fh.flush()


def damaged(path: Path) -> str | None:
    """Why an SQLite file cannot be sound, from its first 100 bytes and its size;
    None when it looks sound (or does not exist, or is empty: a new database).

    A file shorter than the page count its header claims is truncated, unless
    a non-empty -wal is beside it (then the missing pages may be in the log).
    """
    try:
        size = path.stat().st_size
        if size == 0:
            return None
        with open(path, "rb") as fh:
            header = fh.read(100)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if len(header) < 100 or not header.startswith(_MAGIC):
        return "not an SQLite database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_count_valid = pages > 0 and header[24:28] == header[92:96]
    if header_count_valid and size < pages * page_size and _size(Path(f"{path}-wal")) == 0:
        return f"truncated ({size} of {pages * page_size} bytes)"
    return None


def is_corruption(exc: BaseException) -> bool:
    """True for 'database disk image is malformed', 'file is not a database' and the like."""
    if not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, sqlite3.OperationalError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPT_CODES
    text = str(exc).lower()  # an exception pickled back from a worker process has lost its code
    return any(t in text for t in _CORRUPT_TEXT)


class CacheFolder:
    """One archive's cache folder: database files, the damage marker, the writer lock."""

    LOCK = "writer.lock"
    MARKER = "damaged"  # written when a query meets a damaged database

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.lock = FileLock(path / self.LOCK)
        self.waited = False  # had to wait for another writer at least once

    def damage(self, databases: list[Path]) -> str | None:
        """What the files alone show to be wrong: the marker, or `damaged` headers."""
        marker = self.path / self.MARKER
        if marker.exists():
            return f"marked damaged: {marker.read_text('utf-8', 'replace').strip()}"
        for path in databases:
            why = damaged(path)
            if why:
                return f"{path.name}: {why}"
        return None

    def mark_damaged(self, exc: BaseException) -> None:
        log.warning("the cache %s is damaged (%s): it will be rebuilt at the next open", self.path, exc)
        try:
            (self.path / self.MARKER).write_text(f"{exc}\n", encoding="utf-8")
        except OSError:
            pass

    def discard(self) -> None:
        """Delete the database files and the marker (never anything else; the lock file stays)."""
        for child in self.path.glob("*.sqlite*"):
            child.unlink(missing_ok=True)
        (self.path / self.MARKER).unlink(missing_ok=True)

    @staticmethod
    def remove_db(path: Path) -> None:
        for p in (path, *(Path(f"{path}{s}") for s in SIDE_FILES)):
            p.unlink(missing_ok=True)

    def acquire(self, phase: str, check: Callable[[], None] | None = None,
                on_wait: Callable[[str], None] | None = None,
                waiting: Callable[[str], bool] | None = None) -> bool:
        """Take the writer lock, waiting while another holds it: `check()` may raise
        to stop waiting; `on_wait(holder_phase)` is told once that a wait starts;
        `waiting(holder_phase)` returning True gives up (returns False)."""
        if self.lock.acquire(phase):
            return True
        self.waited = True
        holder = self.lock.holder()
        log.info("%s: waiting for another Lectern (%s)", self.path, holder or "busy")
        if on_wait is not None:
            on_wait(holder)

        def poll(holder: str) -> bool:
            if check is not None:
                check()
            return waiting is not None and waiting(holder)

        return self.lock.wait(phase, waiting=poll)

    def release(self) -> None:
        self.lock.release()


def guard_queries(cls: type, base: type) -> None:
    """Make each public method `cls` takes from `base` leave the damage marker
    (in ``self._files``, a `CacheFolder`) when it meets a damaged database, so
    the next open rebuilds instead of failing again; the error still propagates."""
    def guarded(method: Callable[..., object]) -> Callable[..., object]:
        @functools.wraps(method)
        def wrapper(self: object, *args: object, **kwargs: object) -> object:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.DatabaseError as exc:
                if is_corruption(exc):
                    self._files.mark_damaged(exc)  # type: ignore[attr-defined]
                raise
        return wrapper

    for name, method in list(vars(base).items()):
        if not name.startswith("_") and inspect.isfunction(method):
            setattr(cls, name, guarded(method))


def use_wal(con: sqlite3.Connection, timeout: float = 30) -> None:
    """``PRAGMA journal_mode=WAL``, retried: turning a new file to WAL needs it alone
    for a moment, and SQLite answers 'database is locked' at once, without its busy
    wait, when another process is opening the same new file."""
    end = time.monotonic() + timeout
    while True:
        try:
            con.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > end:
                raise
            time.sleep(0.02)


def has_table(path: Path, name: str) -> bool:
    """Whether the database at `path` exists and has table `name` (read only)."""
    if not path.exists():
        return False
    con = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=30)
    try:
        return con.execute("SELECT count(*) FROM sqlite_master WHERE name=?", (name,)).fetchone()[0] > 0
    finally:
        con.close()


def keep_aside(path: Path, label: str = "corrupt") -> Path:
    """Rename `path` (and its -wal, -shm, -journal) to ``<name>.<label>-YYYYmmdd-HHMMSS``.

    The side files move first: a -wal left without its database would be
    replayed into the next new database of that name.  Returns the new path.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while any(Path(f"{target}{s}").exists() for s in ("", *SIDE_FILES)):
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
        n += 1
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, f"{target}{suffix}")
    os.replace(path, target)
    return target


def exit_with_parent() -> None:
    """In a worker process: end at once when the parent process dies.

    A worker of a parent killed with SIGKILL would otherwise finish the chunks
    already queued (writing them to a shard nobody records) and then wait
    forever.  The parent's sentinel becomes ready exactly when it is gone.
    """
    import multiprocessing  # here: only worker processes need it
    import multiprocessing.connection

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="lectern-parent-watch", daemon=True).start()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
