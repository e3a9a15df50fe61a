"""Live refresh: the archive changed on disk while open (a `git pull`, a checkout, a deleted folder).

A part the main window composes (`window.live`).  The `ArchiveWatcher` says
when (debounced); the session re-reads what changed in the background; here
the window catches up without losing the reader's place: the selection, the
list's scroll position, the search and the article stay, new posts arrive
unread and are counted in the status bar, and a deleted article says so.
It is given the status bar's labels, the article view, the open session and
(a callable; the library session watches its folders), the reading commands and the tree's scopes; it
imports no window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reader.core.index import ScanReport
from reader.core.queries import Scope

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from .article_view import ArticleView
    from .reading import ReadingCommands
    from .scope_control import ScopeControl
    from .session import ArchiveSession

__all__ = ["LiveRefresh"]


class LiveRefresh(QObject):
    def __init__(self, status_posts: QLabel, status_problems: QAbstractButton, status_new: QAbstractButton,
                 view: ArticleView, session: Callable[[], ArchiveSession | None],
                 reading: ReadingCommands, scopes: ScopeControl,
                 show_welcome: Callable[[], None], focus_list: Callable[[], None],
                 parent: QObject | None = None) -> None:
        """`status_*`: the status bar's counts; `show_welcome()` shows the archive's welcome page
        again; `focus_list()` puts the keyboard in the post list."""
        super().__init__(parent)
        self.status_posts, self.status_problems, self.status_new = status_posts, status_problems, status_new
        self.view = view
        self._session = session
        self.reading, self.scopes = reading, scopes
        self._show_welcome, self._focus_list = show_welcome, focus_list

    def after_scan(self, report: ScanReport) -> None:
        """Status bar and watched folders after the opening scan or a live refresh."""
        session = self._session()
        assert session is not None
        self.status_posts.setText(self.tr("%n posts", "", report.posts))
        problems = report.unreadable  # posts read leniently are shown: they are listed, not counted here
        self.status_problems.setText(self.tr("%n posts could not be read", "", problems))
        self.status_problems.setVisible(problems > 0)
        new = session.new_count
        self.status_new.setText(self.tr("%n new since last open", "", new))
        self.status_new.setVisible(new > 0)

    def on_refreshed(self, report: ScanReport) -> None:
        """Files changed on disk: update tree, list and status; keep the selection, the
        list's scroll position, the search and the article (said so if it was deleted)."""
        session = self._session()
        assert session is not None
        self.after_scan(report)
        if self.view.page_shown:
            self._show_welcome()  # what is new, counted again
        if not (report.added or report.changed or report.removed or report.moved):
            return
        scopes = self.scopes
        scope = scopes.current()
        scopes.refresh_tree()
        if not scopes.select_scope(scope):  # its tag or folder is gone (or nothing new is left)
            scopes.select_scope(Scope("all"))
        shown = self.reading.current_row()
        if shown is None:
            return
        now = session.row_by_key(shown.key)  # by key: a post moved to archived/ is the same post
        if now is None:
            self.view.show_message(
                self.tr("This post was deleted"),
                self.tr("“%1” is no longer in the archive (it was removed or renamed on disk).").replace(
                    "%1", shown.path))
            self.reading.forget_shown()
        elif shown.path != now.path and shown.path in now.also_at:
            pass  # the reader is reading another copy ("also at"), which is still there
        elif (now.digest, now.path, now.also_at) != (shown.digest, shown.path, shown.also_at):
            # Changed, or moved (the header says where it is now): shown again where the reader was,
            # as a reopening, not a new reading (its read mark is left as it is).
            self.reading.show_post(now, restoring=True, scroll=self.view.scroll_fraction())

    def show_new_posts(self) -> None:
        """List the unread posts that arrived since the previous open (the tree's "New since last
        open" entry), with none opened: the reader picks, or presses j."""
        session = self._session()
        if session is None:
            return
        self.scopes.select_scope(session.new_scope())
        self._focus_list()
