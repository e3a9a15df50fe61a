"""A CJK-capable font when the system has none.

A frozen bundle on a machine without CJK fonts (or without any fonts) would
show a box for every Chinese glyph.  The bundle ships a font in
resources/fonts/; it is registered only when no installed family can write
Simplified Chinese, so a system's own fonts always win.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from .resources import resources_dir

__all__ = ["ensure_cjk_font"]

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")


def ensure_cjk_font(app: QApplication) -> str | None:
    """Register the bundled CJK font if needed; return its family, or None when not needed/available."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return None
    folder = resources_dir() / "fonts"
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() in FONT_SUFFIXES) if folder.is_dir() else []
    for path in files:
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            font = QFont(app.font())
            # After the UI's own font, not before: Latin text keeps a Latin font where there is one
            # (a CJK font's quotes are full-width: "Russia’ s").
            font.setFamilies([*font.families(), families[0]])
            app.setFont(font)
            return families[0]
    return None
