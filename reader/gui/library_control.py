"""The library in the window: opening it, adding, renaming, reordering, removing and locating archives.

A part the main window composes (`window.library`).  It owns the
`LibrarySession` (every archive of the reader's library, one list) and what
the window shows while it is read: the status bar's progress, the list's
first appearance, the post the reader was reading (restored where they left
it), and the keys pressed before the list was there.  The Library menu (what
"Open Recent" was) lists the archives and the commands on the archive
selected in the tree.  It imports no window: it is given the panes, the parts
and the status bar's widgets.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QFileDialog, QInputDialog, QMenu, QMessageBox, QWidget

from reader.core.discover import archive_root
from reader.core.gitlibrary import delete_download, download_size, is_download
from reader.core.index import ScanReport
from reader.core.library import Library, LibraryError
from reader.core.queries import Scope
from reader.core.sources import open_source

from .library_session import LibrarySession
from .library_state import SEP
from .list_model import Column
from .tree_model import Node, TreeRole

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QProgressBar

    from .listing import PostListing
    from .live import LiveRefresh
    from .moved import MovedArchives
    from .panes import ArticlePane, ListPane, TreePane
    from .reading import ReadingCommands
    from .scope_control import ScopeControl
    from .settings import Settings
    from .tasks import Runner

__all__ = ["LibraryControl", "TREE_EVERY_S"]

TREE_EVERY_S = 3.0  # while an archive is first read, the tree is counted again at most this often
_UNNAMED = re.compile(r"\s*[“「\"]%1[”」\"]\s*")  # a command's archive name, with its quotes (no archive chosen)
CATCH_UP_MS = 400  # while a library's archives are opened one by one, the list grows at most this often


class LibraryControl(QObject):
    session_started = Signal()  # a library was opened (its archives are being listed)

    def __init__(self, window: QWidget, settings: Settings, runner: Runner, panes: tuple[TreePane, ListPane, ArticlePane],
                 status: tuple[QLabel, QLabel, QProgressBar], parts: tuple[ScopeControl, ReadingCommands,
                                                                           PostListing, LiveRefresh],
                 moved: MovedArchives, show_message: Callable[[str, int], None]) -> None:
        """`window`: parents the dialogs and carries the title; `status`: the archive's name, the
        indexing phase and its progress bar in the status bar."""
        super().__init__(window)
        self.window = window
        self.settings, self.runner = settings, runner
        self.tree_pane, self.list_pane, self.article_pane = panes
        self.status_archive, self.status_index, self.status_progress = status
        self.scopes, self.reading, self.listing, self.live = parts
        self.moved = moved
        self._show_message = show_message
        self.library: Library | None = None
        self.session: LibrarySession | None = None
        self.menu = QMenu(self.tr("&Library"), window)
        self.menu.aboutToShow.connect(self._fill_menu)
        self._pending_post: str | None = None
        self._open_scope: Scope | None = None  # the archive just opened: listed once its posts are there
        self._open_unless_moved = False  # `_open_scope` is the entry of the last quit: not if the reader chose
        self._restoring = False  # the post open at the last quit is still to be shown (it may not be read yet)
        self._restore_from = ""  # the archive whose last read post that is ('' for the library's)
        self._list_shown = False  # the list is there (the first archive's first posts, at least)
        self._pending_keys: list[Callable[[], object]] = []  # moves asked for before the list was there
        # While the text is being indexed, a search runs again every so often: its results grow.
        self._partial_search = QTimer(self)
        self._partial_search.setSingleShot(True)
        self._partial_search.setInterval(1500)
        self._partial_search.timeout.connect(lambda: self.listing.reload())
        # A library opening archive after archive: the list and the tree catch up at most this often.
        self._catch_up = QTimer(self)
        self._catch_up.setSingleShot(True)
        self._catch_up.setInterval(CATCH_UP_MS)
        self._catch_up.timeout.connect(self._grow)
        self.tree_pane.view.selectionModel().currentChanged.connect(
            lambda current, _previous: self._show_name(current.data(TreeRole.SCOPE)))

    # --- opening -------------------------------------------------------------------------------

    def open_library(self, requested: str | None, fallback: Path) -> bool:
        """At start-up: the reader's library (the archive `requested` added to it and shown); an
        empty library opens `fallback` (the guide).  A first start with the library after
        single-archive days: the archives of Open Recent make the library."""
        library = self._library()
        if not library.initialised:
            for root in reversed(self.settings.ui.recent):  # the most recent ends up first in the list
                try:
                    library.add(root)
                except LibraryError:
                    pass  # gone since: nothing to list (its marks stay in the marks file)
            library.mark_initialised()
            archives = library.archives()
            for n, archive in enumerate(sorted(archives, key=lambda a: self._recent_rank(a.path))):
                library.move(archive.id, n)
        if requested:
            return self.open_path(requested)
        if not library.archives():
            return self.open_path(fallback)
        self._restoring, self._restore_from = True, ""
        self._start_session()
        return True

    def _recent_rank(self, path: str) -> int:
        recent = [os.path.realpath(r) for r in self.settings.ui.recent]
        return recent.index(path) if path in recent else len(recent)

    def _library(self) -> Library:
        if self.library is None:
            self.library = Library()
        return self.library

    def open_path(self, path: str | os.PathLike[str], adopt: str | None = None) -> bool:
        """Add an archive root, a posts folder, or a post file's archive to the library and show it
        (with the post).  An unreadable or empty folder gets a message and nothing changes; an
        archive the reader had there before, now gone, is offered to be located (`adopt`: the
        known archive the folder is, so that its marks come along)."""
        target = Path(path).expanduser()
        if not target.exists():
            if self.moved.offer(target):
                return False
            return self._refuse(self.tr("“%1” does not exist.").replace("%1", str(target)))
        root, post = archive_root(target)
        try:
            os.listdir(root)
        except OSError as exc:
            return self._refuse(self.tr("“%1” cannot be read: %2").replace("%1", str(root))
                                .replace("%2", exc.strerror or str(exc)))
        if not open_source(root).has_posts():
            return self._refuse(self.tr("No posts were found in “%1”. Open a Jekyll site, its _posts "
                                        "folder, or a folder of posts.").replace("%1", str(root)))
        library = self._library()
        try:
            if adopt and library.get(adopt) is not None:
                archive, moved = library.relocate(adopt, root), True
            else:
                if adopt:  # a known archive not in the library (a data dir of single-archive days)
                    library.store.identify(root, adopt=adopt)
                before = {a.id: a.path for a in library.archives()}
                archive = library.add(root)
                # the same archive somewhere else now (a git download of a folder clone's origin): read it there
                moved = archive.id in before and before[archive.id] != archive.path
        except LibraryError as exc:
            return self._refuse(str(exc))
        library.touch(archive.id)  # what the reader opens now is indexed first
        self.settings.ui.add_recent(str(root))
        self._pending_post = f"{archive.id}{SEP}{post}" if post else None
        self._restoring, self._restore_from = True, archive.id  # that post, or the one last read there
        self._open_scope = Scope("all", "", archive.id) if len(library.archives()) > 1 else Scope("all")
        if self.session is None:
            self._start_session()
        else:
            self.session.include(archive, moved)
            if self._list_shown and self.session.index.index_of(archive.id) is not None:  # listed already
                self._show_opened()
                if self._pending_post:
                    self._restore_reading(final=True)
        if self.session is not None:
            self.session.focus = archive.id
        return True

    def _refuse(self, message: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Cannot open folder"), message,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("open-refused")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not modal-blocking: the window (and tests) go on
        return False

    def _start_session(self) -> None:
        self._list_shown = False
        self._pending_keys.clear()
        self.listing.forget()
        session = self.session = LibrarySession(self._library(), self.runner, self.settings.ui.swap_opened_at, self)
        session.metadata_ready.connect(self._on_metadata_ready)
        session.progress.connect(self._on_progress)
        session.fulltext_ready.connect(self._on_fulltext_ready)
        session.failed.connect(self._on_failed)
        session.read_changed.connect(self.reading.on_read_changed)
        session.tree_delta.connect(self.reading.on_tree_delta)
        session.star_changed.connect(self.reading.on_star_changed)
        session.refreshed.connect(self.live.on_refreshed)
        session.waiting.connect(self._on_waiting)
        session.state_recovered.connect(self._on_state_recovered)
        session.archives_changed.connect(self._on_archives_changed)
        session.duplicates_found.connect(lambda: self.listing.reload() if self._list_shown else None)
        model = self.list_pane.model
        model.set_source(session)
        model.archive_name = session.archive_name
        self.article_pane.view.link_resolver = session.resolve_link
        self._show_name()
        self.status_index.setText(self.tr("Reading posts…"))
        self.list_pane.search.setEnabled(False)  # until the list is there
        self.list_pane.set_empty_text(self.tr("Reading posts…"))
        self.show_welcome()
        session.start()
        session.check_state()
        self.session_started.emit()

    def _show_name(self, scope: Scope | None = None) -> None:
        """The window's title: the archive listed (its entry in the tree), else the library's."""
        session = self.session
        archive = (scope or self.scopes.current()).archive if session is not None else ""
        name = (session.archive_name(archive) or session.name) if session is not None else ""
        self.window.setWindowTitle(f"{name} — Lectern" if name else "Lectern")
        self.status_archive.setText(name)
        several = session is not None and session.several
        self.list_pane.view.setColumnHidden(Column.ARCHIVE, not several)

    def close(self) -> None:
        if self.session is None:
            return
        self.reading.remember_position()
        self.live.status_new.hide()
        self.session.close()
        self.session.deleteLater()
        self.session = None
        self.reading.history.clear()
        self.article_pane.view.clear_article()
        self.list_pane.model.set_source(None)
        self.tree_pane.model.set_root(Node("", None))
        if self.library is not None:
            self.library.close()
            self.library = None

    def cancel(self) -> None:
        if self.session is not None:
            self.session.cancel()

    # --- the list appears, grows, and the reader's place comes back ---------------------------------

    def _on_metadata_ready(self, report: ScanReport) -> None:
        """An archive's posts can be listed: once when it opens from its cache, or, the first time it
        is read, again and again as its posts are read (newest first)."""
        session = self.session
        assert session is not None
        if not self._list_shown:
            self._list_shown = True
            self.list_pane.search.setEnabled(True)  # over the posts indexed so far, newest first
            self.scopes.refresh_tree()
            if not self._show_opened():
                kind, value = self.settings.ui.tree_selection
                wanted = Scope(kind, value, self.settings.ui.tree_archive if session.several else "")
                if not self.scopes.select_scope(wanted):
                    self.scopes.select_scope(Scope("all"))
                    if session.opening:  # an archive's entries come with its counts: selected then
                        self._open_scope, self._open_unless_moved = wanted, True
        elif session.opening:  # more archives to come: the list catches up now and then, if it must
            if (report.added or report.changed or report.removed or report.moved or report.cache != "warm") \
                    and not self._catch_up.isActive():
                self._catch_up.start()
        else:
            self._catch_up.stop()
            self._grow()
        self._show_name()
        self.live.after_scan(report)
        if self._restoring and (self._pending_post or self.reading.current_row() is None):
            self._restore_reading(final=not session.loading)
        if not session.loading and not self._pending_post:
            self._restoring = False
        if self.reading.current_row() is None:
            self.show_welcome()
        keys, self._pending_keys = self._pending_keys, []
        for key in keys:  # what the reader pressed before the list was there
            key()

    def _grow(self) -> None:
        """More posts: the list grows, the reader's place stays.  (A library being opened archive by
        archive counts its tree once, at the end: thirty archives' entries take 0.1 s to build.)"""
        session = self.session
        if session is None:
            return
        if self._open_scope is not None and self._open_unless_moved and self.scopes.current() != Scope("all"):
            self._open_scope = None  # the reader chose an entry meanwhile
        self._open_unless_moved = False
        before = self.scopes.current()
        if self._open_scope is not None and self._show_opened():  # counted and listed (its entry is new)
            if self.scopes.current() != before:
                return
        elif not session.opening and (not session.loading
                                      or time.monotonic() >= self.scopes.tree_counted + TREE_EVERY_S):
            self.scopes.recount_tree()  # not every time: 1,600 entries are a GUI-thread pause
        self.listing.reload()

    def _show_opened(self) -> bool:
        """List the archive just opened (once the tree has its entry)."""
        scope = self._open_scope
        if scope is None:
            return False
        self.scopes.recount_tree()
        if self.scopes.select_scope(scope):
            self._open_scope = None
            return True
        return False

    def _restore_reading(self, final: bool) -> None:
        """Show the post file the reader opened, or the post open at the last quit, where it was read
        to (by key: it may have moved since); while posts are still being read, once it is there."""
        session = self.session
        assert session is not None
        if self._pending_post:
            if session.row_by_path(self._pending_post) is not None or final:
                self.reading.open_post_path(self._pending_post)
                self._pending_post, self._restoring = None, False
            return
        last = session.state.last_opened(self._restore_from)
        row = session.row_by_key(last) if last else None
        if row is not None:
            self.reading.pending_scroll = session.state.scroll(row.key)
            self.reading.open_post_key(row.key, restoring=True)
            self._restoring = False

    def show_welcome(self) -> None:
        """What the library holds, what is new, and the keys to start: in the article pane while no
        post is open (nothing is opened nor marked read by it)."""
        from .welcome import welcome_html

        if self.session is not None:
            self.article_pane.view.show_page(welcome_html(self.session))

    def defer_until_listed(self, command: Callable[[], object]) -> bool:
        """A move pressed while the first posts are still being read: done once they are (True),
        rather than lost."""
        if self.session is not None and not self._list_shown:
            self._pending_keys.append(command)
            return True
        return False

    # --- indexing in the status bar ---------------------------------------------------------------

    def _on_progress(self, phase: str, done: int, total: int) -> None:
        self.status_progress.setVisible(True)
        self.status_progress.setMaximum(max(1, total))
        self.status_progress.setValue(done)
        if phase == "metadata":
            self.status_index.setText(self.tr("Reading posts: %1 of %2").replace("%1", f"{done:,}")
                                      .replace("%2", f"{total:,}"))
        else:
            self.status_index.setText(self.tr("Indexing text for search: %1 of %2").replace("%1", f"{done:,}")
                                      .replace("%2", f"{total:,}"))
            if self.listing.query_text.strip() and not self._partial_search.isActive():
                self._partial_search.start()  # the results grow as the text is indexed

    def _on_fulltext_ready(self) -> None:
        self._partial_search.stop()
        if self.listing.query_text.strip():
            self.listing.reload()  # all the text is indexed now: the search sees every post
        self.status_progress.hide()
        self.status_index.setText(self.tr("Search ready"))
        self.list_pane.search.setEnabled(True)
        self.list_pane.search.setPlaceholderText(self.tr("Search (/)"))

    def _on_waiting(self, _phase: str) -> None:
        self.status_index.setText(self.tr("Another Lectern window is indexing this archive; waiting for it…"))

    def _on_state_recovered(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Reading marks file damaged"),
                          self.tr("Lectern found its file of read and starred posts damaged and started a new "
                                  "one. Nothing was deleted."), QMessageBox.StandardButton.Ok, self.window)
        box.setInformativeText(message)
        box.setObjectName("state-recovered")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self._show_message(message, 15000)

    def _on_failed(self, message: str) -> None:
        self.status_progress.hide()
        self.status_index.setText(self.tr("Indexing failed: %1").replace("%1", message))

    def rescan(self) -> None:
        if self.session is not None:
            self.status_index.setText(self.tr("Rescanning…"))
            self.session.start()

    def open_folder_dialog(self) -> None:
        start = str(self.session.root) if self.session else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Add Archive Folder"), start)
        if folder:
            self.open_path(folder)

    # --- the library's archives ---------------------------------------------------------------------

    def current_archive(self) -> str | None:
        """The archive the reader is on: the one selected in the tree, else the shown post's, else
        the only one."""
        session = self.session
        if session is None:
            return None
        scope = self.scopes.current()
        if scope.archive:
            return scope.archive
        row = self.reading.current_row()
        if row is not None and row.archive:
            return row.archive
        archives = session.archives
        return archives[0].id if len(archives) == 1 else None

    def select_archive(self, archive_id: str) -> None:
        session = self.session
        if session is not None:
            self.scopes.select_scope(Scope("all", "", archive_id) if session.several else Scope("all"))

    def rename_archive(self, archive_id: str, name: str) -> None:
        if self.session is None:
            return
        try:
            self.session.rename(archive_id, name)
        except LibraryError as exc:
            self._refuse(str(exc))

    def remove_archive(self, archive_id: str, forget: bool = False) -> None:
        """Take an archive out of the library (its marks kept unless `forget`); a download Lectern
        made of a git archive is deleted with it (its address downloads it again)."""
        session = self.session
        if session is None:
            return
        archive = session.index.archive(archive_id)
        shown = self.reading.current_row()
        if shown is not None and shown.archive == archive_id:
            self.reading.forget_shown()
            self.article_pane.view.clear_article()
        if self.scopes.current().archive == archive_id:
            self.scopes.scope = Scope("all")
        session.remove(archive_id, forget)
        if archive is not None and archive.kind == "git":
            delete_download(archive)

    def move_archive(self, archive_id: str, step: int) -> None:
        session = self.session
        if session is None:
            return
        ids = [a.id for a in session.archives]
        if archive_id in ids:
            session.move(archive_id, max(0, ids.index(archive_id) + step))

    def locate_archive(self, archive_id: str) -> None:
        session = self.session
        archive = session.index.archive(archive_id) if session is not None else None
        if archive is None:
            return
        start = os.path.dirname(archive.path) or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Where is “%1” now?").replace(
            "%1", archive.name), start)
        if folder:
            self.open_path(folder, adopt=archive_id)

    def _on_archives_changed(self) -> None:
        self._show_name()
        if self._list_shown:
            scope = self.scopes.current()
            self.scopes.refresh_tree()
            if not self.scopes.select_scope(scope):
                self.scopes.select_scope(Scope("all"))
            self.listing.reload()

    def retranslate_ui(self) -> None:
        self.menu.setTitle(self.tr("&Library"))
        self._show_name()

    # --- the Library menu --------------------------------------------------------------------------

    def _fill_menu(self) -> None:
        menu = self.menu
        menu.clear()
        session = self.session
        archives = session.archives if session is not None else []
        for archive in archives:
            missing = session.missing.get(archive.id) if session is not None else None
            text = archive.name if missing is None else self.tr("%1 (unavailable)").replace("%1", archive.name)
            action = menu.addAction(text.replace("&", "&&"))
            action.triggered.connect(lambda _c=False, i=archive.id, m=missing: self.locate_archive(i) if m
                                     else self.select_archive(i))
        if not archives:
            menu.addAction(self.tr("(none)")).setEnabled(False)
        menu.addSeparator()
        current = self.current_archive()
        name = session.archive_name(current) if session is not None and current else ""
        commands = (
            (self.tr("&Rename “%1”…"), lambda: self._rename_dialog(current)),
            (self.tr("Move “%1” &Up"), lambda: self.move_archive(current, -1)),
            (self.tr("Move “%1” &Down"), lambda: self.move_archive(current, 1)),
            (self.tr("Locate “%1”…"), lambda: self.locate_archive(current)),
            (self.tr("Re&move “%1” from the Library…"), lambda: self._remove_dialog(current)),
        )
        for text, run in commands:
            action = menu.addAction(text.replace("%1", name.replace("&", "&&")) if name else
                                    _UNNAMED.sub(" ", text).strip().replace(" …", "…").replace(" (&", "(&"))
            action.setEnabled(bool(current))
            action.triggered.connect(lambda _c=False, r=run: r())

    def _rename_dialog(self, archive_id: str | None) -> None:
        session = self.session
        if session is None or not archive_id:
            return
        name, ok = QInputDialog.getText(self.window, self.tr("Rename Archive"), self.tr("Name:"),
                                        text=session.archive_name(archive_id))
        if ok:
            self.rename_archive(archive_id, name)

    def _remove_dialog(self, archive_id: str | None) -> None:
        session = self.session
        if session is None or not archive_id:
            return
        archive = session.index.archive(archive_id)
        if archive is not None and is_download(archive):
            text = self.tr("Remove “%1” from the library? Its download (%2 MB) is deleted; adding its address "
                           "again downloads it anew.").replace("%2", f"{download_size(archive) / 1048576:.1f}")
        else:
            text = self.tr("Remove “%1” from the library? Its folder is not touched.")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove Archive"),
                          text.replace("%1", session.archive_name(archive_id)),
                          QMessageBox.StandardButton.Cancel, self.window)
        box.setObjectName("remove-archive")
        forget = QCheckBox(self.tr("Also forget its read and starred posts"), box)
        box.setCheckBox(forget)
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.remove_archive(archive_id, forget.isChecked())
                                  if button is remove else None)
        box.open()
