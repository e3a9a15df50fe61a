"""The left-hand tree: plain `Node` objects and a thin QAbstractItemModel over them.

Sections: All posts, Unread, New since last open (when there are new posts),
Starred, then Location (recent ``_posts``, ``archived``, collections: shown when
posts are in more than one place), Categories, Tags, Authors and Archive (year ->
month).  Every entry shows its number of unread posts (its tooltip gives the
total); read marks update the counts live without rebuilding the tree:
`apply_read_counts` walks it once with how many of the marked posts each entry
holds (`QueryMixin.scope_counts`).  The model never calls the view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractItemModel, QCoreApplication, QModelIndex, QObject,
                            QSortFilterProxyModel, Qt)
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from reader.core.hanzi import fold
from reader.core.queries import Scope, TreeCounts

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.core.library import LibraryArchive

__all__ = ["Node", "TreeModel", "TreeFilterProxy", "TreeRole", "build_tree", "build_library_tree"]


class TreeRole(IntEnum):
    SCOPE = Qt.ItemDataRole.UserRole + 1
    IS_SECTION = Qt.ItemDataRole.UserRole + 2


@dataclass(eq=False)
class Node:
    label: str
    scope: Scope | None  # None for section headings (Categories, Tags, ...)
    total: int = 0
    unread: int = 0
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)
    source: str = ""  # the untranslated label of a fixed entry or section heading ("" for data)
    note: str = ""  # why the entry's archive cannot be read (shown with its name)
    alert: str = ""  # why the archive's last update failed (it is still read as it was)

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


FIXED_LABELS = {
    "all": QT_TRANSLATE_NOOP("TreeModel", "All posts"),
    "unread": QT_TRANSLATE_NOOP("TreeModel", "Unread"),
    "starred": QT_TRANSLATE_NOOP("TreeModel", "Starred"),
    "new": QT_TRANSLATE_NOOP("TreeModel", "New since last open"),
}
SECTION_LABELS = {
    "location": QT_TRANSLATE_NOOP("TreeModel", "Location"),
    "category": QT_TRANSLATE_NOOP("TreeModel", "Categories"),
    "tag": QT_TRANSLATE_NOOP("TreeModel", "Tags"),
    "author": QT_TRANSLATE_NOOP("TreeModel", "Authors"),
    "month": QT_TRANSLATE_NOOP("TreeModel", "Archive"),
    "archives": QT_TRANSLATE_NOOP("TreeModel", "Archives"),
}


# Where a post's file is (reader.core.discover): the usual places get a name, others show their folder.
LOCATION_LABELS = {
    "_posts": QT_TRANSLATE_NOOP("TreeModel", "Recent"),
    "archived": QT_TRANSLATE_NOOP("TreeModel", "Archived"),
    "_drafts": QT_TRANSLATE_NOOP("TreeModel", "Drafts"),
    "": QT_TRANSLATE_NOOP("TreeModel", "Top folder"),
}


CONVERTED_KINDS = frozenset({"tag", "category", "author"})  # labels that are data, shown in the chosen script


def location_label(location: str) -> str:
    """A post location as the reader reads it, in the UI language."""
    source = LOCATION_LABELS.get(location)
    return translate(source) if source else location


def translate(text: str) -> str:
    """A label of the tree in the UI language (the context lupdate writes for this module)."""
    return QCoreApplication.translate("TreeModel", text)


def _fixed(source: str, scope: Scope | None, tr: Callable[[str], str] | None, total: int = 0,
           unread: int = 0) -> Node:
    label = tr(source) if tr is not None else source
    if label == source:  # a caller's tr() that does not know the "TreeModel" context
        label = translate(source)
    return Node(label, scope, total, unread, source=source)


def build_tree(counts: TreeCounts, tr: Callable[[str], str] | None = None, new: tuple[int, int] = (0, 0)) -> Node:
    """The whole tree from the index's counts.  Fixed entries and headings are translated in the
    "TreeModel" context (`tr` is optional and only wins when it translates).  `new`: (since when,
    how many) unread posts arrived since the last open: an entry after Unread when there are any."""
    root = Node("", None)
    root.add(_fixed(FIXED_LABELS["all"], Scope("all"), tr, counts.total, counts.unread))
    root.add(_fixed(FIXED_LABELS["unread"], Scope("unread"), tr, counts.unread, counts.unread))
    since, arrived = new
    if arrived:
        root.add(_fixed(FIXED_LABELS["new"], Scope("new", str(since)), tr, arrived, arrived))
    root.add(_fixed(FIXED_LABELS["starred"], Scope("starred"), tr, counts.starred, 0))
    _add_sections(root, counts, tr)
    return root


def build_library_tree(archives: list[tuple[LibraryArchive, TreeCounts | None, str | None]],
                       tr: Callable[[str], str] | None = None, new: int = 0,
                       alerts: dict[str, str] | None = None) -> Node:
    """The tree of a library of several archives: All posts, Unread, New, Starred across them all,
    then each archive (in the reader's order) holding its own sections.  `archives`: each archive,
    its counts (None while not read yet) and why it cannot be read (None when it can); `alerts`: why
    an archive's last update failed."""
    parts = [c for _a, c, _m in archives if c is not None]
    total, unread, starred = (sum(c.total for c in parts), sum(c.unread for c in parts),
                              sum(c.starred for c in parts))
    root = Node("", None)
    root.add(_fixed(FIXED_LABELS["all"], Scope("all"), tr, total, unread))
    root.add(_fixed(FIXED_LABELS["unread"], Scope("unread"), tr, unread, unread))
    if new:
        root.add(_fixed(FIXED_LABELS["new"], Scope("new"), tr, new, new))
    root.add(_fixed(FIXED_LABELS["starred"], Scope("starred"), tr, starred, 0))
    section = root.add(_fixed(SECTION_LABELS["archives"], None, tr, total, unread))
    for archive, counts, missing in archives:
        node = section.add(Node(archive.name, Scope("all", "", archive.id), counts.total if counts else 0,
                                counts.unread if counts else 0))
        node.alert = (alerts or {}).get(archive.id, "")
        if missing is not None:
            node.note = missing
        elif counts is not None:
            _add_sections(node, counts, tr, archive.id)
    return root


def _add_sections(root: Node, counts: TreeCounts, tr: Callable[[str], str] | None, archive: str = "") -> None:
    """Location, Categories, Tags, Authors and Archive (year -> month) under `root`; their scopes
    in `archive` ('' in a tree of one archive)."""
    if len(counts.locations) > 1:  # recent and archived posts, collections: where each post is
        section = root.add(_fixed(SECTION_LABELS["location"], None, tr, counts.total, counts.unread))
        for location, (total, unread) in sorted(counts.locations.items(), key=lambda kv: _location_order(kv[0])):
            source = LOCATION_LABELS.get(location, "")
            label = _fixed(source, None, tr).label if source else location
            section.add(Node(label, Scope("location", location, archive), total, unread, source=source))
    for kind, items in (("category", counts.categories), ("tag", counts.tags), ("author", counts.authors)):
        if not items:
            continue
        section = root.add(_fixed(SECTION_LABELS[kind], None, tr, sum(t for t, _ in items.values())))
        for name, (total, unread) in items.items():
            section.add(Node(name, Scope(kind, name, archive), total, unread))
        section.unread = sum(c.unread for c in section.children)
    if counts.months:
        months = root.add(_fixed(SECTION_LABELS["month"], None, tr))
        years: dict[str, Node] = {}
        for month, (total, unread) in sorted(counts.months.items(), reverse=True):
            year = month[:4]
            if year not in years:
                years[year] = months.add(Node(year, Scope("year", year, archive)))
            node = years[year]
            node.add(Node(month, Scope("month", month, archive), total, unread))
            node.total += total
            node.unread += unread
        months.total = sum(y.total for y in months.children)
        months.unread = sum(y.unread for y in months.children)


def _location_order(location: str) -> tuple[int, str]:
    return ({"_posts": 0, "archived": 1, "_drafts": 3}.get(location, 2), location)


class TreeModel(QAbstractItemModel):
    """Two columns: name and unread count."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = Node("", None)
        self._bold = QFont()
        self._bold.setBold(True)
        self._alert: QIcon | None = None
        self.convert: Callable[[str], str] | None = None  # names of tags, categories, authors in one script

    def set_root(self, root: Node) -> None:
        self.beginResetModel()
        self.root = root
        self.endResetModel()

    def set_converter(self, convert: Callable[[str], str] | None) -> None:
        """Show the names of tags, categories and authors converted to one Chinese script, or as
        written (None).  Headings and fixed entries are UI text in the UI language: never converted."""
        if convert is self.convert:
            return
        self.convert = convert
        stack = [self.root]
        while stack:  # sections are at the top, or in each archive of a library
            node = stack.pop()
            stack.extend(c for c in node.children if c.scope is None or c.scope.kind == "all")
            if node.scope is None and node.children and node is not self.root:
                first = self.createIndex(0, 0, node.children[0])
                last = self.createIndex(len(node.children) - 1, 0, node.children[-1])
                self.dataChanged.emit(first, last)

    def label(self, node: Node) -> str:
        """A node's label as shown (a data label in the chosen script)."""
        if self.convert is not None and node.scope is not None and node.scope.kind in CONVERTED_KINDS:
            return self.convert(node.label)
        return node.label

    def retranslate(self) -> None:
        """The UI language changed: relabel the fixed entries and headings, refresh the header."""
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            if node.source:
                node.label = translate(node.source)
                left = self.createIndex(node.row(), 0, node)
                self.dataChanged.emit(left, left.siblingAtColumn(1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)

    # --- lookup --------------------------------------------------------------------

    def node(self, index: QModelIndex) -> Node:
        return index.internalPointer() if index.isValid() else self.root

    def index_of_scope(self, scope: Scope) -> QModelIndex:
        stack = [self.root]
        while stack:
            node = stack.pop()
            if node.scope == scope and node is not self.root:
                return self.createIndex(node.row(), 0, node)
            stack.extend(reversed(node.children))
        return QModelIndex()

    def set_alerts(self, alerts: dict[str, str]) -> None:
        """Mark the archives whose last update failed (and unmark the others), in place: the counts
        and what the reader has open stay as they are."""
        for section in self.root.children:
            for node in section.children if section.scope is None else ():
                if node.scope is None or not node.scope.archive or node.scope.kind != "all":
                    continue
                alert = alerts.get(node.scope.archive, "")
                if alert != node.alert:
                    node.alert = alert
                    index = self.createIndex(node.row(), 0, node)
                    self.dataChanged.emit(index, index)

    # --- live counts -------------------------------------------------------------------

    def apply_read_counts(self, counts: dict[Scope, int], delta: int) -> None:
        """Posts became read (delta -1) or unread (+1): `counts` says how many of them each entry
        holds (`QueryMixin.scope_counts`).  One walk of the tree, however many posts."""
        self._walk_counts(self.root, counts, delta)

    def apply_star_delta(self, delta: int) -> None:
        self._walk_counts(self.root, {Scope("starred"): 1}, delta, "total")

    def _walk_counts(self, node: Node, counts: dict[Scope, int], delta: int, attr: str = "unread") -> int:
        """Add `delta` times its count to each entry's `attr`; a section changes by the sum of its
        entries.  Returns how many posts the entries under `node` changed by; one dataChanged per
        parent (1,600 entries of a 20,000-post archive, one signal each, took 70 ms)."""
        changed, rows = 0, []
        for row, child in enumerate(node.children):
            below = self._walk_counts(child, counts, delta, attr) if child.children else 0
            n = below if child.scope is None else counts.get(child.scope, 0)
            if n:
                setattr(child, attr, max(0, getattr(child, attr) + delta * n))
                rows.append(row)
                changed += n
        if rows:
            first = self.createIndex(rows[0], 0, node.children[rows[0]])
            last = self.createIndex(rows[-1], 1, node.children[rows[-1]])
            self.dataChanged.emit(first, last)
        return changed

    # --- Qt model ---------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        node = self.node(parent)
        if 0 <= row < len(node.children) and 0 <= column < 2:
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = self.node(index).parent
        if up is None or up is self.root:
            return QModelIndex()
        return self.createIndex(up.row(), 0, up)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 2

    def _alert_icon(self) -> QIcon:
        if self._alert is None:
            self._alert = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._alert

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self.node(index)
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return self.tr("%1 (unavailable)").replace("%1", node.label) if node.note else self.label(node)
            if node.scope is None:  # section headings: their entries carry the counts
                return ""
            if node.scope.kind == "starred":
                return str(node.total) if node.total else ""
            return str(node.unread) if node.unread else ""
        if role == Qt.ItemDataRole.ToolTipRole and node.note:
            return self.tr("This archive cannot be read: %1").replace("%1", node.note)
        if role == Qt.ItemDataRole.ToolTipRole and node.alert and col == 0:
            return self.tr("Updating it failed: %1\nIt is shown as it was. File › Update Archive tries again.") \
                .replace("%1", node.alert)
        if role == Qt.ItemDataRole.DecorationRole and node.alert and col == 0:
            return self._alert_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            if node.scope and node.scope.kind == "starred":
                return self.tr("%n starred", "", node.total)
            return self.tr("%1 unread of %2 posts").replace("%1", str(node.unread)).replace("%2", str(node.total))
        if role == Qt.ItemDataRole.FontRole and node.unread and (col == 1 or node.scope is not None):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == TreeRole.SCOPE:
            return node.scope
        if role == TreeRole.IS_SECTION:
            return node.scope is None
        if role == Qt.ItemDataRole.AccessibleTextRole and col == 0:
            return self.tr("%1, %n unread", "", node.unread).replace("%1", self.label(node))
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Name") if section == 0 else self.tr("Unread")
        return None


class TreeFilterProxy(QSortFilterProxyModel):
    """The filter field above the tree: keeps matching entries and the sections that hold them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        # Counts change on every post read: re-filtering a tree of hundreds of tags each
        # time costs seconds.  The filter only changes when its text does.
        self.setDynamicSortFilter(False)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(0)
        self._needle = ""

    def set_filter_text(self, text: str) -> None:
        """Keep the entries whose name holds `text`, ignoring case and the Simplified/Traditional
        difference (书 finds 書, 書 finds 书)."""
        self.beginFilterChange()
        self._needle = fold(text.strip()).casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802 (Qt override)
        if not self._needle:
            return True
        model = self.sourceModel()
        label = model.index(source_row, 0, source_parent).data(Qt.ItemDataRole.DisplayRole) or ""
        return self._needle in fold(label).casefold()

