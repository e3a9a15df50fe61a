"""The archive's index: a disposable SQLite cache of metadata and full text.

One folder per archive under the cache directory holds ``index.sqlite``
(posts, tags/categories, problems; WAL mode) and the full-text shards (see
`reader.core.fulltext`).  Opening works in two phases so a reader sees the
list at once:

1. `Index.refresh` stats every candidate file, parses only new or changed
   ones (size + mtime_ns differ), drops removed ones, and writes metadata
   from this one connection.  An unchanged archive reads nothing but the
   database.
2. `Index.build_fulltext` indexes the text of every post not yet indexed,
   in worker processes (one shard each) when there is enough work.

A cache that is corrupt, unreadable or of another schema version is deleted
and rebuilt; it never holds the reader's own data (see `reader.core.state`).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from . import fulltext, paths
from .discover import Found, scan
from .posts import Post, Problem, read_post
from .queries import QueryMixin

__all__ = ["Index", "ScanReport", "Cancelled", "SCHEMA_VERSION", "cache_folder"]

SCHEMA_VERSION = 2  # 2: shard text folded to one Chinese script (hanzi.fold)
PARALLEL_MIN = 400  # posts: below this, the work is done in this process
CHUNK = 64

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

SCHEMA = f"""
PRAGMA user_version = {SCHEMA_VERSION};
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE posts(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    ts INTEGER NOT NULL,
    date_source TEXT NOT NULL,
    author TEXT NOT NULL,
    url TEXT NOT NULL,
    layout TEXT NOT NULL,
    published INTEGER NOT NULL,
    draft INTEGER NOT NULL,
    fmt TEXT NOT NULL,
    encoding TEXT NOT NULL,
    extra TEXT NOT NULL,
    shard INTEGER,               -- full-text shard holding its text; NULL until indexed
    tags TEXT NOT NULL,          -- JSON lists, for display; `labels` is for queries
    categories TEXT NOT NULL
);
CREATE INDEX posts_ts ON posts(ts);
CREATE INDEX posts_url ON posts(url);
CREATE INDEX posts_pending ON posts(shard) WHERE shard IS NULL;
CREATE TABLE labels(post_id INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX labels_name ON labels(kind, name);
CREATE INDEX labels_post ON labels(post_id);
CREATE TABLE problems(path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
                      reason TEXT NOT NULL);
"""


class Cancelled(Exception):
    """The caller asked indexing to stop; what was done so far is kept."""


@dataclass(frozen=True)
class ScanReport:
    posts: int
    problems: tuple[Problem, ...]
    added: int
    changed: int
    removed: int
    cache: str  # 'cold' (built from nothing), 'warm' (nothing changed) or 'incremental'
    seconds: float


def cache_folder(root: Path, cache_dir: Path) -> Path:
    """The cache folder of one archive: readable name plus a hash of its real path."""
    real = os.path.realpath(root)
    digest = hashlib.sha1(real.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = re.sub(r"[^\w.-]+", "_", Path(real).name)[:40] or "archive"
    return cache_dir / f"{name}-{digest}"


class Index(QueryMixin):
    """The index of one archive.  One instance per thread."""

    def __init__(self, root: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None,
                 shards: int | None = None) -> None:
        self.root = Path(root).absolute()
        self.folder = cache_folder(self.root, Path(cache_dir) if cache_dir else paths.cache_dir())
        self._shards_wanted = shards or max(1, min(4, os.cpu_count() or 1))
        self.cold = False
        self._reader_cons: list[sqlite3.Connection] = []
        self.con = self._open()

    # --- opening ------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            con = self._connect()
            if self._usable(con):
                self.shard_count = int(self._meta(con, "shards"))
                self._attach_shards(con)
                return con
            con.close()
        except sqlite3.DatabaseError:
            pass
        self._discard()
        return self._create()

    def _connect(self) -> sqlite3.Connection:
        # A URI, so that ATTACH can open the reader's state read-only (mode=ro).
        con = sqlite3.connect((self.folder / "index.sqlite").as_uri(), uri=True, timeout=30,
                              isolation_level=None, check_same_thread=False)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute("PRAGMA foreign_keys=OFF")
        return con

    def _usable(self, con: sqlite3.Connection) -> bool:
        if con.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            return False
        try:
            root = self._meta(con, "root")
            shards = int(self._meta(con, "shards"))
        except (TypeError, ValueError):
            return False
        if root != str(self.root) or shards < 1:
            return False
        return all(self._shard_path(n).exists() for n in range(shards)) or self._reset_text(con, shards)

    def _reset_text(self, con: sqlite3.Connection, shards: int) -> bool:
        """A shard went missing: rebuild all text (metadata is still good)."""
        for n in range(shards):
            self._remove_file(self._shard_path(n))
        con.execute("UPDATE posts SET shard=NULL")
        return True

    def _create(self) -> sqlite3.Connection:
        self.cold = True
        con = self._connect()
        con.executescript(SCHEMA)
        self.shard_count = self._shards_wanted
        con.executemany("INSERT INTO meta VALUES(?, ?)",
                        [("root", str(self.root)), ("shards", str(self.shard_count))])
        self._attach_shards(con)
        return con

    def _attach_shards(self, con: sqlite3.Connection) -> None:
        for n in range(self.shard_count):
            fulltext.open_shard(str(self._shard_path(n))).close()  # create if missing
            con.execute(f"ATTACH DATABASE ? AS s{n}", (str(self._shard_path(n)),))

    def _discard(self) -> None:
        """Delete the cache files (never anything else)."""
        for child in self.folder.glob("*.sqlite*"):
            self._remove_file(child)

    @staticmethod
    def _remove_file(path: Path) -> None:
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            try:
                p.unlink()
            except FileNotFoundError:
                pass

    def _shard_path(self, n: int) -> Path:
        return self.folder / f"text-{n}.sqlite"

    @staticmethod
    def _meta(con: sqlite3.Connection, key: str) -> str | None:
        row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def _readers(self) -> list[sqlite3.Connection]:
        if not self._reader_cons:
            for _ in range(self.shard_count):
                con = self._connect()
                self._attach_shards(con)
                if self._state_file is not None:
                    con.execute("ATTACH DATABASE ? AS st", (Path(self._state_file).as_uri() + "?mode=ro",))
                self._reader_cons.append(con)
        return self._reader_cons

    def close(self) -> None:
        for con in self._reader_cons:
            con.close()
        self._reader_cons.clear()
        self.con.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- phase 1: metadata --------------------------------------------------

    def refresh(self, progress: Progress | None = None, cancel: CancelCheck | None = None,
                workers: int | None = None) -> ScanReport:
        """Bring the metadata up to date with the files; parse only what changed."""
        start = time.perf_counter()
        found = {f.rel: f for f in scan(self.root)}
        known = {path: (pid, size, mtime) for pid, path, size, mtime in
                 self.con.execute("SELECT id, path, size, mtime_ns FROM posts")}
        known_problems = {path: (size, mtime) for path, size, mtime in
                          self.con.execute("SELECT path, size, mtime_ns FROM problems")}
        todo: list[Found] = []
        for rel, f in found.items():
            old = known.get(rel)
            old_problem = known_problems.get(rel)
            stamp = (f.size, f.mtime_ns)
            if (old and old[1:] == stamp) or (old_problem and old_problem == stamp):
                continue
            todo.append(f)
        removed = [rel for rel in (known.keys() | known_problems.keys()) if rel not in found]
        changed = sum(1 for f in todo if f.rel in known or f.rel in known_problems)
        if todo or removed:
            self._drop(removed)
            self._store(self._parse_all(todo, progress, cancel, workers))
        report_kind = "cold" if self.cold else ("incremental" if todo or removed else "warm")
        self.cold = False
        return ScanReport(
            posts=self.count(),
            problems=tuple(self.problems()),
            added=len(todo) - changed,
            changed=changed,
            removed=len(removed),
            cache=report_kind,
            seconds=time.perf_counter() - start,
        )

    def _parse_all(self, todo: list[Found], progress: Progress | None, cancel: CancelCheck | None,
                   workers: int | None) -> list[tuple[Found, Post | Problem]]:
        total = len(todo)
        results: list[tuple[Found, Post | Problem]] = []
        workers = workers if workers is not None else (os.cpu_count() or 1)
        if total < PARALLEL_MIN or workers <= 1:
            for f in todo:
                _check(cancel)
                results.append((f, _parse_meta(str(self.root), f)))
                if progress and len(results) % CHUNK == 0:
                    progress(len(results), total)
        else:
            with _pool(workers) as pool:
                futures = [pool.submit(_parse_meta_chunk, str(self.root), todo[i:i + CHUNK * 4])
                           for i in range(0, total, CHUNK * 4)]
                try:
                    for fut in as_completed(futures):
                        _check(cancel)
                        results.extend(fut.result())
                        if progress:
                            progress(len(results), total)
                finally:
                    for fut in futures:
                        fut.cancel()
        if progress:
            progress(total, total)
        return results

    def _drop(self, rels: Iterable[str]) -> None:
        rels = list(rels)
        ids = [row[0] for rel in rels for row in
               self.con.execute("SELECT id FROM posts WHERE path=?", (rel,))]
        self._delete_text(ids)
        with _transaction(self.con):
            for rel in rels:
                self.con.execute("DELETE FROM problems WHERE path=?", (rel,))
            for pid in ids:
                self.con.execute("DELETE FROM labels WHERE post_id=?", (pid,))
                self.con.execute("DELETE FROM posts WHERE id=?", (pid,))

    def _store(self, results: Sequence[tuple[Found, Post | Problem]]) -> None:
        """Write parsed files.  A changed post keeps its id and loses its text until
        `build_fulltext`; a post that became a Problem is removed with its text."""
        gone: list[int] = []
        with _transaction(self.con):
            for f, item in results:
                old = self.con.execute("SELECT id FROM posts WHERE path=?", (f.rel,)).fetchone()
                self.con.execute("DELETE FROM problems WHERE path=?", (f.rel,))
                if isinstance(item, Problem):
                    if old:
                        gone.append(old[0])
                        self.con.execute("DELETE FROM labels WHERE post_id=?", (old[0],))
                        self.con.execute("DELETE FROM posts WHERE id=?", (old[0],))
                    self.con.execute("INSERT INTO problems VALUES(?, ?, ?, ?)",
                                     (f.rel, f.size, f.mtime_ns, item.reason))
                    continue
                values = _post_values(f, item)
                if old:
                    self.con.execute(f"UPDATE posts SET {', '.join(c + '=?' for c in _COLUMNS)}, shard=NULL "
                                     "WHERE id=?", (*values, old[0]))
                    self.con.execute("DELETE FROM labels WHERE post_id=?", (old[0],))
                    pid = old[0]
                else:
                    cur = self.con.execute(f"INSERT INTO posts({', '.join(_COLUMNS)}) "
                                           f"VALUES({', '.join('?' * len(_COLUMNS))})", values)
                    pid = cur.lastrowid
                self.con.executemany("INSERT INTO labels VALUES(?, ?, ?)",
                                     [(pid, "tag", t) for t in item.tags]
                                     + [(pid, "category", c) for c in item.categories])
        self._delete_text(gone)

    def _delete_text(self, ids: list[int]) -> None:
        if not ids:
            return
        for n in range(self.shard_count):
            con = fulltext.open_shard(str(self._shard_path(n)))
            try:
                with _transaction(con, "IMMEDIATE"):
                    fulltext.delete_docs(con, ids)
            finally:
                con.close()

    # --- phase 2: full text ---------------------------------------------------

    def pending_text(self) -> int:
        """Posts whose text is not indexed yet."""
        return self.con.execute("SELECT count(*) FROM posts WHERE shard IS NULL").fetchone()[0]

    @property
    def fulltext_ready(self) -> bool:
        return self.pending_text() == 0

    def build_fulltext(self, progress: Progress | None = None, cancel: CancelCheck | None = None,
                       workers: int | None = None) -> int:
        """Index the text of every post not indexed yet; return how many were indexed."""
        todo = self.con.execute("SELECT id, path FROM posts WHERE shard IS NULL ORDER BY id").fetchall()
        if not todo:
            return 0
        # A run killed after a shard committed but before we recorded it leaves
        # rows behind: clear them so no post is ever in two shards.
        self._delete_text([pid for pid, _ in todo])
        workers = min(workers if workers is not None else (os.cpu_count() or 1), self.shard_count)
        total, done = len(todo), 0
        if total < PARALLEL_MIN or workers <= 1:
            shard = self._smallest_shard()
            con = fulltext.open_shard(str(self._shard_path(shard)))
            con.execute("INSERT INTO fts(fts, rank) VALUES('automerge', 4)")  # in case a bulk build was cut short
            try:
                for i in range(0, total, CHUNK):
                    _check(cancel)
                    ids = fulltext.index_posts(con, str(self.root), todo[i:i + CHUNK])
                    self._mark_indexed(shard, ids)
                    done += len(ids)
                    if progress:
                        progress(done, total)
            finally:
                con.close()
            return done
        ctx = multiprocessing.get_context("spawn")
        next_shard = ctx.Value("i", 0)
        shard_paths = [str(self._shard_path(n)) for n in range(self.shard_count)]
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=fulltext.worker_init,
                                 initargs=(next_shard, shard_paths)) as pool:
            futures = [pool.submit(fulltext.worker_index_chunk, str(self.root), todo[i:i + CHUNK])
                       for i in range(0, total, CHUNK)]
            try:
                for fut in as_completed(futures):
                    shard, ids, _size = fut.result()
                    self._mark_indexed(shard, ids)
                    done += len(ids)
                    if progress:
                        progress(done, total)
                    _check(cancel)
            finally:
                for fut in futures:
                    fut.cancel()
        self._optimize()
        return done

    def _mark_indexed(self, shard: int, ids: list[int]) -> None:
        with _transaction(self.con):
            self.con.executemany("UPDATE posts SET shard=? WHERE id=?", [(shard, i) for i in ids])

    def _smallest_shard(self) -> int:
        counts = {n: 0 for n in range(self.shard_count)}
        for shard, count in self.con.execute(
                "SELECT shard, count(*) FROM posts WHERE shard IS NOT NULL GROUP BY shard"):
            counts[shard] = count
        return min(counts, key=lambda n: (counts[n], n))

    def _optimize(self) -> None:
        """Merge each shard's index segments into one: smaller and faster to query."""
        for n in range(self.shard_count):
            con = fulltext.open_shard(str(self._shard_path(n)))
            try:
                con.execute("INSERT INTO fts(fts, rank) VALUES('automerge', 4)")  # back to the default
                con.execute("INSERT INTO fts(fts) VALUES('optimize')")
                con.execute("PRAGMA incremental_vacuum")  # give back the pages merging freed
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                con.close()

    def update(self, progress: Progress | None = None, cancel: CancelCheck | None = None,
               workers: int | None = None) -> ScanReport:
        """Both phases, for the command line and tests."""
        report = self.refresh(progress, cancel, workers)
        self.build_fulltext(progress, cancel, workers)
        return report

    def cache_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.folder.glob("*.sqlite*"))


