"""Live refresh: the archive changed on disk while open (a `git pull`, a checkout, a deleted folder).

A mixin of the main window.  The `ArchiveWatcher` says when (debounced); the
session re-reads what changed in the background; here the window catches
up without losing the reader's place: the selection, the list's scroll
position, the search and the article stay, new posts arrive unread and are
counted in the status bar, and a deleted article says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.index import ScanReport
from reader.core.queries import Scope

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["LiveRefreshMixin"]


class LiveRefreshMixin:
    def _after_scan(self: MainWindow, report: ScanReport) -> None:
        """Status bar and watched folders after the opening scan or a live refresh."""
        assert self.session is not None
        self.status_posts.setText(self.tr("%n posts", "", report.posts))
        problems = report.unreadable  # posts read leniently are shown: they are listed, not counted here
        self.status_problems.setText(self.tr("%n posts could not be read", "", problems))
        self.status_problems.setVisible(problems > 0)
        new = self.session.new_count
        self.status_new.setText(self.tr("%n new since last open", "", new))
        self.status_new.setVisible(new > 0)
        if self.watcher is not None:
            self.watcher.watch(self.session.folder_set)

    def _on_archive_changed(self: MainWindow) -> None:
        if self.session is not None:
            self.session.refresh()

    def _on_session_refreshed(self: MainWindow, report: ScanReport) -> None:
        """Files changed on disk: update tree, list and status; keep the selection, the
        list's scroll position, the search and the article (said so if it was deleted)."""
        session = self.session
        assert session is not None
        self._after_scan(report)
        if self.article_pane.view.page_shown:
            self.show_welcome()  # what is new, counted again
        if not (report.added or report.changed or report.removed or report.moved):
            return
        scope = self._scope
        self.refresh_tree()
        if not self.select_scope(scope):  # its tag or folder is gone (or nothing new is left)
            self.select_scope(Scope("all"))
        shown = self.current_row()
        if shown is None:
            return
        now = session.row_by_key(shown.key)  # by key: a post moved to archived/ is the same post
        if now is None:
            self.article_pane.view.show_message(
                self.tr("This post was deleted"),
                self.tr("“%1” is no longer in the archive (it was removed or renamed on disk).").replace(
                    "%1", shown.path))
            self._shown = None
        elif shown.path != now.path and shown.path in now.also_at:
            pass  # the reader is reading another copy ("also at"), which is still there
        elif (now.digest, now.path, now.also_at) != (shown.digest, shown.path, shown.also_at):
            # Changed, or moved (the header says where it is now): shown again where the reader was,
            # as a reopening, not a new reading (its read mark is left as it is).
            self.show_post(now, restoring=True, scroll=self.article_pane.view.scroll_fraction())

    def show_new_posts(self: MainWindow) -> None:
        """List the unread posts that arrived since the previous open (the tree's "New since last
        open" entry), with none opened: the reader picks, or presses j."""
        if self.session is None:
            return
        self.select_scope(Scope("new", str(self.session.new_since_ns)))
        self.focus_list()
