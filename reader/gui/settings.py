"""Typed settings over QSettings: preferences (the reader chose them) and UI state (where things were).

Both live in one INI file in Lectern's data directory (so LECTERN_DATA_DIR
isolates tests and portable installs), each key declared once here with its
type and default.  The wrapper is created by the app and passed in; nothing
imports a global.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from reader.core import paths

__all__ = ["Settings", "Prefs", "UiState", "MARK_READ_POLICIES", "IMAGE_POLICIES", "THEMES", "LANGUAGES",
           "SCRIPTS", "MAX_RECENT", "PROXY_MODES", "MAX_AUTO_UPDATE_HOURS"]

T = TypeVar("T")
MARK_READ_POLICIES = ("immediately", "after_delay", "never")
IMAGE_POLICIES = ("never", "ask", "always")  # remote images
THEMES = ("system", "light", "dark", "sepia")
LANGUAGES = ("", "en", "zh_CN", "zh_TW")  # "": the system's
SCRIPTS = ("", "simplified", "traditional")  # Chinese shown as written, or converted
PROXY_MODES = ("none", "env", "url")  # git archives: no proxy, the environment's (HTTPS_PROXY ...), this URL
MAX_AUTO_UPDATE_HOURS = 168
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
    IMAGES = _Key("remote_images", "ask")
    ALWAYS_IMAGES = _Key("always_load_images_for", [])  # archive roots overriding IMAGES
    NEVER_IMAGES = _Key("never_load_images_for", [])
    THEME = _Key("theme", "system")
    FONT_FAMILY = _Key("font_family", "")  # "": the platform's CJK reading font
    FONT_SIZE = _Key("font_size", 12)  # points
    LINE_HEIGHT = _Key("line_height", 170)  # percent of the font's height
    PARAGRAPH_SPACING = _Key("paragraph_spacing", 0.8)  # em between paragraphs
    TEXT_WIDTH = _Key("text_width", 40)  # widest line, in CJK characters (em); 0: the whole pane
    LANGUAGE = _Key("language", "")
    SCRIPT = _Key("script", "")
    PROXY_MODE = _Key("proxy_mode", "none")
    PROXY_URL = _Key("proxy_url", "")
    AUTO_UPDATE_HOURS = _Key("auto_update_hours", 0)  # git archives fetched every N hours; 0: only when asked

    def _choice(self, key: _Key[str], choices: tuple[str, ...]) -> str:
        value = self._get(key)
        return value if value in choices else key.default

    def _set_choice(self, key: _Key[str], choices: tuple[str, ...], value: str) -> None:
        if value not in choices:
            raise ValueError(f"{key.name} must be one of {choices}")
        self._set(key, value)

    @property
    def theme(self) -> str:
        return self._choice(self.THEME, THEMES)

    @theme.setter
    def theme(self, value: str) -> None:
        self._set_choice(self.THEME, THEMES, value)

    @property
    def language(self) -> str:
        return self._choice(self.LANGUAGE, LANGUAGES)

    @language.setter
    def language(self, value: str) -> None:
        self._set_choice(self.LANGUAGE, LANGUAGES, value)

    @property
    def script(self) -> str:
        return self._choice(self.SCRIPT, SCRIPTS)

    @script.setter
    def script(self, value: str) -> None:
        self._set_choice(self.SCRIPT, SCRIPTS, value)

    @property
    def font_family(self) -> str:
        return self._get(self.FONT_FAMILY)

    @font_family.setter
    def font_family(self, value: str) -> None:
        self._set(self.FONT_FAMILY, value)

    @property
    def font_size(self) -> int:
        return max(6, min(48, self._get(self.FONT_SIZE)))

    @font_size.setter
    def font_size(self, value: int) -> None:
        self._set(self.FONT_SIZE, int(value))

    @property
    def line_height(self) -> int:
        return max(100, min(300, self._get(self.LINE_HEIGHT)))

    @line_height.setter
    def line_height(self, value: int) -> None:
        self._set(self.LINE_HEIGHT, int(value))

    @property
    def paragraph_spacing(self) -> float:
        return max(0.0, min(4.0, self._get(self.PARAGRAPH_SPACING)))

    @paragraph_spacing.setter
    def paragraph_spacing(self, value: float) -> None:
        self._set(self.PARAGRAPH_SPACING, float(value))

    @property
    def text_width(self) -> int:
        value = self._get(self.TEXT_WIDTH)
        return 0 if value <= 0 else max(20, min(200, value))

    @text_width.setter
    def text_width(self, value: int) -> None:
        self._set(self.TEXT_WIDTH, int(value))

    @property
    def images(self) -> str:
        return self._choice(self.IMAGES, IMAGE_POLICIES)

    @images.setter
    def images(self, value: str) -> None:
        self._set_choice(self.IMAGES, IMAGE_POLICIES, value)

    def images_for(self, archive: str) -> str:
        """The remote-images policy of one archive: its own override, else the global one."""
        if archive in self._get(self.ALWAYS_IMAGES):
            return "always"
        if archive in self._get(self.NEVER_IMAGES):
            return "never"
        return self.images

    def image_override(self, archive: str) -> str:
        """"always", "never" or "" (the archive follows the global policy)."""
        policy = self.images_for(archive)
        return policy if archive in self._get(self.ALWAYS_IMAGES) + self._get(self.NEVER_IMAGES) else ""

    def set_image_override(self, archive: str, policy: str) -> None:
        """policy: "always", "never", or "" to follow the global policy."""
        if policy not in ("", "always", "never"):
            raise ValueError("an archive's image override is always, never or ''")
        for key, name in ((self.ALWAYS_IMAGES, "always"), (self.NEVER_IMAGES, "never")):
            roots = [r for r in self._get(key) if r != archive]
            self._set(key, roots + [archive] if policy == name else roots)

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

    @property
    def proxy_mode(self) -> str:
        return self._choice(self.PROXY_MODE, PROXY_MODES)

    @proxy_mode.setter
    def proxy_mode(self, value: str) -> None:
        self._set_choice(self.PROXY_MODE, PROXY_MODES, value)

    @property
    def proxy_url(self) -> str:
        return self._get(self.PROXY_URL).strip()

    @proxy_url.setter
    def proxy_url(self, value: str) -> None:
        self._set(self.PROXY_URL, value.strip())

    @property
    def auto_update_hours(self) -> int:
        return max(0, min(MAX_AUTO_UPDATE_HOURS, self._get(self.AUTO_UPDATE_HOURS)))

    @auto_update_hours.setter
    def auto_update_hours(self, value: int) -> None:
        self._set(self.AUTO_UPDATE_HOURS, max(0, min(MAX_AUTO_UPDATE_HOURS, int(value))))



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
    TREE_ARCHIVE = _Key("tree_archive", "")  # the archive of the entry, in a library
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

    def swap_opened_at(self, root: str, now_ns: int) -> int:
        """Record that `root` is opened now; returns when it was opened before (ns, 0: never)."""
        key = f"{self._prefix}opened/{hashlib.sha1(root.encode('utf-8', 'surrogateescape')).hexdigest()[:16]}"
        previous = _coerce(self._qs.value(key, 0), 0)
        self._qs.setValue(key, str(now_ns))
        return previous

    def remove_recent(self, root: str) -> None:
        self._set(self.RECENT, [r for r in self.recent if r != root])

    @property
    def last_archive(self) -> str:
        return self._get(self.LAST_ARCHIVE)

    @property
    def tree_selection(self) -> tuple[str, str]:
        return self._get(self.TREE_KIND), self._get(self.TREE_VALUE)

    @property
    def tree_archive(self) -> str:
        """The archive of the selected tree entry ('' for one spanning the library)."""
        return self._get(self.TREE_ARCHIVE)

    def set_tree_selection(self, kind: str, value: str, archive: str = "") -> None:
        self._set(self.TREE_KIND, kind)
        self._set(self.TREE_VALUE, value)
        self._set(self.TREE_ARCHIVE, archive)

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
