"""Commands on the shown article: find, zoom, print and PDF, copy, Chinese script, preferences.

A part the main window composes (`window.article_commands`), like `reading.py`,
given only what it uses: the article pane, the list's and the tree's models
(their names follow the Chinese script), the settings, the open session (a
callable), the window's actions (the script group's check), and a few of the
reading commands.  It imports no window.
Printing renders the article again in its own document with the light colours
of the theme (paper is white) and the reader's typography.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QObject, Qt, QUrl
from PySide6.QtGui import QAction, QFontInfo, QGuiApplication, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from reader.core.hanzi import convert

from .actions import ActionId
from .appearance import (THEME_COLORS, apply_app_theme, article_css, article_font, effective_theme, high_contrast,
                         typography_from)
from .article_view import ArticleView, mark_cjk_punctuation

if TYPE_CHECKING:
    from reader.core.queries import Row

    from .list_model import PostListModel
    from .panes import ArticlePane
    from .session import ArchiveSession
    from .settings import Settings
    from .tree_model import TreeModel

__all__ = ["ArticleCommands", "article_document", "script_converter"]

_SCRIPT_ACTIONS = {"": ActionId.SCRIPT_AS_WRITTEN, "simplified": ActionId.SCRIPT_SIMPLIFIED,
                   "traditional": ActionId.SCRIPT_TRADITIONAL}


@lru_cache(maxsize=4)
def script_converter(script: str) -> Callable[[str], str] | None:
    """Short texts (titles, names) converted to `script` ("" : None, shown as written), with a cache:
    the list and the tree ask for the same few dozen texts at every repaint."""
    if not script:
        return None
    cache: dict[str, str] = {}

    def to_script(text: str) -> str:
        found = cache.get(text)
        if found is None:
            if len(cache) >= 20_000:
                cache.clear()
            found = cache[text] = convert(text, script) if text and not text.isascii() else text
        return found

    return to_script


class _PrintDocument(QTextDocument):
    """A document whose images come from the article view (local files, allowed remote images)."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__()
        self._view = view

    def loadResource(self, kind: int, name: QUrl):  # noqa: N802 (Qt override)
        return self._view.loadResource(kind, name)


def article_document(view: ArticleView) -> QTextDocument:
    """The shown article, header included, in light colours for paper."""
    doc = _PrintDocument(view)
    font = article_font(view.typography)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(article_css(THEME_COLORS["light"], view.typography, QFontInfo(font).pixelSize()))
    doc.setHtml(view.html_shown)
    mark_cjk_punctuation(doc, view.typography)
    return doc


