"""Every archive of the reader's library in one window: one list, one search, one set of counts.

`LibrarySession` is what the window reads (the same signals and questions an
`ArchiveSession` answers, so the panes need not know how many archives there
are).  It composes one `ArchiveSession` per archive (its index, its marks, its
background indexing: one archive at a time, most recently read first; the list
shows each archive as soon as its posts are read) and one `ArchiveWatcher` per
archive (live refresh), and merges their answers through
`reader.core.libindex.LibraryIndex`.

Posts are named by library ids (``slot << 32 | id``), and rows carry a
*library key* (``ARCHIVE-ID \\x1f POST-KEY``) so that read/starred marks, the
history and "where was I" stay unambiguous across archives.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader.core.index import ScanReport
from reader.core.libindex import LibraryIndex, find_duplicates, lib_id, merge_counts, split_id
from reader.core.library import Library, LibraryArchive
from reader.core.posts import Problem
from reader.core.queries import Row, Scope, TreeCounts, make_snippet
from reader.core.search import Query, parse_query

from .library_state import SEP, LibraryState, split_key
from .session import ArchiveSession
from .tasks import Runner
from .tree_model import Node, build_library_tree, build_tree
from .watcher import ArchiveWatcher

__all__ = ["LibrarySession", "SEP", "split_key"]

class LibrarySession(QObject):
    """Signals arrive on the GUI thread; they mean what `ArchiveSession`'s do, in library ids."""

    metadata_ready = Signal(object)
    refreshed = Signal(object)
    progress = Signal(str, int, int)
    fulltext_ready = Signal()
    failed = Signal(str)
    waiting = Signal(str)
    state_recovered = Signal(str)
    read_changed = Signal(list, bool)
    tree_delta = Signal(object, int)
    star_changed = Signal(object, bool)  # library id (64 bits), starred
    archives_changed = Signal()  # added, removed, renamed, reordered: the tree is built again
    duplicates_found = Signal()  # articles kept by several archives worked out again: the list is reloaded

    def __init__(self, library: Library, runner: Runner, new_since: Callable[[str, int], int],
                 parent: QObject | None = None) -> None:
        """`new_since(path, now_ns)`: when the archive at `path` was opened before (and remember now)."""
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self._new_since = new_since
        self.members: dict[str, ArchiveSession] = {}
        self.watchers: dict[str, ArchiveWatcher] = {}
        self.missing: dict[str, str] = {}  # archive id -> why it cannot be read now
        self.alerts: dict[str, str] = {}  # archive id -> why its last update failed (it is readable as it was)
        self.index = LibraryIndex()
        self.index.background_duplicates = True  # ~0.2 s for 150,000 posts: never on the GUI thread
        self._dups_running = False
        self._dups_again = False
        self._dups_stale = True  # archives changed since the copies were last worked out
        self.state = LibraryState(self)
        self.report: ScanReport | None = None
        self.focus: str = ""  # the archive of the post shown (plain paths are looked up there first)
        self._queue: list[str] = []  # archives waiting to be indexed, next first
        self._indexing: str | None = None
        self._reported_recovery: str | None = None
        for archive in library.archives():
            self._add_member(archive)

    # --- what the window shows --------------------------------------------------------------

    @property
    def archives(self) -> list[LibraryArchive]:
        return self.index.archives

    @property
    def several(self) -> bool:
        """More than one archive: the tree groups by archive and the list shows an Archive column."""
        return len(self.index.archives) > 1

    @property
    def name(self) -> str:
        archives = self.index.archives
        if len(archives) == 1:
            return archives[0].name
        return self.tr("Library")

    @property
    def root(self) -> Path:
        member = self.members.get(self.focus) or next(iter(self.members.values()), None)
        return member.root if member is not None else Path.home()

    def root_of(self, row: Row) -> Path:
        member = self.members.get(row.archive)
        return member.root if member is not None else self.root

    def archive_name(self, archive_id: str) -> str:
        archive = self.index.archive(archive_id)
        return archive.name if archive else ""

    @property
    def loading(self) -> bool:
        return any(m.loading for m in self.members.values())

    @property
    def searchable(self) -> bool:
        return all(m.searchable for m in self.members.values())

    @property
    def unindexed(self) -> int:
        return sum(m.unindexed for m in self.members.values())

    @property
    def new_count(self) -> int:
        return sum(m.new_count for m in self.members.values())

    @property
    def new_since_ns(self) -> int:
        """The single archive's (one archive open), else 0: each archive has its own."""
        members = list(self.members.values())
        return members[0].new_since_ns if len(members) == 1 else 0

    def new_scope(self) -> Scope:
        """The tree's "New since last open": one archive's since its last open, or each archive's."""
        return Scope("new") if self.several else Scope("new", str(self.new_since_ns))

    def in_archive(self, scope: Scope, archive_id: str) -> Scope:
        """A tag, category, author, month or location of the post shown (a link in its header): the
        entry of its archive when the tree has one per archive."""
        if self.several and not scope.archive and scope.kind not in ("all", "unread", "starred", "new"):
            return Scope(scope.kind, scope.value, archive_id or self.focus)
        return scope

    @property
    def counts(self) -> TreeCounts | None:
        parts = [m.counts for m in self.members.values() if m.counts is not None]
        return merge_counts(parts) if parts else None

    @property
    def opening(self) -> bool:
        """Archives are still waiting for their turn to be read (start-up, a rescan)."""
        return bool(self._queue)

    @property
    def busy(self) -> bool:
        return any(m.busy for m in self.members.values())

    # --- members ---------------------------------------------------------------------------

    def _add_member(self, archive: LibraryArchive) -> None:
        self.index.add(archive)
        why = archive.missing
        if why is not None:
            self.missing[archive.id] = why
            return
        self.missing.pop(archive.id, None)
        member = ArchiveSession(Path(archive.path), self.runner, self, adopt=archive.id,
                                state=self.library.store.for_archive(archive.id, archive.path))
        self.members[archive.id] = member
        now = time.time_ns()
        member.new_since_ns = self._new_since(archive.path, now) or now
        self.index.set_new_since(archive.id, member.new_since_ns)
        ident = archive.id
        member.metadata_ready.connect(lambda report, i=ident: self._on_metadata(i, report, live=False))
        member.refreshed.connect(lambda report, i=ident: self._on_metadata(i, report, live=True))
        member.progress.connect(self.progress)
        member.fulltext_ready.connect(lambda i=ident: self._on_member_done(i))
        member.failed.connect(lambda message, i=ident: self._on_member_failed(i, message))
        member.waiting.connect(self.waiting)
        member.state_recovered.connect(self._on_state_recovered)
        member.read_changed.connect(lambda ids, read, i=ident: self.read_changed.emit(self._lib_ids(i, ids), read))
        member.tree_delta.connect(lambda counts, delta, i=ident: self.tree_delta.emit(self._lib_scopes(i, counts),
                                                                                      delta))
        member.star_changed.connect(lambda pid, on, i=ident: self.star_changed.emit(self._lib_ids(i, [pid])[0], on))
        watcher = ArchiveWatcher(Path(archive.path), parent=self)
        watcher.changed.connect(member.refresh)
        self.watchers[ident] = watcher

    def start(self) -> None:
        """Index every archive in the background, one at a time, most recently read first; the
        archives indexed before are listed at once, as they were left (their refresh follows)."""
        order = [a.id for a in self.library.indexing_order() if a.id in self.members]
        if not self._busy_indexing():  # stopped (cancelled) or gone: start again
            self._indexing = None
        self._queue = [i for i in order if i != self._indexing]  # (`opening` while they wait)
        if not self.report and self.several and self._open_cached():  # (one archive: its refresh is quick)
            self.report = self._merged_report(next(m.report for m in self.members.values() if m.report))
            self._find_duplicates()  # over the archives as they were left: the refreshes rarely change them
            self.metadata_ready.emit(self.report)
        if self._indexing is None:
            self._next()

    def _open_cached(self) -> bool:
        opened = False
        for ident, member in self.members.items():
            if member.index is None and member.open_cached():
                self.index.set_index(ident, member.index)
                opened = True
        return opened

    def _next(self) -> None:
        while self._queue:
            ident = self._queue.pop(0)
            member = self.members.get(ident)
            if member is not None:
                self._indexing = ident
                member.start()
                return
        self._indexing = None
        self.fulltext_ready.emit()

    def _on_member_done(self, ident: str) -> None:
        if ident == self._indexing:
            self._next()

    def _on_member_failed(self, ident: str, message: str) -> None:
        self.failed.emit(f"{self.archive_name(ident)}: {message}")
        if ident == self._indexing:
            self._next()

    def _on_metadata(self, ident: str, report: ScanReport, live: bool) -> None:
        member = self.members.get(ident)
        if member is None:  # removed (or relocated) while its scan was finishing
            return
        if self.index.index_of(ident) is None and member.index is not None:
            self.index.set_index(ident, member.index)
        self.index.set_new_since(ident, member.new_since_ns)
        self.watchers[ident].watch(member.folder_set)
        if report.added or report.changed or report.removed or report.moved or report.cache != "warm":
            self._dups_stale = True  # an archive's posts changed, or it is new to the list
        if not member.loading and not self._queue and self._dups_stale:  # once the opening is through
            self._find_duplicates()
        self.report = self._merged_report(report)
        (self.refreshed if live else self.metadata_ready).emit(self.report)

    def _find_duplicates(self) -> None:
        """Work out again which articles several archives keep, in the background (once more after,
        when asked while it runs)."""
        if self._dups_running:
            self._dups_again = True
            return
        self._dups_stale = False
        sources = self.index.duplicate_sources()
        if len(sources) < 2:
            self.index.set_duplicates(({}, {}))
            return
        self._dups_running = True
        cache = str(next(iter(self.members.values())).cache_dir)
        self.runner.run(lambda _ctx: find_duplicates(sources, cache), done=self._on_duplicates,
                        failed=lambda _message, _details: self._on_duplicates(None))

    def _on_duplicates(self, found: tuple[dict[int, int], dict[int, list[int]]] | None) -> None:
        self._dups_running = False
        if found is not None and self.members:
            self.index.set_duplicates(found)
            self.duplicates_found.emit()
        if self._dups_again:
            self._dups_again = False
            self._find_duplicates()

    def _merged_report(self, latest: ScanReport) -> ScanReport:
        """The library's counts, with what `latest` (one archive's scan) changed."""
        reports = [m.report for m in self.members.values() if m.report is not None]
        problems = tuple(p for i, m in self.members.items() if m.report is not None
                         for p in self._named_problems(i, m.report.problems))
        return replace(latest, posts=sum(r.posts for r in reports), problems=problems,
                       files=sum(r.files for r in reports), duplicates=sum(r.duplicates for r in reports))

    def _named_problems(self, ident: str, problems: Sequence[Problem]) -> list[Problem]:
        if not self.several:
            return list(problems)
        name = self.archive_name(ident)
        return [replace(p, path=f"{name}: {p.path}") for p in problems]

    def refresh(self) -> None:
        """Every archive picks up what changed on disk (its watcher does this by itself)."""
        for member in self.members.values():
            member.refresh()

    def cancel(self) -> None:
        self._queue.clear()
        for member in self.members.values():
            member.cancel()

    def close(self) -> None:
        self.cancel()
        for watcher in self.watchers.values():
            watcher.stop()
        for member in self.members.values():
            member.close()
        self.members.clear()
        self.watchers.clear()

    def check_state(self) -> None:
        """Say so when the marks file was found damaged (by the library, opened first, or since)."""
        self._reported_recovery = None
        if self.library.store.recovered_message:
            self._on_state_recovered(self.library.store.recovered_message)
        for member in self.members.values():
            member.check_state()

    def _on_state_recovered(self, message: str) -> None:
        if message != self._reported_recovery:  # one marks file for every archive: said once
            self._reported_recovery = message
            self.state_recovered.emit(message)

    # --- changing the library -------------------------------------------------------------------

    def add(self, path: str | os.PathLike[str], name: str | None = None) -> LibraryArchive:
        """Add an archive (LibraryError when it cannot be); it is indexed next."""
        archive = self.library.add(path, name)
        self.include(archive)
        return archive

    def include(self, archive: LibraryArchive, moved: bool = False) -> None:
        """An archive the library holds (just added, or `moved`: relocated) is shown, indexed next."""
        old = self.members.pop(archive.id, None) if moved else None
        if old is not None:
            old.close()
            self.watchers.pop(archive.id).stop()
            self.index.set_index(archive.id, None)
        if archive.id in self.members:
            self.index.add(archive)  # its name or place
        else:
            self._add_member(archive)
            if archive.id in self.members:
                self._queue = [archive.id, *(i for i in self._queue if i != archive.id)]
                if not self._busy_indexing():
                    self._next()
        self.archives_changed.emit()

    def _busy_indexing(self) -> bool:
        member = self.members.get(self._indexing or "")
        return member is not None and member.busy

    def remove(self, archive_id: str, forget: bool = False) -> None:
        member = self.members.pop(archive_id, None)
        if member is not None:
            member.close()
        watcher = self.watchers.pop(archive_id, None)
        if watcher is not None:
            watcher.stop()
        self.index.remove(archive_id)
        self.missing.pop(archive_id, None)
        self._queue = [i for i in self._queue if i != archive_id]
        self.library.remove(archive_id, forget)
        self._find_duplicates()
        if self._indexing == archive_id:
            self._next()
        self.archives_changed.emit()

    def rename(self, archive_id: str, name: str) -> None:
        self.index.add(self.library.rename(archive_id, name))
        self.archives_changed.emit()

    def move(self, archive_id: str, position: int) -> None:
        self.library.move(archive_id, position)
        for archive in self.library.archives():
            self.index.add(archive)
        self.archives_changed.emit()

    def relocate(self, archive_id: str, path: str | os.PathLike[str]) -> None:
        self.include(self.library.relocate(archive_id, path), moved=True)

    # --- reading the index ------------------------------------------------------------------

    def _lib_ids(self, ident: str, ids: Sequence[int]) -> list[int]:
        slot = self.index.slot_of(ident)
        return [lib_id(slot, i) for i in ids] if slot is not None else []

    def _lib_scopes(self, ident: str, counts: dict[Scope, int]) -> dict[Scope, int]:
        if not self.several:
            return counts
        out: dict[Scope, int] = {}
        for scope, n in counts.items():
            if scope.kind == "unread":
                continue  # the library's Unread: from "all" below
            if scope.kind == "new":
                out[Scope("new")] = n
                continue
            out[Scope(scope.kind, scope.value, ident)] = n
        every = counts.get(Scope("all"), 0)
        out[Scope("all")] = out[Scope("unread")] = every
        return out

    def _member_row(self, ident: str, row: Row | None) -> Row | None:
        if row is None:
            return None
        slot = self.index.slot_of(ident)
        if slot is None:
            return None
        return self._with_keys([replace(row, id=lib_id(slot, row.id), archive=ident)])[0]

    def _with_keys(self, rows: list[Row]) -> list[Row]:
        """Rows as the window shows them: library keys, and (several archives) where each is kept."""
        if not self.several:
            return [replace(r, key=f"{r.archive}{SEP}{r.key}") for r in rows]
        names = {a.id: a.name for a in self.index.archives}
        return [replace(r, key=f"{r.archive}{SEP}{r.key}", archive_name=names.get(r.archive, ""),
                        also_in=tuple(a.name for a in self.index.also_in(r.id))) for r in rows]

    def query_ids(self, query: Query | str, scope: Scope, sort: str | None) -> list[int]:
        return self.index.query_ids(query, scope, sort)

    def query_first(self, query: Query, scope: Scope, sort: str | None) -> tuple[list[int], bool]:
        """A search's first results (and whether they are all): `LibraryIndex.query_first`."""
        return self.index.query_first(query, scope, sort)

    def query_rest(self, query: Query, scope: Scope, sort: str | None, done: Callable[[list[int]], None]) -> None:
        """The whole list of a search, worked out in the background (its own connections), to `done`."""
        spec = self.index.spec()
        state = str(self.library.store.file)
        cache = str(next(iter(self.members.values())).cache_dir) if self.members else None

        def work(_ctx: object) -> list[int]:
            view = LibraryIndex.from_spec(spec, cache, state)
            try:
                return view.query_ids(query, scope, sort)
            finally:
                view.close()

        self.runner.run(work, done=done)

    def rows(self, ids: Sequence[int]) -> list[Row]:
        return self._with_keys(self.index.rows(ids))

    def row_by_key(self, library_key: str) -> Row | None:
        ident, key = split_key(library_key)
        if not key:  # a bare key (a link, an older place): the archive in focus
            ident, key = self.focus, ident
        member = self.members.get(ident)
        return self._member_row(ident, member.row_by_key(key)) if member else None

    def _where(self, path: str) -> tuple[list[str], str]:
        """The archives to look for `path` in (its own if it names one, else the one in focus first)."""
        if SEP in path:
            ident, _, rest = path.partition(SEP)
            return [ident], rest
        return sorted(self.members, key=lambda i: i != self.focus), path

    def row_by_path(self, path: str) -> Row | None:
        idents, rest = self._where(path)
        for ident in idents:
            member = self.members.get(ident)
            row = self._member_row(ident, member.row_by_path(rest)) if member else None
            if row is not None:
                return row
        return None

    def file_location(self, path: str) -> str | None:
        idents, rest = self._where(path)
        for ident in idents:
            member = self.members.get(ident)
            found = member.file_location(rest) if member else None
            if found is not None:
                return found
        return None

    def resolve_link(self, url: str) -> str | None:
        """A link to another post of the library: a path `row_by_path` finds."""
        for ident in sorted(self.members, key=lambda i: i != self.focus):
            found = self.members[ident].resolve_link(url)
            if found is not None:
                return f"{ident}{SEP}{found}"
        return None

    def problems(self) -> list[Problem]:
        return [p for i, m in self.members.items() for p in self._named_problems(i, m.problems())]

    def snippet(self, post_id: int, query: Query) -> tuple[str, tuple[tuple[int, int], ...]]:
        if not query.terms:
            return "", ()
        return make_snippet(self.index.text(post_id), query.terms)

    def tree_counts(self) -> TreeCounts:
        counts = self.counts
        assert counts is not None
        return counts

    def tree(self, new: tuple[int, int]) -> Node:
        """The tree: one archive's as it always was; several archives' under Unread/Starred/All."""
        if not self.several:
            return build_tree(self.tree_counts(), new=new)
        parts = []
        for archive in self.index.archives:
            member = self.members.get(archive.id)
            counts = member.counts if member is not None else None
            parts.append((archive, counts, self.missing.get(archive.id)))
        return build_library_tree(parts, new=self.new_count, alerts=self.alerts)

    def also_in(self, row: Row) -> list[str]:
        """Names of the other archives keeping this article."""
        return [a.name for a in self.index.also_in(row.id)]

    def parse(self, text: str) -> Query:
        """The search box's query (QuerySyntaxError, said in the list, for an archive the library lacks)."""
        query = parse_query(text)
        self.index.members_for(query, Scope())
        return query

    # --- the reader's marks -------------------------------------------------------------------

    def is_read(self, library_key: str) -> bool:
        ident, key = split_key(library_key)
        member = self.members.get(ident)
        return member.is_read(key) if member else False

    def is_starred(self, library_key: str) -> bool:
        ident, key = split_key(library_key)
        member = self.members.get(ident)
        return member.is_starred(key) if member else False

    def _copies(self, ids: Sequence[int]) -> dict[str, list[int]]:
        """Local ids by archive, of these posts and every copy of them in other archives."""
        dup_of = self.index.duplicates()
        wanted = list(ids)
        if dup_of:
            extra = [c for i in ids if self.index.has_copies(i) for c in self.index.copies(i)]
            wanted = list(dict.fromkeys(wanted + extra))
        return self._by_archive(wanted)

    def _by_archive(self, ids: Sequence[int]) -> dict[str, list[int]]:
        """Local ids by archive (of those open) of these library ids."""
        out: dict[str, list[int]] = {}
        for library_id in ids:
            archive = self.index.archive_of(library_id)
            if archive is not None and archive.id in self.members:
                out.setdefault(archive.id, []).append(split_id(library_id)[1])
        return out

    def set_read(self, rows: Sequence[Row], read: bool) -> list[Row]:
        changed_ids = set(self.set_read_ids([r.id for r in rows], read))
        return [r for r in rows if r.id in changed_ids]

    def set_read_ids(self, ids: Sequence[int], read: bool) -> list[int]:
        """Mark posts (and their copies in other archives) read or unread; the library ids whose
        state changed."""
        changed: list[int] = []
        for ident, local in self._copies(ids).items():
            changed += self._lib_ids(ident, self.members[ident].set_read_ids(local, read))
        return changed

    def set_starred(self, row: Row, starred: bool) -> bool:
        done = False
        for ident, local in self._copies([row.id]).items():
            member = self.members[ident]
            for found in member.index.rows(local) if member.index else []:
                done = member.set_starred(found, starred) or done
        return done

    def scope_counts(self, ids: Sequence[int]) -> dict[Scope, int]:
        out: dict[Scope, int] = {}
        for ident, local in self._by_archive(ids).items():
            for scope, n in self._lib_scopes(ident, self.members[ident].scope_counts(local)).items():
                out[scope] = out.get(scope, 0) + n
        return out
