"""The main window: layout, menus built from the action table, and save/restore of UI state.

It wires the panes to an `ArchiveSession` and turns actions into calls.  The
commands themselves live in parts it composes, each given only what it uses
and none importing this module: `reading` (next/previous, read/star, history),
`article_commands` (find, zoom, print, script, preferences), `live` (the
archive changed on disk), `scopes` (the tree and the entry listed) and
`listing` (the post list's query and order).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import reduce

from PySide6.QtCore import QEvent, QMimeData, QRect, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (QApplication, QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton,
                               QSplitter, QWidget)

from reader.core import gitsync
from reader.core.queries import Scope

from .actions import ACTIONS, MENUS, ActionId, translate
from .article_commands import ArticleCommands
from .dialogs import CheatSheet, ProblemsDialog
from .git_control import GitControl
from .library_control import LibraryControl
from .library_session import LibrarySession
from .list_delegate import SnippetDelegate
from .list_model import Column
from .listing import PostListing
from .live import LiveRefresh
from .moved import MovedArchives
from .net import ImageFetcher
from .panes import ArticlePane, ListPane, TreePane
from .reading import ReadingCommands
from .resources import icon
from .scope_control import ScopeControl
from .settings import Settings
from .tasks import Runner

__all__ = ["MainWindow"]


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, runner: Runner, fetcher: ImageFetcher,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = runner
        self.fetcher = fetcher
        self.moved_archives = MovedArchives(self, self.open_path)
        self.actions_by_id: dict[ActionId, QAction] = {}
        self.tree_pane = TreePane(self)
        self.list_pane = ListPane(self)
        self.article_pane = ArticlePane(fetcher, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.status_archive = QLabel(self)
        self.status_posts = QLabel(self)
        self.status_index = QLabel(self)
        self.status_progress = QProgressBar(self)
        self.status_problems = QPushButton(self)
        self.status_new = QPushButton(self)
        self._compose_parts()
        self._setup_ui()
        self._setup_actions()
        self._connect_signals()
        self.article_commands.apply_preferences()
        self._restore_ui()

    # --- building ---------------------------------------------------------------------------

    def _compose_parts(self) -> None:
        """The parts that hold the commands, each given what it uses (callables for what changes)."""
        session = lambda: self.library.session  # noqa: E731
        show_message = lambda text, ms: self.statusBar().showMessage(text, ms)  # noqa: E731
        self.scopes = ScopeControl(self.tree_pane, self.settings.ui, session, lambda: self.listing.reload(), self)
        self.reading = ReadingCommands(
            self.list_pane, self.tree_pane, self.article_pane, self.settings, self.runner, session,
            self.actions_by_id, show_message, self.scopes.current, self.scopes.select_scope,
            lambda: self.listing.clear_search(), self.focus_article, lambda c: self.library.defer_until_listed(c),
            lambda: self.article_commands.images_allowed(), self)
        self.article_commands = ArticleCommands(
            self.article_pane, self.list_pane.model, self.tree_pane.model, self.settings, session,
            self.actions_by_id, show_message, self.reading.selected_or_shown, self.reading.reshow_current,
            self.apply_language, self)
        self.listing = PostListing(self.list_pane, self.settings.ui, session, self.scopes.current,
                                   self.reading.current_row, self.reading.select_list_row,
                                   self.article_pane.view.set_highlight_terms, self)
        self.live = LiveRefresh(self.status_posts, self.status_problems, self.status_new, self.article_pane.view,
                                session, self.reading, self.scopes, self.show_welcome,
                                self.focus_list, self)
        self.library = LibraryControl(self, self.settings, self.runner, (self.tree_pane, self.list_pane, self.article_pane),
                                      (self.status_archive, self.status_index, self.status_progress),
                                      (self.scopes, self.reading, self.listing, self.live), self.moved_archives,
                                      show_message)
        self.git = GitControl(self, self.settings, self.runner, self.library, self.statusBar(), show_message)
        self.library.session_started.connect(self.git.start)

    def _setup_ui(self) -> None:
        self.setWindowTitle("Lectern")
        self.setWindowIcon(icon("lectern"))
        self.setAcceptDrops(True)
        for pane in (self.tree_pane, self.list_pane, self.article_pane):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.setCentralWidget(self.splitter)
        self.list_pane.model.set_star_icon(icon("star"))
        self.list_pane.view.setItemDelegateForColumn(Column.TITLE, SnippetDelegate(self.list_pane.view))
        bar = self.statusBar()
        bar.addWidget(self.status_archive)
        bar.addWidget(self.status_posts)
        bar.addWidget(self.status_index, 1)
        self.status_progress.setMaximumWidth(160)
        self.status_progress.setTextVisible(False)
        self.status_progress.hide()
        bar.addPermanentWidget(self.status_progress)
        self.status_problems.setFlat(True)
        self.status_problems.setAccessibleName(self.tr("Posts that could not be read"))
        self.status_problems.hide()
        bar.addPermanentWidget(self.status_problems)
        self.status_new.setFlat(True)
        self.status_new.hide()
        bar.addPermanentWidget(self.status_new)
        self._default_size()
        self.list_pane.view.setFocus()  # reading starts in the list: the first j opens the first post

    def _default_size(self, area: QRect | None = None) -> None:
        """A first start: most of the screen (`area`: the screen's free part), and a list wide
        enough for a typical title (about 25 Chinese characters) beside the article."""
        if area is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            area = screen.availableGeometry() if screen is not None else None
        width, height = 1440, 900
        if area is not None and area.width() > 0:
            width = max(min(1024, area.width()), min(1680, area.width() * 9 // 10))
            height = max(min(700, area.height()), min(1050, area.height() * 9 // 10))
        self.resize(width, height)
        self.splitter.setSizes([width * 14 // 100, width * 42 // 100, width * 44 // 100])

    def _setup_actions(self) -> None:
        menus = self._menus = {key: self.menuBar().addMenu(translate(title)) for key, title in MENUS.items()}
        groups: dict[str, QActionGroup] = {}
        for spec in ACTIONS:
            action = QAction(translate(spec.text), self)
            action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setCheckable(spec.checkable)
            if spec.icon:
                action.setIcon(icon(spec.icon))
            if spec.group:
                groups.setdefault(spec.group, QActionGroup(self)).addAction(action)
            action.triggered.connect(self.handler(spec.handler))
            self.addAction(action)  # shortcuts work even while the menu bar is hidden (focus mode)
            menus[spec.menu].addAction(action)
            self.actions_by_id[spec.id] = action
            if spec.id is ActionId.OPEN_FOLDER:
                menus["file"].addMenu(self.library.menu)

    def handler(self, name: str) -> Callable[..., object]:
        """An action's handler by its name in the table: a window method ("rescan") or a part's,
        dotted ("reading.next_unread": the method of `self.reading`)."""
        return reduce(getattr, name.split("."), self)

    def retranslate_ui(self) -> None:
        """Texts again in the language just installed (the preference applies without restart)."""
        for key, menu in self._menus.items():
            menu.setTitle(translate(MENUS[key]))
        for spec in ACTIONS:
            self.actions_by_id[spec.id].setText(translate(spec.text))
        self.library.retranslate_ui()
        self.git.retranslate_ui()
        self.status_problems.setAccessibleName(self.tr("Posts that could not be read"))
        self.status_progress.setAccessibleName(self.tr("Indexing progress"))
        for pane in (self.tree_pane, self.list_pane, self.article_pane):
            pane.retranslate_ui()
        self.list_pane.model.retranslate()
        self.tree_pane.model.retranslate()
        session = self.session
        if session is not None and session.index is not None:
            if session.report is not None:
                self.live.after_scan(session.report)
            if session.searchable:
                self.status_index.setText(self.tr("Search ready"))
            self.listing.reload()  # the count of posts listed
            self.reading.reshow_current()  # the article's header
            if self.article_pane.view.page_shown:
                self.show_welcome()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def apply_language(self) -> None:
        """Install the translators of the preferred language; Qt then sends LanguageChange."""
        from .i18n import install_translators

        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_translators(app, self.settings.prefs.language)

    def _on_color_scheme_changed(self, _scheme: object) -> None:
        """The desktop switched light/dark or contrast: follow it."""
        self.article_commands.apply_preferences()

    def _connect_signals(self) -> None:
        self.tree_pane.view.selectionModel().currentChanged.connect(self.scopes.on_tree_current_changed)
        self.list_pane.view.selectionModel().currentChanged.connect(self.reading.on_list_current_changed)
        self.list_pane.view.activated.connect(lambda _i: self.focus_article())
        self.list_pane.search_changed.connect(self.listing.set_query)
        self.list_pane.search.returnPressed.connect(self._on_search_return)
        self.list_pane.escape.escaped.connect(self._on_search_escaped)
        self.list_pane.escape.down.connect(self._on_search_return)
        self.article_pane.view.open_post.connect(self.reading.open_post_path)
        self.article_pane.view.open_copy.connect(self.reading.show_copy)
        self.article_pane.view.scope_clicked.connect(self._on_scope_link)
        self.article_pane.load_images_once.connect(self._on_load_images_once)
        self.article_pane.load_images_always.connect(self._on_load_images_always)
        self.article_pane.find_field.textChanged.connect(self.article_commands.on_find_text_changed)
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_color_scheme_changed)
        if hasattr(hints, "accessibility"):  # Qt 6.10+: follow the desktop's contrast setting live
            hints.accessibility().contrastPreferenceChanged.connect(self._on_color_scheme_changed)
        self.status_problems.clicked.connect(self.show_problems)
        self.status_new.clicked.connect(self.live.show_new_posts)

    # --- the library ------------------------------------------------------------------------------

    @property
    def session(self) -> LibrarySession | None:
        return self.library.session

    def open_path(self, path: str | os.PathLike[str], adopt: str | None = None) -> bool:
        """Add an archive (or a post's) to the library and show it (`LibraryControl.open_path`)."""
        return self.library.open_path(path, adopt)

    def show_welcome(self) -> None:
        self.library.show_welcome()

    def _on_scope_link(self, scope: Scope) -> None:
        """A tag, category, ... link of the article header or the welcome page: its tree entry."""
        session, row = self.session, self.reading.current_row()
        if session is not None:
            self.scopes.select_scope(session.in_archive(scope, row.archive if row is not None else ""))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if any(u.isLocalFile() for u in event.mimeData().urls()) or _dropped_git_url(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        """A folder or post opens; a git address (a link dragged from a browser) offers to add it."""
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        url = _dropped_git_url(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.open_path(paths[0])
        elif url:
            event.acceptProposedAction()
            self.git.add_dialog(url)

    # --- search ---------------------------------------------------------------------------------

    def _on_search_return(self) -> None:
        """Enter (or Down) in the search field: to the results, the first one open; j goes on from it."""
        self.list_pane.flush_search()
        self.focus_list()
        if self.list_pane.model.rowCount() and not self.list_pane.view.currentIndex().isValid():
            self.reading.select_list_row(0)

    def _on_search_escaped(self) -> None:
        """Esc in the search field: the search is cleared and the list is the reader's again."""
        self.list_pane.search.clear()
        self.list_pane.flush_search()
        self.focus_list()

    def focus_search(self) -> None:
        self.list_pane.search.setFocus()
        self.list_pane.search.selectAll()

    # --- focus and view modes ---------------------------------------------------------------------

    def focus_tree(self) -> None:
        self._leave_focus_mode()
        self.tree_pane.view.setFocus()

    def focus_list(self) -> None:
        self._leave_focus_mode()
        self.list_pane.view.setFocus()

    def focus_article(self) -> None:
        self.article_pane.view.setFocus()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.actions_by_id[ActionId.FULL_SCREEN].setChecked(self.isFullScreen())

    def toggle_focus_mode(self) -> None:
        on = self.tree_pane.isVisible()
        self.tree_pane.setVisible(not on)
        self.list_pane.setVisible(not on)
        self.menuBar().setVisible(not on)
        self.actions_by_id[ActionId.FOCUS_MODE].setChecked(on)
        if on:
            self.focus_article()

    def _leave_focus_mode(self) -> None:
        if not self.tree_pane.isVisible():
            self.toggle_focus_mode()

    # --- images ---------------------------------------------------------------------------------------

    def _on_load_images_once(self) -> None:
        self.reading.reshow_current(allow_remote=True)

    def _on_load_images_always(self) -> None:
        if self.session is not None:
            self.settings.prefs.set_image_override(str(self.session.root), "always")
        self.reading.reshow_current(allow_remote=True)

    # --- dialogs ----------------------------------------------------------------------------------------

    def show_problems(self) -> None:
        dialog = ProblemsDialog(self.session.problems() if self.session else [], self)
        dialog.setObjectName("problems")
        dialog.open()

    def show_cheat_sheet(self) -> None:
        dialog = CheatSheet(self)
        dialog.setObjectName("cheat-sheet")
        dialog.open()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Lectern"),
                          self.tr("Lectern: a fast offline reader for Jekyll post archives."))

    # --- saving and restoring -------------------------------------------------------------------------

    def _restore_ui(self) -> None:
        ui = self.settings.ui
        if not ui.blob(ui.GEOMETRY).isEmpty():
            self.restoreGeometry(ui.blob(ui.GEOMETRY))
        if not ui.blob(ui.SPLITTER).isEmpty():
            self.splitter.restoreState(ui.blob(ui.SPLITTER))
        if not ui.blob(ui.LIST_HEADER).isEmpty():
            self.list_pane.view.header().restoreState(ui.blob(ui.LIST_HEADER))
        self.article_pane.view.set_zoom(ui.zoom)

    def save_ui(self) -> None:
        ui = self.settings.ui
        ui.set_blob(ui.GEOMETRY, self.saveGeometry())
        ui.set_blob(ui.SPLITTER, self.splitter.saveState())
        ui.set_blob(ui.LIST_HEADER, self.list_pane.view.header().saveState())
        self.reading.remember_position()
        self.settings.sync()

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Stop background work before the interpreter exits: a worker thread still
        running while Qt and Python tear down can hang the exit."""
        self.library.cancel()
        self.git.close()
        self.fetcher.abort_all()
        self.runner.wait(timeout_ms)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.save_ui()
        self.library.cancel()
        self.git.close()
        self.fetcher.abort_all()
        QTimer.singleShot(0, self.library.close)
        super().closeEvent(event)


def _dropped_git_url(data: QMimeData) -> str:
    """The git address a drop carries (a link from a browser, or its text), '' when none."""
    texts = [u.toString() for u in data.urls() if not u.isLocalFile()]
    if data.hasText():
        texts.append(data.text().strip())
    return next((t for t in texts if gitsync.is_git_url(t)), "")
