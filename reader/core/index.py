"""The archive's index: a disposable SQLite cache of metadata and full text.

One folder per archive under the cache directory holds ``index.sqlite``
(posts, tags/categories, problems; WAL mode) and the full-text shards (see
`reader.core.fulltext`).  Opening works in two phases so a reader sees the
list at once:

1. `Index.refresh` stats every candidate file, parses only new or changed
   ones (size + mtime_ns differ), keeps the reading of a file that only moved
   (same name and bytes), drops removed ones, and decides the posts: one per
   identity, however many files hold it (`reader.core.scanstore`).  An
   unchanged archive reads nothing but the database.
2. `Index.build_fulltext` indexes the text of every post not yet indexed,
   in worker processes (one shard each) when there is enough work.

A cache that is corrupt, truncated, of another schema version, or that a
query found damaged (`cachefs.CacheFolder`) is deleted and rebuilt silently;
it never holds the reader's own data (see `reader.core.state`).  Both phases
commit as they go, so a run killed at any moment resumes where it stopped.
One writer: creating, repairing, `refresh` and `build_fulltext` hold the
archive's writer lock; another process (or `Index`) wanting to write waits,
watching the holder's progress; queries never take it (WAL).  The schema and the
checks made when the cache is opened are in `reader.core.cachedb`.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import cachefs, collector, fulltext, paths, scanstore
from .cachedb import SCHEMA_VERSION, CacheDatabaseMixin
from .discover import Found, fingerprint
from .postfile import Problem
from .queries import QueryMixin
from .sources import open_source

__all__ = ["Index", "ScanReport", "Cancelled", "SCHEMA_VERSION", "cache_folder", "index_folder"]

PARALLEL_MIN = 400  # posts: below this, the work is done in this process
CHUNK = 64
SHOW_EVERY_S = 1.0  # a first index shows the posts read so far this often (`refresh`'s `shown`)

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
Shown = Callable[["ScanReport"], None]

class Cancelled(Exception):
    """The caller asked indexing to stop; what was done so far is kept."""


@dataclass(frozen=True)
class ScanReport:
    """What a metadata scan found.  Counts of posts (one per identity, however many files hold it)
    unless said otherwise; added/changed/removed/moved are since the previous scan."""

    posts: int
    problems: tuple[Problem, ...]  # files that are no post, and posts read leniently (`recovered`)
    added: int
    changed: int  # the shown file's bytes changed
    removed: int
    cache: str  # 'cold' (built from nothing), 'warm' (nothing changed), 'incremental' or 'shared'
    seconds: float
    moved: int = 0  # now shown from another file with the same bytes (archive.sh's git mv)
    files: int = 0  # post files (every copy)
    duplicates: int = 0  # files that are a further copy of a post shown from another file
    locations: dict[str, tuple[int, int]] = field(default_factory=dict)  # location -> (posts shown there, files)
    parsed: int = 0  # files read and parsed by this scan (new or changed in place; moves are not read again)

    @property
    def unreadable(self) -> int:
        """Files listed as problems that are not shown as posts."""
        return sum(1 for p in self.problems if not p.recovered)


def index_folder(root: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the index of the archive at `root` is kept (`cache_folder`, moved out of the archive
    when it would fall inside it)."""
    root = Path(root).absolute()
    return paths.outside_archive(cache_folder(root, Path(cache_dir) if cache_dir else paths.cache_dir()), root)


