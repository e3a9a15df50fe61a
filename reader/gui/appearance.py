"""Themes and typography: the colours of the app and of the article, and the article's font.

A theme is a handful of named colours (`Colors`).  "system" takes them from
the platform's palette (so dark mode and high-contrast schemes of the desktop
are followed as they are); light, dark and sepia are Lectern's own and are
applied with the Fusion style, the one style that honours every palette role
on every platform.  The article gets the same colours through its widget
palette (so no white flash between posts in the dark) and through the
document's default stylesheet (links, captions, quotes, tables), and its
typography (`Typography`) from the preferences.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from .settings import Prefs

__all__ = ["Colors", "Typography", "THEME_COLORS", "colors_for", "effective_theme", "high_contrast", "apply_app_theme", "article_palette",
           "article_css", "typography_from", "default_reading_family", "latin_reading_family", "reading_families",
           "is_cjk_family", "APP_QSS"]


@dataclass(frozen=True)
class Colors:
    window: str
    base: str  # the article's and the lists' background
    text: str
    muted: str  # dates, captions
    alternate: str  # code, embeds, alternating rows
    button: str
    highlight: str
    highlighted_text: str
    link: str
    visited: str
    border: str
    dark: bool = False


THEME_COLORS: dict[str, Colors] = {
    "light": Colors(window="#efefef", base="#ffffff", text="#1c1c1c", muted="#666666", alternate="#f3f3f3",
                    button="#e6e6e6", highlight="#2a62c9", highlighted_text="#ffffff", link="#1a56b0",
                    visited="#6a3fa8", border="#c8c8c8"),
    "dark": Colors(window="#232427", base="#1b1c1e", text="#dedede", muted="#9c9c9c", alternate="#2a2c2f",
                   button="#313337", highlight="#3f6fb8", highlighted_text="#ffffff", link="#7fb2f0",
                   visited="#b9a1ee", border="#45474b", dark=True),
    "sepia": Colors(window="#e9dfc8", base="#f5eddb", text="#3a2e20", muted="#786650", alternate="#ede2c9",
                    button="#e0d4b8", highlight="#9c7442", highlighted_text="#ffffff", link="#8a4510",
                    visited="#6e3b68", border="#cdbd9c"),
}

# Focus must always be visible: the three panes get a frame that turns to the
# highlight colour when they have the keyboard.  palette() keeps it right in
# every theme, high contrast included.
APP_QSS = """
QTreeView#tree, QTableView#posts, QTextBrowser#article {
    border: 1px solid palette(mid); margin: 1px; }
QTreeView#tree:focus, QTableView#posts:focus, QTextBrowser#article:focus {
    border: 2px solid palette(highlight); margin: 0px; }
"""

_platform_style: str | None = None  # the style the platform gave, restored for "system"
_fusion_forced = False  # Lectern's own themes replaced it with Fusion


def _hex(color: QColor) -> str:
    return color.name(QColor.NameFormat.HexRgb)


def high_contrast() -> bool:
    """Whether the desktop asks for high contrast (Qt 6.10+ knows; older Qt: no)."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    from PySide6.QtCore import Qt

    return accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast


def effective_theme(theme: str, high_contrast_on: bool) -> str:
    """The theme to apply: a high-contrast desktop always wins over Lectern's own colours."""
    return "system" if high_contrast_on else theme


