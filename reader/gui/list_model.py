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

from PySide6.QtCore import (QAbstractTableModel, QDate, QDateTime, QLocale, QModelIndex, QObject, Qt, QTime,
                            QTimeZone, Signal)
from PySide6.QtGui import QFont, QIcon

from reader.core.queries import Row

__all__ = ["Column", "PostRole", "PostListModel", "RowSource", "SORT_OF_COLUMN", "format_date"]


class Column(IntEnum):
    TITLE = 0
    DATE = 1
    SOURCE = 2


class PostRole(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    ROW = Qt.ItemDataRole.UserRole + 2
    UNREAD = Qt.ItemDataRole.UserRole + 3
    STARRED = Qt.ItemDataRole.UserRole + 4


SORT_OF_COLUMN = {
    (Column.TITLE, Qt.SortOrder.AscendingOrder): "title",
    (Column.TITLE, Qt.SortOrder.DescendingOrder): "title",
    (Column.DATE, Qt.SortOrder.AscendingOrder): "date_asc",
    (Column.DATE, Qt.SortOrder.DescendingOrder): "date_desc",
    (Column.SOURCE, Qt.SortOrder.AscendingOrder): "author",
    (Column.SOURCE, Qt.SortOrder.DescendingOrder): "author",
}

BLOCK = 100
CACHE_ROWS = 2000


class RowSource(Protocol):
    def rows(self, ids: Sequence[int]) -> list[Row]: ...
    def is_read(self, path: str) -> bool: ...
    def is_starred(self, path: str) -> bool: ...


def format_date(local_iso: str, with_time: bool = False) -> str:
    """A post's own local date (and time, as written: never shifted to this machine's zone) in the
    short format of the default QLocale, which `i18n.install_translators` sets for the UI language."""
    if not local_iso:
        return ""
    date_part = local_iso[:10]
    date = QDate.fromString(date_part, Qt.DateFormat.ISODate)
    if not date.isValid():
        return date_part
    time = QTime.fromString(local_iso[11:16], "HH:mm") if with_time and len(local_iso) >= 16 else QTime()
    locale = QLocale()
    if locale.language() == QLocale.Language.C:  # no locale set (servers, tests): ISO, not "20 06 2025"
        return f"{date_part} {local_iso[11:16]}" if time.isValid() else date_part
    if time.isValid():
        # UTC only as a zone without daylight-saving gaps: 02:30 on a spring-forward night stays 02:30.
        stamp = QDateTime(date, time, QTimeZone.utc())
        return locale.toString(stamp, QLocale.FormatType.ShortFormat)
    return locale.toString(date, QLocale.FormatType.ShortFormat)


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
        self.tooltip: Callable[[int], str] | None = None  # the search snippet of a post, when searching

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

    def retranslate(self) -> None:
        """The UI language (and with it the date format) changed: new headers, repaint the rows."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
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
            text = self._display(row, col)
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
            snippet = self.tooltip(row.id) if self.tooltip else ""
            return f"{row.title}\n{snippet}" if snippet else row.title
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
            return row.title
        if col == Column.DATE:
            return format_date(row.date)
        return row.author or (row.categories[0] if row.categories else (row.tags[0] if row.tags else ""))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Title"), self.tr("Date"), self.tr("Source"))[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_requested.emit(SORT_OF_COLUMN[(Column(column), order)])