def cache_folder(root: Path, cache_dir: Path) -> Path:
    """The cache folder of one archive: readable name plus a hash of its real path."""
    real = os.path.realpath(root)
    digest = hashlib.sha1(real.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = re.sub(r"[^\w.-]+", "_", Path(real).name)[:40] or "archive"
    return cache_dir / f"{name}-{digest}"


class Index(CacheDatabaseMixin, QueryMixin):
    """The index of one archive.  One instance per thread.

    `waited_for_writer` is True once this object had to wait for another
    process (or `Index`) writing the same cache; `on_wait(phase)`, when set, is
    called as such a wait starts, with what the other is doing ('open',
    'metadata' or 'text').  Queries never wait.
    """

    def __init__(self, root: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None,
                 shards: int | None = None, on_wait: Callable[[str], None] | None = None) -> None:
        self.root = Path(root).absolute()
        self.folder = index_folder(self.root, cache_dir)
        self._shards_wanted = shards or max(1, min(4, os.cpu_count() or 1))
        self.cold = False
        self.on_wait = on_wait
        self._reader_cons: list[sqlite3.Connection] = []
        self._files = cachefs.CacheFolder(self.folder)
        self.con = self._open()

    @property
    def waited_for_writer(self) -> bool:
        return self._files.waited

    def close(self) -> None:
        self._close_connections()
        self._files.release()

    def _close_connections(self) -> None:
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
                workers: int | None = None, shown: Shown | None = None) -> ScanReport:
        """Bring the metadata up to date with the files; parse only what changed.

        While another process writes this cache, wait; once it has moved on to
        the full text its metadata is as fresh as ours would be: report that
        ('shared') rather than wait for its text.

        `shown`: on a first index (an empty cache), the files are read newest first and the
        posts read so far are committed about every `SHOW_EVERY_S` seconds; `shown` gets the
        report of what is there each time, so that a reader sees the list grow rather than wait
        for the whole archive."""
        start = time.perf_counter()
        if not self._files.acquire("metadata", lambda: _check(cancel), self.on_wait,
                                   waiting=lambda holder: holder == "text"):
            return self._report(start, None, "shared")
        try:
            try:
                with collector.paused():
                    counts = self._scan(progress, cancel, workers, shown, start)
            except sqlite3.DatabaseError as exc:
                if not cachefs.is_corruption(exc):
                    raise
                self._rebuild(exc)
                counts = self._scan(progress, cancel, workers, shown, start)
        finally:
            self._files.release()
        touched = counts.added or counts.changed or counts.removed or counts.moved or counts.parsed
        kind = "cold" if self.cold else ("incremental" if touched else "warm")
        self.cold = False
        return self._report(start, counts, kind)

    def _report(self, start: float, counts: scanstore.GroupResult | None, kind: str) -> ScanReport:
        counts = counts or scanstore.GroupResult()
        shown = dict(self.con.execute("SELECT location, count(*) FROM posts GROUP BY location"))
        locations = {loc: (shown.get(loc, 0), n) for loc, n in
                     self.con.execute("SELECT location, count(*) FROM files GROUP BY location ORDER BY location")}
        files = sum(n for _posts, n in locations.values())
        posts = self.count()
        return ScanReport(posts=posts, problems=tuple(self.problems()), added=counts.added,
                          changed=counts.changed, removed=counts.removed, cache=kind,
                          seconds=time.perf_counter() - start, moved=counts.moved, files=files,
                          duplicates=files - posts, locations=locations, parsed=counts.parsed)

    def _scan(self, progress: Progress | None, cancel: CancelCheck | None, workers: int | None,
              shown: Shown | None = None, start: float = 0.0) -> scanstore.GroupResult:
        """Parsed files are stored batch by batch, so a run killed halfway keeps what it
        parsed and the next one parses the rest; the posts are decided at the end, at once
        (on a first index with `shown`, also every so often on the way: see `refresh`)."""
        source = open_source(self.root)
        quick = source.stamp()  # a git tree's id: known unchanged before anything is listed
        scanned = self._meta(self.con, "scanned")
        if quick is not None and quick == scanned:
            return scanstore.GroupResult()
        rows = source.rows()
        stamp = quick or fingerprint(rows)
        if stamp == scanned:  # the files of the last complete scan: all is decided
            return scanstore.GroupResult()
        self.con.execute("DELETE FROM meta WHERE key='scanned'")  # until this scan is complete
        found = {row[0]: Found(*row) for row in rows}
        work = scanstore.plan(str(self.root), found, self.con)
        fresh = not self.con.execute("SELECT EXISTS (SELECT 1 FROM posts)").fetchone()[0]
        todo = work.todo
        result = scanstore.GroupResult()
        stream = shown is not None and fresh and not work.moves and not work.removed
        if stream:  # newest first (file names start with the date): the list fills from the top
            todo = sorted(todo, key=lambda f: f.stem, reverse=True)
        stems = {f.stem for f in todo}
        due, done = time.perf_counter(), 0
        for batch in self._parse_all(todo, progress, cancel, workers, ordered=stream):
            scanstore.store_parsed(self.con, batch)
            done += len(batch)
            if stream and done < len(todo) and time.perf_counter() >= due:
                # the files read so far become posts (a later copy of one of their names is decided again)
                result.add(scanstore.regroup(self.con, [], [], set(), fresh=True))
                assert shown is not None
                shown(self._report(start, result, "cold"))
                due = time.perf_counter() + SHOW_EVERY_S
        # Streamed: the names not decided yet are those of files with no post (regroup finds them).
        result.add(scanstore.regroup(self.con, work.moves, work.removed, set() if stream else stems, fresh=fresh))
        result.parsed = len(todo)
        self._delete_text(result.stale_text)
        self.con.execute("INSERT OR REPLACE INTO meta VALUES('scanned', ?)", (stamp,))
        return result

    def _parse_all(self, todo: list[Found], progress: Progress | None, cancel: CancelCheck | None,
                   workers: int | None, ordered: bool = False) -> Iterator[list[tuple[bool, tuple[object, ...]]]]:
        """Parse `todo`, yielding batches of results as they come (`ordered`: in the order of `todo`,
        so that a list shown as it is read fills from the top, newest first)."""
        total, done = len(todo), 0
        if todo:  # imported here: a warm scan parses nothing (no YAML parser, no process pool)
            from concurrent.futures import as_completed

            from . import workers as workers_mod
        workers = workers if workers is not None else (os.cpu_count() or 1)
        if total < PARALLEL_MIN or workers <= 1:
            for i in range(0, total, CHUNK):
                _check(cancel)
                batch = workers_mod.parse_meta_chunk(str(self.root), todo[i:i + CHUNK])
                yield batch
                done += len(batch)
                if progress and done < total:
                    progress(done, total)
        else:
            with workers_mod.meta_pool(workers) as pool:
                futures = [pool.submit(workers_mod.parse_meta_chunk, str(self.root), todo[i:i + CHUNK * 4])
                           for i in range(0, total, CHUNK * 4)]
                try:
                    for fut in (futures if ordered else as_completed(futures)):
                        _check(cancel)
                        batch = fut.result()
                        yield batch
                        done += len(batch)
                        if progress:
                            progress(done, total)
                finally:
                    for fut in futures:
                        fut.cancel()
        if progress:
            progress(total, total)

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
        """Index the text of every post not indexed yet; return how many were indexed here.

        While another process builds it, report that one's progress and wait."""
        if not self.pending_text() and self._meta(self.con, "merged") != "0":
            return 0
        self._files.acquire("text", lambda: _check(cancel), self.on_wait, self._watch(progress))
        try:
            try:
                return self._build(progress, cancel, workers)
            except sqlite3.DatabaseError as exc:
                if not cachefs.is_corruption(exc):
                    raise
                self._rebuild(exc)
                self._scan(None, cancel, workers)
                return self._build(progress, cancel, workers)
        finally:
            self._files.release()

    def _watch(self, progress: Progress | None) -> Callable[[str], bool]:
        """While waiting for another writer: report how far its text has got."""
        total, seen = self.pending_text(), [-1]

        def waiting(_holder: str) -> bool:
            done = max(0, total - self.pending_text())
            if progress is not None and done != seen[0]:
                seen[0] = done
                progress(done, total)
            return False
        return waiting

    def _build(self, progress: Progress | None, cancel: CancelCheck | None, workers: int | None) -> int:
        # Newest first: search works while this runs, and recent posts are what is looked for first.
        todo = self.con.execute("SELECT id, path, title FROM posts WHERE shard IS NULL "
                                "ORDER BY ts DESC, id").fetchall()
        if not todo:
            if self._meta(self.con, "merged") == "0":  # a bulk build was killed before it merged
                self._optimize()
            return 0
        # A run killed after a shard committed but before we recorded it leaves
        # rows behind: clear them so no post is ever in two shards.
        self._delete_text([pid for pid, _path, _title in todo])
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
            if self._meta(self.con, "merged") == "0":
                self._optimize()
            return done
        # Workers do not merge as they go: until `_optimize` has run, the shards are left unmerged.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        from . import workers as workers_mod

        self.con.execute("INSERT OR REPLACE INTO meta VALUES('merged', '0')")
        ctx = multiprocessing.get_context("spawn")
        next_shard = ctx.Value("i", 0)
        shard_paths = [str(self._shard_path(n)) for n in range(self.shard_count)]
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=workers_mod.text_worker_init,
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
        """Merge each shard's index segments into one: smaller and faster to query.

        The shards merge at the same time, one thread each (SQLite lets go of the GIL)."""
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(min(self.shard_count, os.cpu_count() or 1)) as pool:
            for merged in [pool.submit(_optimize_shard, self._shard_path(n)) for n in range(self.shard_count)]:
                merged.result()
        self.con.execute("INSERT OR REPLACE INTO meta VALUES('merged', '1')")

    def update(self, progress: Progress | None = None, cancel: CancelCheck | None = None,
               workers: int | None = None) -> ScanReport:
        """Both phases, for the command line and tests."""
        report = self.refresh(progress, cancel, workers)
        self.build_fulltext(progress, cancel, workers)
        return report

    def cache_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.folder.glob("*.sqlite*"))


# --- helpers ------------------------------------------------------------------

def _optimize_shard(path: Path) -> None:
    con = fulltext.open_shard(str(path))
    try:
        con.execute("INSERT INTO fts(fts, rank) VALUES('automerge', 4)")  # back to the default
        con.execute("INSERT INTO fts(fts) VALUES('optimize')")
        con.execute("PRAGMA incremental_vacuum")  # give back the pages merging freed
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


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
    """Delete one archive's cache (used by `lectern-cli index --rebuild`): its
    database files, once no other process is writing them; the folder and its
    lock file stay, so that the lock keeps meaning one writer."""
    if not folder.is_dir():
        return
    files = cachefs.CacheFolder(folder)
    files.acquire("open")
    try:
        files.discard()
    finally:
        files.release()


cachefs.guard_queries(Index, QueryMixin)
