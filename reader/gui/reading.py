"""Reading commands of the main window: moving through the list, opening posts,
read/star marks, history, paging.

A part the main window composes (`window.reading`), given only what it uses:
the panes, the settings, the task runner, the open session and the tree entry
(as callables), the window's actions (the Star action's check), and a few of
the window's commands (select a tree entry, focus the article, hold a key
until the list is there).  It imports no window.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices

from reader.core.article import Article, load_article
from reader.core.posts import Problem
from reader.core.queries import Row, Scope

from .actions import ActionId

if TYPE_CHECKING:
    from .panes import ArticlePane, ListPane, TreePane
    from .session import ArchiveSession
    from .settings import Settings
    from .tasks import Runner

__all__ = ["ReadingCommands", "History"]


class History:
    """Back/forward through opened posts, by post key (a post that moved is still found)."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.pos = -1

    def visit(self, path: str) -> None:
        if self.pos >= 0 and self.items[self.pos] == path:
            return
        del self.items[self.pos + 1:]
        self.items.append(path)
        self.pos = len(self.items) - 1

    def back(self) -> str | None:
        if self.pos > 0:
            self.pos -= 1
            return self.items[self.pos]
        return None

    def forward(self) -> str | None:
        if self.pos + 1 < len(self.items):
            self.pos += 1
            return self.items[self.pos]
        return None

    def clear(self) -> None:
        self.items.clear()
        self.pos = -1