class ArticleCommands(QObject):
    def __init__(self, article_pane: ArticlePane, list_model: PostListModel, tree_model: TreeModel,
                 settings: Settings, session: Callable[[], ArchiveSession | None],
                 actions: Mapping[ActionId, QAction], show_message: Callable[[str, int], None],
                 selected_or_shown: Callable[[], Row | None], reshow_current: Callable[[], None],
                 apply_language: Callable[[], None], parent: QWidget) -> None:
        """`parent`: the window, over which the print, save and preferences dialogs open;
        `show_message(text, ms)` says something in the status bar; `selected_or_shown()` is the post
        a command on "this post" means; `reshow_current()` renders the shown post again."""
        super().__init__(parent)
        self._window = parent
        self.article_pane = article_pane
        self._list_model, self._tree_model = list_model, tree_model
        self.settings = settings
        self._session = session
        self.actions_by_id = actions
        self._show_message = show_message
        self._selected_or_shown, self._reshow_current = selected_or_shown, reshow_current
        self._apply_language = apply_language

    @property
    def session(self) -> ArchiveSession | None:
        return self._session()

    # --- find ---------------------------------------------------------------------------------

    def find(self) -> None:
        self.article_pane.show_find()

    def find_next(self) -> None:
        self._find(backward=False)

    def find_previous(self) -> None:
        self._find(backward=True)

    def _find(self, backward: bool) -> None:
        """F3 / Shift+F3 (Enter / Shift+Enter in the find field are the pane's own)."""
        if not self.article_pane.find_step(backward):
            self.find()

    def on_find_text_changed(self, text: str) -> None:
        self.article_pane.find_first(text)

    # --- zoom ---------------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self._zoom(self.article_pane.view.zoom_steps + 1)

    def zoom_out(self) -> None:
        self._zoom(self.article_pane.view.zoom_steps - 1)

    def zoom_reset(self) -> None:
        self._zoom(0)

    def _zoom(self, steps: int) -> None:
        self.article_pane.view.set_zoom(steps)
        self.settings.ui.zoom = self.article_pane.view.zoom_steps

    # --- print, export, copy ------------------------------------------------------------------------

    def print_article(self) -> None:
        if self.article_pane.view.article is None:
            self._show_message(self.tr("Open a post to print it"), 4000)
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._setup_printer(printer)
        dialog = QPrintDialog(printer, self._window)
        dialog.setObjectName("print")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            article_document(self.article_pane.view).print_(printer)

    def export_pdf_dialog(self) -> None:
        view = self.article_pane.view
        if view.article is None:
            self._show_message(self.tr("Open a post to export it"), 4000)
            return
        name = view.article.post.title.replace("/", "-").strip() or "article"
        path, _filter = QFileDialog.getSaveFileName(self._window, self.tr("Export as PDF"), f"{name}.pdf",
                                                    self.tr("PDF documents (*.pdf)"))
        if path:
            self.export_pdf(path if path.lower().endswith(".pdf") else f"{path}.pdf")

    def export_pdf(self, path: str) -> bool:
        """Write the shown article to a PDF file; False (with a message) when there is none."""
        view = self.article_pane.view
        if view.article is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(path)
        self._setup_printer(printer)
        article_document(view).print_(printer)
        self._show_message(self.tr("Saved %1").replace("%1", path), 5000)
        return True

    def _setup_printer(self, printer: QPrinter) -> None:
        view = self.article_pane.view
        printer.setDocName(view.article.post.title if view.article else "Lectern")
        printer.setCreator("Lectern")
        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                          QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))

    def copy_link(self) -> None:
        row = self._selected_or_shown()
        if row is None or not row.url:
            self._show_message(self.tr("This post has no link to its original"), 4000)
            return
        QGuiApplication.clipboard().setText(row.url)
        self._show_message(self.tr("Copied %1").replace("%1", row.url), 4000)

    def copy_text(self) -> None:
        view = self.article_pane.view
        if view.article is None:
            self._show_message(self.tr("Open a post to copy its text"), 4000)
            return
        QGuiApplication.clipboard().setText(view.toPlainText())
        self._show_message(self.tr("Copied the article as plain text"), 4000)

    # --- Chinese script -----------------------------------------------------------------------------

    def show_script_as_written(self) -> None:
        self.set_script("")

    def show_script_simplified(self) -> None:
        self.set_script("simplified")

    def show_script_traditional(self) -> None:
        self.set_script("traditional")

    def set_script(self, script: str) -> None:
        """Show Chinese as written or converted (display only: the file is never touched): the
        article, the list's titles and sources, the names of tags, categories and authors."""
        self.settings.prefs.script = script
        self.actions_by_id[_SCRIPT_ACTIONS[script]].setChecked(True)
        self._show_script(script)

    def _show_script(self, script: str) -> None:
        convert = script_converter(script)
        self._list_model.set_converter(convert)
        self._tree_model.set_converter(convert)
        if self.article_pane.view.script != script:
            self.article_pane.view.set_script(script)

    # --- preferences -----------------------------------------------------------------------------------

    def apply_preferences(self) -> None:
        """Theme, typography, script and images policy from the preferences, applied now."""
        prefs = self.settings.prefs
        app = QApplication.instance()
        theme = effective_theme(prefs.theme, high_contrast())  # a high-contrast desktop is respected
        colors = apply_app_theme(app, theme) if isinstance(app, QApplication) else THEME_COLORS["light"]
        view = self.article_pane.view
        view.set_appearance(colors, typography_from(prefs))
        self._show_script(prefs.script)
        self.actions_by_id[_SCRIPT_ACTIONS[prefs.script]].setChecked(True)
        self.article_pane.ask_images = self.images_policy() == "ask"

    def images_policy(self) -> str:
        prefs = self.settings.prefs
        return prefs.images_for(str(self.session.root)) if self.session is not None else prefs.images

    def images_allowed(self) -> bool:
        return self.session is not None and self.images_policy() == "always"

    def show_preferences(self) -> None:
        from .prefs_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, str(self.session.root) if self.session else None,
                                    self._window)
        dialog.setObjectName("preferences")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._on_preferences_changed)
        dialog.open()

    def _on_preferences_changed(self, key: str) -> None:
        if key == "language":
            self._apply_language()
            return
        self.apply_preferences()
        if key in ("images", "image_override"):
            self._reshow_current()