def colors_for(theme: str) -> Colors:
    """The colours of a theme; "system" reads the platform palette as it is now."""
    if theme in THEME_COLORS:
        return THEME_COLORS[theme]
    pal = QGuiApplication.palette()
    role = QPalette.ColorRole
    dark = pal.color(role.Base).lightness() < 128
    text, base = pal.color(role.Text), pal.color(role.Base)
    muted = QColor((text.red() * 3 + base.red() * 2) // 5, (text.green() * 3 + base.green() * 2) // 5,
                   (text.blue() * 3 + base.blue() * 2) // 5)
    return Colors(window=_hex(pal.color(role.Window)), base=_hex(base),
                  text=_hex(text), muted=_hex(muted),
                  alternate=_hex(pal.color(role.AlternateBase)), button=_hex(pal.color(role.Button)),
                  highlight=_hex(pal.color(role.Highlight)), highlighted_text=_hex(pal.color(role.HighlightedText)),
                  link=_hex(pal.color(role.Link)), visited=_hex(pal.color(role.LinkVisited)),
                  border=_hex(pal.color(role.Mid)), dark=dark)


def _palette(c: Colors) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    for r, value in ((role.Window, c.window), (role.WindowText, c.text), (role.Base, c.base),
                     (role.AlternateBase, c.alternate), (role.Text, c.text), (role.Button, c.button),
                     (role.ButtonText, c.text), (role.Highlight, c.highlight),
                     (role.HighlightedText, c.highlighted_text), (role.Link, c.link), (role.LinkVisited, c.visited),
                     (role.ToolTipBase, c.base), (role.ToolTipText, c.text), (role.PlaceholderText, c.muted),
                     (role.BrightText, c.highlighted_text)):
        pal.setColor(r, QColor(value))
    mid = QColor(c.border)
    for r, value in ((role.Mid, mid), (role.Midlight, mid.lighter(110)), (role.Dark, mid.darker(130)),
                     (role.Light, QColor(c.base).lighter(110)), (role.Shadow, QColor("#000000"))):
        pal.setColor(r, value)
    for r in (role.Text, role.WindowText, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, QColor(c.muted))
    return pal


def apply_app_theme(app: QApplication, theme: str) -> Colors:
    """Colour the whole application; returns the colours the article should use."""
    global _platform_style, _fusion_forced
    if _platform_style is None:
        _platform_style = app.style().name() or "Fusion"
    if theme in THEME_COLORS:
        if _platform_style.lower() != "fusion" and not _fusion_forced:
            app.setStyle("Fusion")
            _fusion_forced = True
        app.setPalette(_palette(THEME_COLORS[theme]))
    else:
        if _fusion_forced:
            app.setStyle(_platform_style)
            _fusion_forced = False
        app.setPalette(QPalette())  # nothing resolved: the platform's (or the style's) own palette
    app.setStyleSheet(APP_QSS)
    return colors_for(theme)


def article_palette(c: Colors, base: QPalette) -> QPalette:
    """The article widget's palette: the theme's page colours, so a new post never flashes white."""
    pal = QPalette(base)
    role = QPalette.ColorRole
    for r, value in ((role.Base, c.base), (role.Window, c.base), (role.Text, c.text), (role.Link, c.link),
                     (role.LinkVisited, c.visited), (role.Highlight, c.highlight),
                     (role.HighlightedText, c.highlighted_text)):
        pal.setColor(r, QColor(value))
    return pal


@dataclass(frozen=True)
class Typography:
    family: str
    size: int  # points
    line_height: int  # percent
    paragraph_spacing: float  # em
    text_width: int  # em (CJK characters); 0 = no limit
    # The article's font stack, per character the first that has the glyph (empty: `family` alone).
    families: tuple[str, ...] = ()


_READING_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK TC", "Source Han Sans SC", "Microsoft YaHei",
                     "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
                     "Noto Sans SC", "Droid Sans Fallback")


def default_reading_family() -> str:
    """A CJK-capable sans-serif for reading: Noto Sans CJK / Microsoft YaHei / PingFang, else what exists."""
    families = set(QFontDatabase.families())
    for family in _READING_FAMILIES:
        if family in families:
            return family
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()


# Latin sans-serifs for reading, after the desktop's own UI font (when that is not a CJK font).
_LATIN_FAMILIES = ("Segoe UI", "Helvetica Neue", "Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial",
                   "Helvetica", "Nimbus Sans")
