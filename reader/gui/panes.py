"""The three panes of the window and their small controls.

TreePane: filter field + tree.  ListPane: search field, result count + post
list.  ArticlePane: the "images not loaded" bar, the article view and the
find bar.  Each pane builds its widgets and exposes them; the main window
connects them to the session.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QToolButton, QTreeView, QVBoxLayout, QWidget)

from .article_view import ArticleView
from .list_model import Column, PostListModel
from .net import ImageFetcher
from .tree_model import TreeFilterProxy, TreeModel

__all__ = ["TreePane", "ListPane", "ArticlePane", "SEARCH_DEBOUNCE_MS"]

SEARCH_DEBOUNCE_MS = 200


def _vbox(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    return layout


class _EscapeFilter(QObject):
    """Esc in a line edit: emit `escaped` (the owner clears and moves focus)."""

    escaped = Signal()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return True
        return False


class TreePane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TreeModel(self)
        self.proxy = TreeFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.view = QTreeView(self)
        self._setup_ui()
        self.filter.textChanged.connect(self._on_filter_text_changed)

    def _setup_ui(self) -> None:
        self.retranslate_ui()
        self.filter.setClearButtonEnabled(True)
        self.view.setModel(self.proxy)
        self.view.setObjectName("tree")
        self.view.setUniformRowHeights(True)
        self.view.setHeaderHidden(True)
        self.view.header().setStretchLastSection(False)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed, not ResizeToContents: that re-measures every row on each count change.
        self.view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.view.header().resizeSection(1, self.fontMetrics().horizontalAdvance("000000") + 8)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout = _vbox(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)

    def retranslate_ui(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter tags, categories, authors"))
        self.filter.setAccessibleName(self.tr("Filter the tree"))
        self.view.setAccessibleName(self.tr("Tags and categories"))

    def _on_filter_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.view.expandAll()


class PostsView(QTableView):
    """The list of posts: a table, not a tree.  A tree view lays out every row whenever
    the list is reset (100,000 calls into the model, 0.6 s with the window frozen); a
    table with rows of one fixed height lays out nothing.  It keeps the keys of a list:
    Home/End go to the first/last post, Tab leaves the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setCornerButtonEnabled(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._fit_rows()

    def header(self) -> QHeaderView:
        return self.horizontalHeader()

    def moveCursor(self, action: QAbstractItemView.CursorAction,  # noqa: N802 (Qt override)
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        model, current = self.model(), self.currentIndex()
        rows = model.rowCount() if model is not None else 0
        if rows and action == QAbstractItemView.CursorAction.MoveHome:
            return model.index(0, 0)
        if rows and action == QAbstractItemView.CursorAction.MoveEnd:
            return model.index(rows - 1, 0)
        if action in (QAbstractItemView.CursorAction.MoveLeft, QAbstractItemView.CursorAction.MoveRight):
            return current  # rows are selected whole: there is no cell to move to
        return super().moveCursor(action, modifiers)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FontChange:
            self._fit_rows()
        super().changeEvent(event)

    def _fit_rows(self) -> None:
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)


class ListPane(QWidget):
    search_changed = Signal(str)  # debounced

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PostListModel(parent=self)
        self.search = QLineEdit(self)
        self.count = QLabel(self)
        self.view = PostsView(self)
        self.escape = _EscapeFilter(self)
        self._debounce = QTimer(self)
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.retranslate_ui()
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self.escape)
        self.count.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view.setModel(self.model)
        self.view.setObjectName("posts")
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(Column.DATE, 96)
        header.resizeSection(Column.SOURCE, 110)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("M") * 14)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        layout = _vbox(self)
        layout.addLayout(top)
        layout.addWidget(self.view)

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search (/)"))
        self.search.setAccessibleName(self.tr("Search posts"))
        self.count.setAccessibleName(self.tr("Number of posts listed"))
        self.view.setAccessibleName(self.tr("Posts"))

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self._debounce.timeout.connect(lambda: self.search_changed.emit(self.search.text()))

    def flush_search(self) -> None:
        """Run a pending debounced search now (Enter, tests)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self.search_changed.emit(self.search.text())

    def set_count(self, text: str, error: bool = False, detail: str = "") -> None:
        self.count.setText(text)
        self.count.setToolTip(detail)
        self.count.setAccessibleDescription(detail)
        self.count.setStyleSheet("color: palette(highlight);" if error else "")


class ArticlePane(QWidget):
    load_images_once = Signal()
    load_images_always = Signal()

    def __init__(self, fetcher: ImageFetcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = ArticleView(fetcher, self)
        self.images_bar = QFrame(self)
        self.images_label = QLabel(self.images_bar)
        self.load_once = QPushButton(self.images_bar)
        self.load_always = QPushButton(self.images_bar)
        self.find_bar = QFrame(self)
        self.find_field = QLineEdit(self.find_bar)
        self.find_count = QLabel(self.find_bar)
        self.find_close = QToolButton(self.find_bar)
        self.find_escape = _EscapeFilter(self)
        self.ask_images = True  # the remote-images policy is "ask": offer to load them
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.images_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.retranslate_ui()
        bar = QHBoxLayout(self.images_bar)
        bar.setContentsMargins(6, 2, 6, 2)
        bar.addWidget(self.images_label, 1)
        bar.addWidget(self.load_once)
        bar.addWidget(self.load_always)
        self.images_bar.hide()
        self.find_field.installEventFilter(self.find_escape)
        self.find_close.setText("✕")
        find = QHBoxLayout(self.find_bar)
        find.setContentsMargins(6, 2, 6, 2)
        find.addWidget(self.find_field, 1)
        find.addWidget(self.find_count)
        find.addWidget(self.find_close)
        self.find_bar.hide()
        layout = _vbox(self)
        layout.addWidget(self.images_bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.find_bar)

    def _connect_signals(self) -> None:
        self.load_once.clicked.connect(self.load_images_once)
        self.load_always.clicked.connect(self.load_images_always)
        self.view.remote_images_blocked.connect(self._on_view_remote_images_blocked)
        self.find_close.clicked.connect(self.hide_find)
        self.find_escape.escaped.connect(self.hide_find)

    def retranslate_ui(self) -> None:
        self.images_bar.setAccessibleName(self.tr("Images not loaded"))
        self.load_once.setText(self.tr("Load this time"))
        self.load_always.setText(self.tr("Always for this archive"))
        self.find_field.setPlaceholderText(self.tr("Find in article"))
        self.find_field.setAccessibleName(self.tr("Find in article"))
        self.find_count.setAccessibleName(self.tr("Matches in the article"))
        self.find_close.setAccessibleName(self.tr("Close find bar"))
        self.find_close.setToolTip(self.tr("Close find bar (Esc)"))
        self.view.setAccessibleName(self.tr("Article"))

    def _on_view_remote_images_blocked(self, count: int) -> None:
        if count:
            self.images_label.setText(self.tr("Images not loaded (%n):", "", count))
        self.images_bar.setVisible(count > 0 and self.ask_images)

    def set_find_count(self, text: str, error: bool = False) -> None:
        self.find_count.setText(text)
        self.find_count.setStyleSheet("color: palette(highlight);" if error else "")

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_field.setFocus()
        self.find_field.selectAll()

    def hide_find(self) -> None:
        self.find_bar.hide()
        self.view.find_all("")
        self.view.setFocus()
