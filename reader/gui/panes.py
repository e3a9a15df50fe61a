"""The three panes of the window and their small controls.

TreePane: filter field + tree.  ListPane: search field, result count + post
list.  ArticlePane: the "images not loaded" bar, the article view and the
find bar.  Each pane builds its widgets and exposes them; the main window
connects them to the session.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QToolButton, QTreeView, QVBoxLayout, QWidget)

from reader.core.queries import Scope

from .article_view import ArticleView
from .list_model import Column, PostListModel
from .net import ImageFetcher
from .tree_model import TreeFilterProxy, TreeModel, TreeRole

__all__ = ["TreePane", "ListPane", "ArticlePane", "SEARCH_DEBOUNCE_MS"]

SEARCH_DEBOUNCE_MS = 200


def _vbox(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    return layout


_FIELD_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)


class _EscapeFilter(QObject):
    """Esc in a line edit: emit `escaped` (the owner clears and moves focus); Down: emit `down`
    (a field above a list: go to the list)."""

    escaped = Signal()
    down = Signal()

    def __init__(self, parent: QObject | None = None, down: bool = False) -> None:
        super().__init__(parent)
        self.handles_down = down

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in _FIELD_KEYS:
            event.accept()  # the field's key (Enter runs the search), not the window's shortcut
            return False
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.key() == Qt.Key.Key_Escape:
                self.escaped.emit()
                return True
            if event.key() == Qt.Key.Key_Down and self.handles_down:
                self.down.emit()
                return True
        return False


class _FindKeys(QObject):
    """Enter and Shift+Enter in the find field: emit `step` (backward or not).  The field claims
    them before shortcuts do: Enter is also the window's Open Post key."""

    step = Signal(bool)  # backward

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.step.emit(modifiers == Qt.KeyboardModifier.ShiftModifier)
                return True
        return False


class TreeView(QTreeView):
    """The tree: Home and End move in it (the window's First/Last Post keys are for the list), and a
    filter that leaves nothing says so in the empty view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = ""

    def event(self, event: QEvent) -> bool:  # noqa: A003 (Qt override)
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End) \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            event.accept()  # a key for this widget, not a shortcut
            return True
        return super().event(event)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        _paint_empty_text(self, self.empty_text)


def _paint_empty_text(view: QAbstractItemView, text: str) -> None:
    """A note in an empty view ("nothing matches"), in the view's own colours."""
    model = view.model()
    if not text or (model is not None and model.rowCount() > 0):
        return
    painter = QPainter(view.viewport())
    painter.setPen(view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText))
    area = view.viewport().rect().adjusted(12, 12, -12, -12)
    painter.drawText(area, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                     text)
    painter.end()