class ReadingCommands(QObject):
    def __init__(self, list_pane: ListPane, tree_pane: TreePane, article_pane: ArticlePane, settings: Settings,
                 runner: Runner, session: Callable[[], ArchiveSession | None], actions: Mapping[ActionId, QAction],
                 show_message: Callable[[str, int], None], current_scope: Callable[[], Scope],
                 select_scope: Callable[[Scope], bool], clear_search: Callable[[], None],
                 focus_article: Callable[[], None], defer_until_listed: Callable[[Callable[[], object]], bool],
                 images_allowed: Callable[[], bool], parent: QObject | None = None) -> None:
        """`show_message(text, ms)` says something in the status bar; `clear_search()` empties the
        search (a post shown from elsewhere); `defer_until_listed(command)` holds a move pressed
        before the list is there (True: held); `images_allowed()` is the archive's images policy."""
        super().__init__(parent)
        self.list_pane, self.tree_pane, self.article_pane = list_pane, tree_pane, article_pane
        self.settings = settings
        self.runner = runner
        self._session = session
        self.actions_by_id = actions
        self._show_message = show_message
        self._current_scope, self._select_scope, self._clear_search = current_scope, select_scope, clear_search
        self._focus_article, self._defer_until_listed = focus_article, defer_until_listed
        self._images_allowed = images_allowed
        self.history = History()
        self.pending_scroll = 0.0  # where to scroll the next post shown (the post open at the last quit)
        self._shown: Row | None = None
        self._selecting_quietly = False
        self._navigating_history = False
        self._undo: list[list[int]] = []  # posts (ids) each Mark All Read changed
        self._load_generation = 0  # which show_post's article may still be shown
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.timeout.connect(self._on_read_timer)

    @property
    def session(self) -> ArchiveSession | None:
        return self._session()

    # --- what is shown ------------------------------------------------------------------------

    def current_row(self) -> Row | None:
        return self._shown

    def on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._selecting_quietly and not self.list_pane.view.focusing:
            self.show_list_row(current.row())

    def forget_shown(self) -> None:
        """The post shown is gone (deleted on disk): none is shown now."""
        self._shown = None

    def show_list_row(self, row: int) -> None:
        post = self.list_pane.model.post(row)
        if post is not None:
            self.show_post(post)

    def show_post(self, row: Row, allow_remote: bool | None = None, restoring: bool = False,
                  scroll: float | None = None) -> None:
        """Show a post in the article pane and apply the mark-read policy (not when
        `restoring` the post open at the last quit: reopening is not reading).

        The post is read, rendered and cleaned on a worker thread (a hostile post
        can take a few hundred ms); only the finished HTML is set here.  When
        j is pressed faster than posts load, only the last one is shown."""
        session = self.session
        if session is None:
            return
        if self._shown is not None and self._shown.id != row.id:
            self.remember_position()
        self._shown = row
        if not self._navigating_history:
            self.history.visit(row.key)
        session.state.set_last_opened(row.key)
        session.focus = row.archive  # a link or a file of this post is looked up in its archive first
        self._load_generation += 1
        generation, root = self._load_generation, session.root_of(row)

        def shown(article: Article | Problem) -> None:
            if generation == self._load_generation and self.session is session:
                self._show_loaded(row, article, allow_remote, restoring, scroll)

        def failed(message: str, _details: str) -> None:
            shown(Problem(row.path, message))

        self.runner.run(lambda _ctx: load_article(root, row.path), done=shown, failed=failed)

    def _show_loaded(self, row: Row, article: Article | Problem, allow_remote: bool | None,
                     restoring: bool, scroll: float | None) -> None:
        session = self.session
        assert session is not None
        view = self.article_pane.view
        if isinstance(article, Problem):
            view.show_message(self.tr("This post cannot be shown"),
                              self.tr("It was changed or removed since the archive was read: %1")
                              .replace("%1", article.reason))
            return
        allowed = self._images_allowed() if allow_remote is None else allow_remote
        view.show_article(session.root_of(row), row, article, allowed)
        pane = self.article_pane
        if pane.find_bar.isVisible():  # the find bar stays open from post to post: this one's matches
            if scroll is None and not restoring:
                pane.find_first(pane.find_field.text())
            else:
                view.find_all(pane.find_field.text())
        if scroll is not None:
            view.set_scroll_fraction(scroll)
        if self.pending_scroll:
            QTimer.singleShot(0, lambda f=self.pending_scroll: view.set_scroll_fraction(f))
            self.pending_scroll = 0.0
        self.actions_by_id[ActionId.TOGGLE_STAR].setChecked(session.is_starred(row.key))
        if not restoring:
            self._apply_read_policy(row)

    def show_copy(self, path: str) -> None:
        """Show the open post from another of its files ("also at" in the header): same post, same marks."""
        row = self._shown
        location = self.session.file_location(path) if self.session is not None else None
        if row is None or path not in row.also_at or location is None:
            return
        others = tuple(sorted({row.path, *row.also_at} - {path}))
        self.show_post(replace(row, path=path, location=location, also_at=others), restoring=True)

    def reshow_current(self, allow_remote: bool | None = None) -> None:
        if self._shown is not None:
            self.show_post(self._shown, allow_remote, scroll=self.article_pane.view.scroll_fraction())

    def open_post_path(self, path: str, restoring: bool = False) -> None:
        """Open the post a file holds: select it in the list when it is there, else show it alone."""
        if self.session is not None:
            self._open_row(self.session.row_by_path(path), restoring)

    def open_post_key(self, key: str, restoring: bool = False) -> None:
        """Open a post by its key (history, the post open at the last quit)."""
        if self.session is not None:
            self._open_row(self.session.row_by_key(key), restoring)

    def _open_row(self, row: Row | None, restoring: bool) -> None:
        if row is None:
            return
        index = self.list_pane.model.row_of_id(row.id)
        if index < 0 and self._current_scope().kind != "all":
            # Not in this list: widen to all posts so j/k continue from it.
            self._clear_search()
            self._select_scope(Scope("all"))
            index = self.list_pane.model.row_of_id(row.id)
        if index >= 0:
            self.select_list_row(index, show=False)
        self.show_post(row, restoring=restoring)

    def select_list_row(self, row: int, show: bool = True, scroll: bool = True) -> None:
        view = self.list_pane.view
        index = self.list_pane.model.index(row, 0)
        self._selecting_quietly = not show
        try:
            view.setCurrentIndex(index)
        finally:
            self._selecting_quietly = False
        if scroll:
            view.scrollTo(index)

    def remember_position(self) -> None:
        if self.session is not None and self._shown is not None:
            self.session.state.set_scroll(self._shown.key, self.article_pane.view.scroll_fraction())

    # --- moving -----------------------------------------------------------------------------------

    def _move_to(self, row: int) -> None:
        count = self.list_pane.model.rowCount()
        if count and 0 <= row < count:
            self.select_list_row(row)

    def _current_list_row(self) -> int:
        return self.list_pane.view.currentIndex().row()

    def next_post(self) -> None:
        if not self._defer_until_listed(self.next_post):
            self._move_to(self._current_list_row() + 1)

    def previous_post(self) -> None:
        if not self._defer_until_listed(self.previous_post):
            self._move_to(max(0, self._current_list_row() - 1))

    def first_post(self) -> None:
        if not self._defer_until_listed(self.first_post):
            self._move_to(0)

    def last_post(self) -> None:
        if not self._defer_until_listed(self.last_post):
            self._move_to(self.list_pane.model.rowCount() - 1)

    def next_unread(self) -> bool:
        return self._defer_until_listed(self.next_unread) or self._find_unread(step=1)

    def previous_unread(self) -> bool:
        return self._defer_until_listed(self.previous_unread) or self._find_unread(step=-1)

    def _find_unread(self, step: int) -> bool:
        model, session = self.list_pane.model, self.session
        if session is None:
            return False
        row = self._current_list_row() + step
        while 0 <= row < model.rowCount():
            post = model.post(row)
            if post is not None and not session.is_read(post.key):
                self.select_list_row(row)
                return True
            row += step
        self._show_message(self.tr("No more unread posts in this list"), 3000)
        return False

    def open_selected(self) -> None:
        row = self._current_list_row()
        if row >= 0:
            self.show_list_row(row)
            self._focus_article()

    def go_back(self) -> None:
        self._go(self.history.back())

    def go_forward(self) -> None:
        self._go(self.history.forward())

    def _go(self, key: str | None) -> None:
        if key is None:
            return
        self._navigating_history = True
        try:
            self.open_post_key(key)
        finally:
            self._navigating_history = False

    def page_down(self) -> None:
        if not self.article_pane.view.page(down=True):
            self.next_unread()

    def page_up(self) -> None:
        self.article_pane.view.page(down=False)

    def open_original(self) -> None:
        row = self._shown
        if row is not None and row.url.startswith(("http://", "https://")):
            QDesktopServices.openUrl(QUrl(row.url))

    # --- marks --------------------------------------------------------------------------------------

    def _apply_read_policy(self, row: Row) -> None:
        self._read_timer.stop()
        policy = self.settings.prefs.mark_read
        if policy == "immediately":
            self.session.set_read([row], True)
        elif policy == "after_delay":
            self._read_timer.start(self.settings.prefs.mark_read_delay_ms)

    def _on_read_timer(self) -> None:
        if self._shown is not None and self.session is not None:
            self.session.set_read([self._shown], True)

    def toggle_read(self) -> None:
        row = self.selected_or_shown()
        if row is not None and self.session is not None:
            self._read_timer.stop()
            self.session.set_read([row], not self.session.is_read(row.key))

    def toggle_star(self) -> None:
        row = self.selected_or_shown()
        if row is not None and self.session is not None:
            self.session.set_starred(row, not self.session.is_starred(row.key))

    def mark_all_read(self) -> None:
        if self.session is None:
            return
        changed = self.session.set_read_ids(self.list_pane.model.ids(), True)
        if changed:
            self._undo.append(changed)
            self._show_message(self.tr("Marked %n posts read (Ctrl+Z undoes)", "", len(changed)), 5000)

    def undo(self) -> None:
        if self._undo and self.session is not None:
            ids = self._undo.pop()
            self.session.set_read_ids(ids, False)
            self._show_message(self.tr("Marked %n posts unread again", "", len(ids)), 3000)

    def selected_or_shown(self) -> Row | None:
        row = self._current_list_row()
        post = self.list_pane.model.post(row) if row >= 0 else None
        return post or self._shown

    def on_read_changed(self, ids: list[int], _read: bool) -> None:
        self.list_pane.model.refresh_ids(ids)

    def on_tree_delta(self, counts: dict, delta: int) -> None:
        self.tree_pane.model.apply_read_counts(counts, delta)

    def on_star_changed(self, post_id: int, starred: bool) -> None:
        self.list_pane.model.refresh_id(post_id)
        self.tree_pane.model.apply_star_delta(1 if starred else -1)
        if self._shown is not None and self._shown.id == post_id:
            self.actions_by_id[ActionId.TOGGLE_STAR].setChecked(starred)
