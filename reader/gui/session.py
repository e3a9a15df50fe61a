"""One open archive in the window: its index, the reader's marks, and background indexing.

The session owns the GUI thread's read connection to the index and the
state store; indexing runs as a task with its own connection.  It turns
core results into signals the window listens to, so the window never runs
SQL nor reads files itself.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader.core import paths
from reader.core.index import Index, ScanReport, index_folder
from reader.core.posts import Problem
from reader.core.queries import Row, Scope, TreeCounts, make_snippet
from reader.core.search import Query, parse_query
from reader.core.state import StateStore

from .tasks import Runner, TaskContext

__all__ = ["ArchiveSession", "BULK_MARKS"]

log = logging.getLogger(__name__)

BULK_MARKS = 200  # posts marked at once above which the tree's counts are worked out in the background


class ArchiveSession(QObject):
    """Signals arrive on the GUI thread."""

    # ScanReport: the list can be shown.  A first index sends it as the posts are read (`loading` is
    # True: the list grows, newest first), then once more when all are read (`loading` False).
    metadata_ready = Signal(object)
    refreshed = Signal(object)  # ScanReport of a live refresh (files changed on disk while open)
    progress = Signal(str, int, int)  # phase ('metadata' | 'text'), done, total
    fulltext_ready = Signal()  # search works
    failed = Signal(str)
    waiting = Signal(str)  # another Lectern is writing this archive's index; we wait for it (phase)
    state_recovered = Signal(str)  # the reader's marks file was damaged: kept aside; the message says where
    read_changed = Signal(list, bool)  # post ids whose read state changed, and to what
    # How many of them each tree entry holds ({Scope: n}), and +1 (now unread) or -1 (now read): after
    # read_changed, at once for a few posts, from a background task for many (Mark All Read).
    tree_delta = Signal(object, int)
    star_changed = Signal(int, bool)  # post id, starred

    def __init__(self, root: Path, runner: Runner, parent: QObject | None = None, adopt: str | None = None,
                 state: StateStore | None = None) -> None:
        """`adopt`: the id of a known archive this folder is (it was moved or renamed); `state`: its
        marks, when the caller has them open (a library: `StateStore.for_archive`)."""
        super().__init__(parent)
        self.root = root
        self.runner = runner
        self.cache_dir = paths.cache_dir()
        self.state = state if state is not None else StateStore(root, adopt=adopt)
        self.index: Index | None = None
        self.report: ScanReport | None = None
        self.counts: TreeCounts | None = None  # as of the last scan; the tree keeps them live
        self.searchable = False  # all text indexed; before that, search sees the posts indexed so far
        self.unindexed = 0  # posts whose text is not indexed yet (newest are indexed first)
        self.new_since_ns = 0  # files changed after this (the previous open) count as new
        self.new_count = 0  # unread posts changed since then (a pull's new posts), as of the last scan
        self.folder_set: set[str] = set()  # folders holding posts, as of the last scan
        self.loading = False  # the list shows the posts read so far; more are coming (`metadata_ready` again)
        self._task: TaskContext | None = None
        self._live = False  # the running task is a live refresh, not the opening scan
        self._running = False
        self._refresh_again = False
        self._reported_recovery: str | None = None  # the marks-file message already shown
        self._read = self.state.read_keys()  # post keys (reader.core.identity), not paths
        self._keys: dict[int, str] = {}  # post id -> key, as of the last scan (marking a whole list by ids)
        self._starred = self.state.starred_keys()

    @property
    def name(self) -> str:
        return self.root.name or str(self.root)

    # --- indexing ----------------------------------------------------------------------

    def start(self, live: bool = False) -> None:
        """Index in the background: metadata first (list shown), then full text (search).

        `live`: a refresh after files changed on disk while the archive is open; it
        reports through `refreshed`, and search stays usable while it runs."""
        self._live = live and self.index is not None
        self.searchable = self.searchable and self._live
        root, cache, state_file, key = self.root, self.cache_dir, str(self.state.file), self.state.archive
        since, stream = self.new_since_ns, not self._live

        def work(ctx: TaskContext) -> int:
            with Index(root, cache, on_wait=lambda phase: ctx.partial(("waiting", phase))) as ix:
                ix.attach_state(state_file, key)

                def shown(report: ScanReport) -> None:  # a first index: the posts read so far
                    ctx.partial(("shown", report, ix.tree_counts()))

                report = ix.refresh(progress=lambda d, t: ctx.progress(d, -t), cancel=ctx.cancelled,
                                    shown=shown if stream else None)
                # counted here, not on the GUI thread (100,000 posts: ~0.1 s each)
                new = len(ix.query_ids("", Scope("new", str(since)))) if since else 0
                ctx.partial((report, ix.tree_counts(), ix.folders(), new, ix.pending_text(), ix.keys_of()))
                return ix.build_fulltext(progress=ctx.progress, cancel=ctx.cancelled)

        self._running = True  # before run(): a synchronous runner finishes inside it
        self._task = self.runner.run(work, done=self._on_done, failed=self._on_failed,
                                     progress=self._on_progress, partial=self._on_metadata)

    def open_cached(self) -> bool:
        """Open the index as the last run left it, without looking at the archive (a few ms): its
        posts can be listed before `start` has checked them.  False when there is no cache yet."""
        if self.index is not None:
            return True
        if not (index_folder(self.root, self.cache_dir) / "index.sqlite").is_file():
            return False
        try:
            self._open_index()
            assert self.index is not None
            posts = self.index.count()
        except (OSError, sqlite3.Error) as exc:  # the refresh will rebuild it, and say what failed
            log.info("cache of %s not opened before its refresh: %s", self.root, exc)
            posts = 0
        if not posts:
            if self.index is not None:
                self.index.close()
                self.index = None
            return False
        self.report = ScanReport(posts, (), 0, 0, 0, "cached", 0.0)
        return True

    def refresh(self) -> None:
        """Pick up what changed on disk; if indexing is running, once more after it."""
        if self._running:
            self._refresh_again = True
            return
        self.start(live=True)

    @property
    def busy(self) -> bool:
        return self._running

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def close(self) -> None:
        self.cancel()
        if self.index is not None:
            self.index.close()
            self.index = None
        self.state.close()

    def _on_progress(self, done: int, total: int) -> None:
        # Negative totals mark the metadata phase (one progress channel for both phases).
        if total >= 0:
            self.unindexed = max(0, total - done)
        self.progress.emit("metadata" if total < 0 else "text", done, abs(total))

    def _on_metadata(self, result: tuple[object, ...]) -> None:
        if result[0] == "waiting":
            self.waiting.emit(str(result[1]))
            return
        if result[0] == "shown":  # the first posts of a first index: the list can be shown, and grows
            _kind, report, self.counts = result  # type: ignore[assignment]
            self.loading = True
        else:
            report, self.counts, self.folder_set, self.new_count, self.unindexed, self._keys = result  # type: ignore
            self.loading = False
        assert isinstance(report, ScanReport)
        self.report = report
        self._open_index()
        (self.refreshed if self._live else self.metadata_ready).emit(report)

    def _open_index(self) -> None:
        if self.index is None:
            self.index = Index(self.root, self.cache_dir)
            self.index.attach_state(str(self.state.file), self.state.archive)

    def _on_done(self, _indexed: int) -> None:
        self._task = None
        self._running = False
        self.searchable = True
        self.unindexed = 0
        self.fulltext_ready.emit()
        self._run_pending_refresh()

    def _on_failed(self, message: str, details: str) -> None:
        self._task = None
        self._running = False
        if "Cancelled" not in message:
            self.failed.emit(message)
            self._run_pending_refresh()

    def _run_pending_refresh(self) -> None:
        if self._refresh_again:
            self._refresh_again = False
            self.start(live=True)

    # --- reading the index ---------------------------------------------------------------

    def query_ids(self, query: Query | str, scope: Scope, sort: str | None) -> list[int]:
        if self.index is None:
            return []
        return self.index.query_ids(query, scope, sort)

    def rows(self, ids: Sequence[int]) -> list[Row]:
        return self.index.rows(ids) if self.index else []

    def row_by_path(self, path: str) -> Row | None:
        return self.index.row_by_path(path) if self.index else None

    def row_by_key(self, key: str) -> Row | None:
        return self.index.row_by_key(key) if self.index else None

    def file_location(self, path: str) -> str | None:
        return self.index.file_location(path) if self.index else None

    def resolve_link(self, url: str) -> str | None:
        return self.index.post_for_link(url) if self.index else None

    def problems(self) -> list[Problem]:
        return self.index.problems() if self.index else []

    def snippet(self, post_id: int, query: Query) -> tuple[str, tuple[tuple[int, int], ...]]:
        """The words around the first match in a post's text, and the matched spans ("" before its
        text is indexed)."""
        if self.index is None or not query.terms:
            return "", ()
        return make_snippet(self.index.text(post_id), query.terms)

    def tree_counts(self) -> TreeCounts:
        if self.counts is None:
            assert self.index is not None
            self.counts = self.index.tree_counts()
        return self.counts

    # --- the reader's marks -------------------------------------------------------------------

    def is_read(self, key: str) -> bool:
        return key in self._read

    def is_starred(self, key: str) -> bool:
        return key in self._starred

    def set_read(self, rows: Sequence[Row], read: bool) -> list[Row]:
        """Mark posts read or unread; returns those whose state changed."""
        changed = [r for r in rows if (r.key in self._read) != read]
        if changed:
            self._mark_read({r.id: r.key for r in changed}, read)
        return changed

    def set_read_ids(self, ids: Sequence[int], read: bool) -> list[int]:
        """Mark many posts (a whole list: 20,000 of them) read or unread, by id; returns the ids whose
        state changed.  A couple of queries and one write, however many."""
        known = self._keys
        keys = {pid: known[pid] for pid in ids if pid in known}
        if len(keys) < len(ids) and self.index is not None:  # posts the last scan did not list yet
            keys.update(self.index.keys_of([pid for pid in ids if pid not in keys]))
        changed = {pid: key for pid, key in keys.items() if (key in self._read) != read}
        if changed:
            self._mark_read(changed, read)
        return list(changed)

    def _mark_read(self, keys: dict[int, str], read: bool) -> None:
        self.state.set_read(keys.values(), read)
        self._check_state()
        if read:
            self._read.update(keys.values())
        else:
            self._read.difference_update(keys.values())
        ids, delta = list(keys), -1 if read else 1
        self.read_changed.emit(ids, read)
        if len(ids) <= BULK_MARKS:
            self.tree_delta.emit(self.scope_counts(ids), delta)
            return
        # Counting 20,000 posts into the tree's entries takes ~0.1 s: not on the GUI thread.
        root, cache, since = self.root, self.cache_dir, self.new_since_ns

        def count(_ctx: TaskContext) -> dict[Scope, int]:
            with Index(root, cache) as ix:
                return ix.scope_counts(ids, since)

        self.runner.run(count, done=lambda counts: self.tree_delta.emit(counts, delta) if self.index else None)

    def scope_counts(self, ids: Sequence[int]) -> dict[Scope, int]:
        """How many of these posts each tree entry holds (see `QueryMixin.scope_counts`)."""
        return self.index.scope_counts(ids, self.new_since_ns) if self.index is not None else {}

    def set_starred(self, row: Row, starred: bool) -> bool:
        if (row.key in self._starred) == starred:
            return False
        self.state.set_starred(row.key, starred)
        self._check_state()
        (self._starred.add if starred else self._starred.discard)(row.key)
        self.star_changed.emit(row.id, starred)
        return True

    def check_state(self) -> None:
        """Say so when the marks file was found damaged (at open, or since)."""
        self._reported_recovery = None
        self._check_state()

    def _check_state(self) -> None:
        message = self.state.recovered_message
        if message and message != self._reported_recovery:
            self._reported_recovery = message
            if self.index is not None:  # the old attachment points at the file kept aside
                self.index.attach_state(str(self.state.file), self.state.archive)
            self.state_recovered.emit(message)

    def parse(self, text: str) -> Query:
        return parse_query(text)
