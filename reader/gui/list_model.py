"""The post list: a table model that holds ids only and fetches rows lazily.

A list of 50,000 posts costs a list of ints; rows are read from the index in
blocks around what the view asks for, and kept in a small cache.  Sorting by
a column asks the owner to re-query (the index sorts in SQL).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Protocol

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QDate, QLocale, QModelIndex, QObject, Qt,
                            QTime, Signal)
from PySide6.QtGui import QFont, QIcon

from reader.core.queries import Row

__all__ = ["Column", "PostRole", "PostListModel", "RowSource", "SORT_OF_COLUMN", "format_date", "status_labels"]


class Column(IntEnum):
    TITLE = 0
    DATE = 1
    SOURCE = 2
    ARCHIVE = 3  # shown while the list spans several archives of the library


class PostRole(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    ROW = Qt.ItemDataRole.UserRole + 2
    UNREAD = Qt.ItemDataRole.UserRole + 3
    STARRED = Qt.ItemDataRole.UserRole + 4
    SNIPPET = Qt.ItemDataRole.UserRole + 5  # (text, matched spans) of a search result; None otherwise


SORT_OF_COLUMN = {
    (Column.TITLE, Qt.SortOrder.AscendingOrder): "title",
    (Column.TITLE, Qt.SortOrder.DescendingOrder): "title_desc",
    (Column.DATE, Qt.SortOrder.AscendingOrder): "date_asc",
    (Column.DATE, Qt.SortOrder.DescendingOrder): "date_desc",
    (Column.SOURCE, Qt.SortOrder.AscendingOrder): "author",
    (Column.SOURCE, Qt.SortOrder.DescendingOrder): "author_desc",
    (Column.ARCHIVE, Qt.SortOrder.AscendingOrder): "archive",
    (Column.ARCHIVE, Qt.SortOrder.DescendingOrder): "archive_desc",
}

BLOCK = 100
CACHE_ROWS = 2000


class RowSource(Protocol):
    def rows(self, ids: Sequence[int]) -> list[Row]: ...
    def is_read(self, path: str) -> bool: ...
    def is_starred(self, path: str) -> bool: ...


def format_date(local_iso: str, with_time: bool = False, long: bool = False) -> str:
    """A post's own local date (and time, as written: never shifted to this machine's zone);
    '' for an undated post (the caller says "Undated").

    Short (the list): ``yyyy-MM-dd`` (``yyyy-MM-dd HH:mm``) in every language: compact, sorted as it
    reads, and never ambiguous (a locale's short format writes 1900-01-01 and 2000-01-01 both "1/1/00").
    Long (the article header): the long date of the default QLocale, which `i18n.install_translators`
    sets for the UI language ("Saturday, March 2, 2024", "2024年3月2日星期六"), and its short time;
    the short form when that locale is C (none set) or its long date has no four-digit year."""
    if not local_iso:
        return ""
    date_part = local_iso[:10]
    date = QDate.fromString(date_part, Qt.DateFormat.ISODate)
    if not date.isValid():
        return date_part
    time = QTime.fromString(local_iso[11:16], "HH:mm") if with_time and len(local_iso) >= 16 else QTime()
    short = f"{date_part} {local_iso[11:16]}" if time.isValid() else date_part
    locale = QLocale()
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
    if not long or locale.language() == QLocale.Language.C or "yyyy" not in pattern:
        return short
    text = locale.toString(date, pattern)
    return f"{text} {locale.toString(time, QLocale.FormatType.ShortFormat)}" if time.isValid() else text


def status_labels(row: Row) -> list[str]:
    """What the list and the header say of a post that the site does not show: a draft (in
    ``_drafts/``) and one with ``published: false``, in the UI language."""
    labels = [QCoreApplication.translate("PostListModel", "Draft")] if row.draft else []
    if not row.published:
        labels.append(QCoreApplication.translate("PostListModel", "Unpublished"))
    return labels


class PostListModel(QAbstractTableModel):
    sort_requested = Signal(str)

    def __init__(self, source: RowSource | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self._ids: list[int] = []
        self._pos: dict[int, int] | None = None
        self._cache: OrderedDict[int, Row] = OrderedDict()
        self._bold = QFont()
        self._bold.setBold(True)
        self._star = QIcon()
        # The words around the match of a post listed by a search (None: not a search); drawn under the title.
        self.snippet_of: Callable[[int], tuple[str, tuple[tuple[int, int], ...]]] | None = None
        self._snippets: dict[int, tuple[str, tuple[tuple[int, int], ...]]] = {}
        self.convert: Callable[[str], str] | None = None  # titles and sources shown in one Chinese script
        self.archive_name: Callable[[str], str] = lambda archive_id: ""  # the Archive column's text

    # --- contents ---------------------------------------------------------------------

    def set_source(self, source: RowSource | None) -> None:
        self.source = source
        self.set_ids([])

    def set_star_icon(self, icon: QIcon) -> None:
        self._star = icon

    def set_ids(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._pos = None
        self._cache.clear()
        self._snippets.clear()
        self.endResetModel()

    def ids(self) -> list[int]:
        return self._ids

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of_id(self, post_id: int) -> int:
        if self._pos is None:
            self._pos = {pid: i for i, pid in enumerate(self._ids)}
        return self._pos.get(post_id, -1)

    def post(self, row: int) -> Row | None:
        post_id = self.id_at(row)
        if post_id is None or self.source is None:
            return None
        cached = self._cache.get(post_id)
        if cached is not None:
            self._cache.move_to_end(post_id)
            return cached
        start = max(0, row - BLOCK // 2)
        for r in self.source.rows(self._ids[start:start + BLOCK]):
            self._cache[r.id] = r
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)
        return self._cache.get(post_id)

    def snippet(self, post_id: int) -> tuple[str, tuple[tuple[int, int], ...]]:
        if self.snippet_of is None:
            return "", ()
        found = self._snippets.get(post_id)
        if found is None:
            if len(self._snippets) > CACHE_ROWS:
                self._snippets.clear()
            found = self._snippets[post_id] = self.snippet_of(post_id)
        return found

    def set_converter(self, convert: Callable[[str], str] | None) -> None:
        """Show titles, sources (and search snippets) converted to one Chinese script, or as written (None)."""
        if convert is self.convert:
            return
        self.convert = convert
        self._repaint_all()

    def retranslate(self) -> None:
        """The UI language (and with it the date format) changed: new headers, repaint the rows."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        self._repaint_all()

    def refresh_ids(self, ids: list[int]) -> None:
        """Repaint these posts: one by one when they are few, all rows at once when many."""
        if len(ids) > 100:
            self._repaint_all()
            return
        for post_id in ids:
            self.refresh_id(post_id)

    def _repaint_all(self) -> None:
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(Column) - 1))

    def refresh_id(self, post_id: int) -> None:
        """Repaint one post (its read or starred state changed)."""
        row = self.row_of_id(post_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    # --- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == PostRole.ID:
            return self.id_at(index.row())
        row = self.post(index.row())
        if row is None or self.source is None:
            return None
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self.archive_name(row.archive) if col == Column.ARCHIVE else self._display(row, col)
            if self.convert is not None and col not in (Column.DATE, Column.ARCHIVE):
                text = self.convert(text)
            if role == Qt.ItemDataRole.AccessibleTextRole and col == Column.TITLE:
                states = [self.tr("unread")] if not self.source.is_read(row.key) else []
                states += [self.tr("starred")] if self.source.is_starred(row.key) else []
                return ", ".join([text, *states])
            return text
        if role == Qt.ItemDataRole.FontRole and not self.source.is_read(row.key):
            return self._bold
        if role == Qt.ItemDataRole.DecorationRole and col == Column.TITLE and self.source.is_starred(row.key):
            return self._star
        if role == Qt.ItemDataRole.ToolTipRole and col == Column.TITLE:
            snippet = self.snippet(row.id)[0]
            tip = f"{row.title}\n{snippet}" if snippet else row.title
            return self.convert(tip) if self.convert is not None else tip
        if role == PostRole.SNIPPET:
            if col != Column.TITLE or not self.snippet_of:
                return None
            text, spans = self.snippet(row.id)
            shown = self.convert(text) if self.convert is not None else text
            return (shown, spans) if len(shown) == len(text) else (text, spans)  # the spans must still fit
        if role == PostRole.ROW:
            return row
        if role == PostRole.UNREAD:
            return not self.source.is_read(row.key)
        if role == PostRole.STARRED:
            return self.source.is_starred(row.key)
        return None

    @staticmethod
    def _display(row: Row, col: int) -> str:
        if col == Column.TITLE:
            labels = status_labels(row)
            if not labels:
                return row.title
            return (QCoreApplication.translate("PostListModel", "%1 [%2]", "a title, then Draft or Unpublished")
                    .replace("%2", ", ".join(labels)).replace("%1", row.title))  # a title may hold "%2"
        if col == Column.DATE:
            return format_date(row.date) or QCoreApplication.translate("PostListModel", "Undated")
        return row.author or (row.categories[0] if row.categories else (row.tags[0] if row.tags else ""))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Title"), self.tr("Date"), self.tr("Source"), self.tr("Archive"))[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.InitialSortOrderRole:
            # a first click on Date: newest first; on Title or Source: A to Z
            order = Qt.SortOrder.DescendingOrder if section == Column.DATE else Qt.SortOrder.AscendingOrder
            return order.value
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_requested.emit(SORT_OF_COLUMN[(Column(column), order)])