_CJK_SYSTEMS = (QFontDatabase.WritingSystem.SimplifiedChinese, QFontDatabase.WritingSystem.TraditionalChinese,
                QFontDatabase.WritingSystem.Japanese, QFontDatabase.WritingSystem.Korean)


def is_cjk_family(family: str) -> bool:
    """A family made for Chinese (Japanese, Korean): its Latin punctuation is full-width ("Russia’ s")."""
    systems = QFontDatabase.writingSystems(family)
    return any(s in systems for s in _CJK_SYSTEMS)


def latin_reading_family() -> str | None:
    """A sans-serif for Latin text that is not a CJK font: the desktop's UI font when it is one
    (Segoe UI, the Mac's, Noto Sans, Cantarell, ...), else a common one; None when there is none."""
    installed = set(QFontDatabase.families())
    # A family that is itself, not an alias ("Sans Serif" may resolve to a CJK or a maths font).
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    for family in (system, *_LATIN_FAMILIES):
        if family in installed and QFontInfo(QFont(family)).family() == family and not is_cjk_family(family) \
                and QFontDatabase.WritingSystem.Latin in QFontDatabase.writingSystems(family):
            return family
    return None


def reading_families(chosen: str = "") -> tuple[str, ...]:
    """The article's font stack: a Latin font first, so English text and its quotes (’ “ ”) read as
    English, then the CJK font for Han.  A family the reader chose goes first, still followed by the
    CJK font (and the Latin one, for what a CJK family lacks)."""
    latin, cjk = latin_reading_family(), default_reading_family()
    stack = [chosen, cjk, latin] if chosen else [latin, cjk]
    return tuple(dict.fromkeys(f for f in stack if f))


def typography_from(prefs: Prefs) -> Typography:
    families = reading_families(prefs.font_family)
    return Typography(families[0], prefs.font_size, prefs.line_height, prefs.paragraph_spacing, prefs.text_width,
                      families)


def article_font(t: Typography, zoom_steps: int = 0) -> QFont:
    font = QFont()
    font.setFamilies(list(t.families or (t.family,)))
    font.setPointSize(max(4, t.size + zoom_steps))
    return font


def article_css(c: Colors, t: Typography, font_px: float) -> str:
    """The document's default stylesheet: colours of the theme, spacing of the typography.

    Qt's rich text does not inherit line-height, so every block element gets it."""
    gap = round(t.paragraph_spacing * font_px)
    return f"""
body {{ color: {c.text}; }}
p, li, div, blockquote, dd, dt {{ line-height: {t.line_height}%; }}
td, th {{ line-height: {min(t.line_height, 140)}%; }}
p {{ margin-top: 0px; margin-bottom: {gap}px; }}
ul, ol {{ margin-bottom: {gap}px; }}
a {{ color: {c.link}; }}
h1.title {{ font-size: x-large; margin-bottom: 4px; }}
h1, h2, h3, h4 {{ margin-top: {gap}px; margin-bottom: {max(2, gap // 2)}px; }}
p.meta {{ color: {c.muted}; margin-top: 0; margin-bottom: 2px; }}
p.labels a {{ text-decoration: none; }}
p.source {{ color: {c.muted}; }}
p.where {{ color: {c.muted}; margin-top: 0; }}
div.header {{ margin-bottom: 14px; }}
p.caption, div.caption {{ color: {c.muted}; font-size: small; }}
p.embed {{ background-color: {c.alternate}; padding: 6px; }}
span.img-placeholder {{ color: {c.muted}; font-style: italic; }}
blockquote {{ margin-left: 16px; color: {c.muted}; }}
pre, code {{ background-color: {c.alternate}; }}
pre {{ white-space: pre-wrap; }}
table {{ border-width: 1px; border-style: solid; border-color: {c.border}; border-collapse: collapse; }}
td, th {{ padding: 3px 6px; }}
hr {{ color: {c.border}; }}
"""
