"""One open archive in the window: its index, the reader's marks, and background indexing.

The session owns the GUI thread's read connection to the index and the
state store; indexing runs as a task with its own connection.  It turns
core results into signals the window listens to, so the window never runs
SQL nor reads files itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader.core import paths
from reader.core.index import Index, ScanReport
from reader.core.posts import Problem
from reader.core.queries import Row, Scope, TreeCounts, make_snippet
from reader.core.search import Query, parse_query
from reader.core.state import StateStore

from .tasks import Runner, TaskContext

__all__ = ["ArchiveSession"]


class ArchiveSession(QObject):
    """Signals arrive on the GUI thread."""

    metadata_ready = Signal(object)  # ScanReport: the list can be shown
    refreshed = Signal(object)  # ScanReport of a live refresh (files changed on disk while open)
    progress = Signal(str, int, int)  # phase ('metadata' | 'text'), done, total
    fulltext_ready = Signal()  # search works
    failed = Signal(str)
    waiting = Signal(str)  # another Lectern is writing this archive's index; we wait for it (phase)
    state_recovered = Signal(str)  # the reader's marks file was damaged: kept aside; the message says where
    read_changed = Signal(list, bool)  # post ids whose read state changed, and to what
    star_changed = Signal(int, bool)  # post id, starred

    def __init__(self, root: Path, runner: Runner, parent: QObject | None = None, adopt: str | None = None) -> None:
        """`adopt`: the id of a known archive this folder is (it was moved or renamed)."""
        super().__init__(parent)
        self.root = root
        self.runner = runner
        self.cache_dir = paths.cache_dir()
        self.state = StateStore(root, adopt=adopt)
        self.index: Index | None = None
        self.report: ScanReport | None = None
        self.counts: TreeCounts | None = None  # as of the last scan; the tree keeps them live
        self.searchable = False  # all text indexed; before that, search sees the posts indexed so far
        self.unindexed = 0  # posts whose text is not indexed yet (newest are indexed first)
        self.new_since_ns = 0  # files changed after this (the previous open) count as new
        self.new_count = 0  # unread posts changed since then (a pull's new posts), as of the last scan
        self.folder_set: set[str] = set()  # folders holding posts, as of the last scan
        self._task: TaskContext | None = None
        self._live = False  # the running task is a live refresh, not the opening scan
        self._running = False
        self._refresh_again = False
        self._reported_recovery: str | None = None  # the marks-file message already shown
        self._read = self.state.read_keys()  # post keys (reader.core.identity), not paths
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
        since = self.new_since_ns

        def work(ctx: TaskContext) -> int:
            with Index(root, cache, on_wait=lambda phase: ctx.partial(("waiting", phase))) as ix:
                report = ix.refresh(progress=lambda d, t: ctx.progress(d, -t), cancel=ctx.cancelled)
                ix.attach_state(state_file, key)
                # counted here, not on the GUI thread (100,000 posts: ~0.1 s each)
                new = len(ix.query_ids("", Scope("new", str(since)))) if since else 0
                ctx.partial((report, ix.tree_counts(), ix.folders(), new, ix.pending_text()))
                return ix.build_fulltext(progress=ctx.progress, cancel=ctx.cancelled)

        self._running = True  # before run(): a synchronous runner finishes inside it
        self._task = self.runner.run(work, done=self._on_done, failed=self._on_failed,
                                     progress=self._on_progress, partial=self._on_metadata)

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

    def _on_metadata(self, result: tuple[object, object]) -> None:
        if result[0] == "waiting":
            self.waiting.emit(str(result[1]))
            return
        report, self.counts, self.folder_set, self.new_count, pending = result  # type: ignore[assignment,misc]
        self.unindexed = pending
        assert isinstance(report, ScanReport)
        self.report = report
        if self.index is None:
            self.index = Index(self.root, self.cache_dir)
            self.index.attach_state(str(self.state.file), self.state.archive)
        (self.refreshed if self._live else self.metadata_ready).emit(report)

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

    def snippet(self, post_id: int, query: Query) -> str:
        if self.index is None or not query.terms:
            return ""
        return make_snippet(self.index.text(post_id), query.terms)[0]

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
        if not changed:
            return []
        self.state.set_read([r.key for r in changed], read)
        self._check_state()
        for r in changed:
            (self._read.add if read else self._read.discard)(r.key)
        self.read_changed.emit([r.id for r in changed], read)
        return changed

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