# --- helpers ------------------------------------------------------------------

_COLUMNS = ("path", "size", "mtime_ns", "title", "date", "ts", "date_source", "author", "url", "layout",
            "published", "draft", "fmt", "encoding", "extra", "tags", "categories")


def _post_values(f: Found, post: Post) -> tuple[object, ...]:
    return (f.rel, f.size, f.mtime_ns, post.title, post.date, post.timestamp, post.date_source,
            post.author, post.url, post.layout, int(post.published), int(post.draft), post.fmt,
            post.encoding, json.dumps(post.extra, ensure_ascii=False),
            json.dumps(post.tags, ensure_ascii=False), json.dumps(post.categories, ensure_ascii=False))


def _parse_meta(root: str, f: Found) -> Post | Problem:
    item = read_post(os.path.join(root, *f.rel.split("/")), f.rel,
                     dir_categories=f.categories, draft=f.draft)
    return replace(item, body="") if isinstance(item, Post) else item


def _parse_meta_chunk(root: str, items: list[Found]) -> list[tuple[Found, Post | Problem]]:
    return [(f, _parse_meta(root, f)) for f in items]


def _pool(workers: int) -> ProcessPoolExecutor:
    # spawn, not fork: the GUI calls this from a thread, and forking a threaded Qt process is unsafe.
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


def _check(cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled()


class _transaction:
    """BEGIN ... COMMIT (ROLLBACK on error).  The index connection must not use
    BEGIN IMMEDIATE: that would also lock every attached shard the workers write."""

    def __init__(self, con: sqlite3.Connection, mode: str = "") -> None:
        self.con = con
        self.mode = mode

    def __enter__(self) -> sqlite3.Connection:
        self.con.execute(f"BEGIN {self.mode}")
        return self.con

    def __exit__(self, exc_type, exc, tb) -> None:
        self.con.execute("COMMIT" if exc_type is None else "ROLLBACK")


def remove_cache(folder: Path) -> None:
    """Delete one archive's cache folder (used by `lectern-cli index --rebuild`)."""
    shutil.rmtree(folder, ignore_errors=True)
