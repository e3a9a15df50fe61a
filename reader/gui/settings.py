"""Typed settings over QSettings: preferences (the reader chose them) and UI state (where things were).

Both live in one INI file in Lectern's data directory (so LECTERN_DATA_DIR
isolates tests and portable installs), each key declared once here with its
type and default.  The wrapper is created by the app and passed in; nothing
imports a global.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from reader.core import paths

__all__ = ["Settings", "Prefs", "UiState", "MARK_READ_POLICIES", "MAX_RECENT"]

T = TypeVar("T")
MARK_READ_POLICIES = ("immediately", "after_delay", "never")
MAX_RECENT = 10


@dataclass(frozen=True)
class _Key(Generic[T]):
    name: str
    default: T


class _Group:
    """Reads and writes declared keys under one QSettings group, with their types."""

    _prefix = ""

    def __init__(self, qs: QSettings) -> None:
        self._qs = qs

    def _get(self, key: _Key[T]) -> T:
        value = self._qs.value(self._prefix + key.name, key.default)
        return _coerce(value, key.default)

    def _set(self, key: _Key[T], value: T) -> None:
        self._qs.setValue(self._prefix + key.name, value)


def _coerce(value: Any, default: Any) -> Any:
    """QSettings' INI backend gives strings back: restore the declared type."""
    if value is None:
        return default
    if isinstance(default, bool):
        return value if isinstance(value, bool) else str(value).lower() in ("true", "1")
    if isinstance(default, int):
        try:
            return int(value)
        except (TypeError, ValueError):
            return default
    if isinstance(default, float):
        try:
            return float(value)
        except (TypeError, ValueError):
            return default
    if isinstance(default, list):
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value] if isinstance(value, (list, tuple)) else default
    if isinstance(default, QByteArray):
        return value if isinstance(value, QByteArray) else default
    return str(value)


class Prefs(_Group):
    """What the reader chose."""

    _prefix = "prefs/"
    MARK_READ = _Key("mark_read", "immediately")
    MARK_READ_DELAY_MS = _Key("mark_read_delay_ms", 2000)
    ALWAYS_IMAGES = _Key("always_load_images_for", [])  # archive roots

    @property
    def mark_read(self) -> str:
        value = self._get(self.MARK_READ)
        return value if value in MARK_READ_POLICIES else self.MARK_READ.default

    @mark_read.setter
    def mark_read(self, value: str) -> None:
        if value not in MARK_READ_POLICIES:
            raise ValueError(f"mark_read must be one of {MARK_READ_POLICIES}")
        self._set(self.MARK_READ, value)

    @property
    def mark_read_delay_ms(self) -> int:
        return max(0, self._get(self.MARK_READ_DELAY_MS))

    def always_load_images(self, archive: str) -> bool:
        return archive in self._get(self.ALWAYS_IMAGES)

    def set_always_load_images(self, archive: str, on: bool = True) -> None:
        roots = [r for r in self._get(self.ALWAYS_IMAGES) if r != archive]
        self._set(self.ALWAYS_IMAGES, roots + [archive] if on else roots)


class UiState(_Group):
    """Where the reader left things."""

    _prefix = "ui/"
    GEOMETRY = _Key("geometry", QByteArray())
    WINDOW_STATE = _Key("window_state", QByteArray())
    SPLITTER = _Key("splitter", QByteArray())
    LIST_HEADER = _Key("list_header", QByteArray())
    ZOOM = _Key("zoom", 0)
    RECENT = _Key("recent", [])
    LAST_ARCHIVE = _Key("last_archive", "")
    TREE_KIND = _Key("tree_kind", "all")
    TREE_VALUE = _Key("tree_value", "")
    SORT = _Key("sort", "date_desc")

    def blob(self, key: _Key[QByteArray]) -> QByteArray:
        return self._get(key)

    def set_blob(self, key: _Key[QByteArray], value: QByteArray) -> None:
        self._set(key, value)

    @property
    def zoom(self) -> int:
        return max(-8, min(20, self._get(self.ZOOM)))

    @zoom.setter
    def zoom(self, steps: int) -> None:
        self._set(self.ZOOM, int(steps))

    @property
    def recent(self) -> list[str]:
        return self._get(self.RECENT)[:MAX_RECENT]

    def add_recent(self, root: str) -> None:
        self._set(self.RECENT, ([root] + [r for r in self.recent if r != root])[:MAX_RECENT])
        self._set(self.LAST_ARCHIVE, root)

    def remove_recent(self, root: str) -> None:
        self._set(self.RECENT, [r for r in self.recent if r != root])

    @property
    def last_archive(self) -> str:
        return self._get(self.LAST_ARCHIVE)

    @property
    def tree_selection(self) -> tuple[str, str]:
        return self._get(self.TREE_KIND), self._get(self.TREE_VALUE)

    def set_tree_selection(self, kind: str, value: str) -> None:
        self._set(self.TREE_KIND, kind)
        self._set(self.TREE_VALUE, value)

    @property
    def sort(self) -> str:
        return self._get(self.SORT)

    @sort.setter
    def sort(self, value: str) -> None:
        self._set(self.SORT, value)


class Settings:
    """Both groups over one INI file."""

    def __init__(self, file: str | Path | None = None) -> None:
        path = Path(file) if file else paths.data_dir() / "settings.ini"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        self.prefs = Prefs(self.qsettings)
        self.ui = UiState(self.qsettings)

    def sync(self) -> None:
        self.qsettings.sync()