class TreePane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TreeModel(self)
        self.proxy = TreeFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.view = TreeView(self)
        self.escape = _EscapeFilter(self)
        self._expanded: set[Scope] | None = None  # what was open before filtering: open again after
        self.chosen: Scope | None = None  # the entry the reader selected (filtering moves the current one)
        self.filtering = False  # the filter is moving the current entry: not the reader's choice
        self._setup_ui()
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.escape.escaped.connect(self.filter.clear)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self.filtering and current.isValid():
            self.chosen = current.data(TreeRole.SCOPE) or self.chosen

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
        self.filter.installEventFilter(self.escape)
        layout = _vbox(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)

    def retranslate_ui(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter tags, categories, authors"))
        self.filter.setAccessibleName(self.tr("Filter the tree"))
        self.view.setAccessibleName(self.tr("Tags and categories"))
        self._update_empty_text()

    def _on_filter_text_changed(self, text: str) -> None:
        text = text.strip()
        if text and self._expanded is None:
            self._expanded = self.expanded_scopes()
        self.filtering = True
        try:
            self.proxy.set_filter_text(text)
            if text:
                self.view.expandAll()
            elif self._expanded is not None:  # back as it was, and the selected entry in sight
                self.expand_scopes(self._expanded)
                self._expanded = None
                chosen = self.proxy.mapFromSource(self.model.index_of_scope(self.chosen)) if self.chosen else None
                if chosen is not None and chosen.isValid():
                    self.view.setCurrentIndex(chosen)
                    self.view.scrollTo(chosen)
        finally:
            self.filtering = False
        self._update_empty_text()

    def _update_empty_text(self) -> None:
        text = self.filter.text().strip()
        self.view.empty_text = self.tr("Nothing in the tree matches “%1”.").replace("%1", text) if text else ""
        self.view.viewport().update()

    def expanded_scopes(self) -> set[Scope]:
        """The entries open now (sections by their first entry's kind), to open again after a rebuild."""
        opened: set[Scope] = set()
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                if self.proxy.rowCount(index) and self.view.isExpanded(index):
                    opened.add(_node_key(self.model.node(self.proxy.mapToSource(index))))
                    stack.append(index)
        return opened

    def expand_scopes(self, opened: set[Scope]) -> None:
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                if self.proxy.rowCount(index):
                    expand = _node_key(self.model.node(self.proxy.mapToSource(index))) in opened
                    self.view.setExpanded(index, expand)
                    if expand:
                        stack.append(index)


def _node_key(node) -> Scope:
    """A tree entry's lasting name: its scope, or for a section heading the kind of its entries."""
    if node.scope is not None:
        return node.scope
    first = node.children[0].scope if node.children else None
    return Scope("section", first.kind if first else node.source)


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
        # Titles of one source often start alike ("廣州最新街頭現狀，畫…"): cut in the middle, the end shows.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.two_lines = False
        self.focusing = False  # Qt is making a row current because the list got the focus
        self.empty_text = ""  # said in the empty list: nothing matches, a search that cannot run
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

    def set_two_lines(self, on: bool) -> None:
        """Rows of two lines (a search: the title, and the words around the match under it)."""
        if on != self.two_lines:
            self.two_lines = on
            self._fit_rows()

    def _fit_rows(self) -> None:
        lines = 2 if getattr(self, "two_lines", False) else 1
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() * lines + 6)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        """Qt makes the first row current when a list with none gets the focus: that would open
        (and mark read) a post nobody chose, and the first j would go to the second.  The list
        keeps no current row until the reader picks one."""
        had_current = self.currentIndex().isValid()
        self.focusing = True
        try:
            super().focusInEvent(event)
            if not had_current and self.currentIndex().isValid():
                self.selectionModel().setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self.focusing = False

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        _paint_empty_text(self, self.empty_text)


class ListPane(QWidget):
    search_changed = Signal(str)  # debounced

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PostListModel(parent=self)
        self.search = QLineEdit(self)
        self.count = QLabel(self)
        self.view = PostsView(self)
        self.escape = _EscapeFilter(self, down=True)
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
        metrics = self.view.fontMetrics()
        header.resizeSection(Column.DATE, metrics.horizontalAdvance("0000-00-00") + 18)
        header.resizeSection(Column.SOURCE, metrics.horizontalAdvance("国" * 5) + 14)
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

    def set_count(self, text: str, detail: str = "") -> None:
        self.count.setText(text)
        self.count.setToolTip(detail)
        self.count.setAccessibleDescription(detail)

    def set_empty_text(self, text: str) -> None:
        """What the list says when it is empty (a search that cannot run, nothing matches)."""
        self.view.empty_text = text
        self.view.viewport().update()


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
        self.find_keys = _FindKeys(self)
        # Esc closes the find bar wherever the focus is in the window while the bar is open (a field
        # with an Esc of its own claims it first); a hidden widget's shortcut is off: Esc keeps its
        # other meanings when the bar is closed.
        self.find_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.find_bar)
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
        self.find_field.installEventFilter(self.find_keys)
        self.find_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
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
        self.find_shortcut.activated.connect(self.hide_find)
        self.find_keys.step.connect(self.find_step)

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
        """Close the find bar; the focus goes to the article if it was in the bar, else stays."""
        focus = QApplication.focusWidget()
        in_bar = focus is None or focus is self.find_bar or self.find_bar.isAncestorOf(focus)
        self.find_bar.hide()
        self.view.find_all("")
        if in_bar:
            self.view.setFocus()

    def find_first(self, text: str) -> None:
        """The find text changed: mark every match and go to the first one from the top."""
        count = self.view.find_all(text)
        if text and count:
            cursor = self.view.textCursor()
            cursor.setPosition(0)
            self.view.setTextCursor(cursor)
            self.view.find_text(text)
            self._show_find_position()
        else:
            self.set_find_count(self.tr("No matches") if text else "", error=bool(text))

    def find_step(self, backward: bool = False) -> bool:
        """Go to the next (or previous) match of the find text; False when there is no text."""
        text = self.find_field.text()
        if not text:
            return False
        if self.view.find_text(text, backward):
            self._show_find_position()
        return True

    def _show_find_position(self) -> None:
        current, total = self.view.find_current + 1, len(self.view.find_spans)
        self.set_find_count(self.tr("%1 of %2").replace("%1", str(current)).replace("%2", str(total)))
