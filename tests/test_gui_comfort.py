"""Reading comfort: themes, typography, preferences dialog, 简/繁 search and find, script
conversion, print to PDF, copy, accessibility — asserted on what the reader sees."""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QGuiApplication, QPalette, QTextBlockFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from gui_helpers import GUIDE, make_window, press
from reader.gui.actions import ACTIONS, ActionId
from reader.gui.appearance import THEME_COLORS
from reader.gui.article_view import MIN_MARGIN

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
JIANPAN = "_posts/2024-03-16-jianpan.md"  # Simplified: 键盘
KEYBOARD = "_posts/2024-03-02-keyboard.md"


@pytest.fixture
def window(qtbot):
    w = make_window(qtbot)
    w.resize(1200, 760)
    w.focus_list()
    w.reading.open_post_path(KEYBOARD)
    return w


def base_color(widget: QWidget) -> str:
    return widget.palette().color(QPalette.ColorRole.Base).name()


def first_paragraph_format(view) -> QTextBlockFormat:
    block = view.document().begin()
    while block.isValid():
        if len(block.text()) > 40:  # body text, not the header
            return block.blockFormat()
        block = block.next()
    raise AssertionError("no paragraph")


@pytest.mark.parametrize("theme", ["dark", "sepia", "light"])
def test_theme_colours_the_app_and_the_article(window, theme):
    colors = THEME_COLORS[theme]
    window.settings.prefs.theme = theme
    window.article_commands.apply_preferences()
    view = window.article_pane.view
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == colors.window
    assert base_color(view) == colors.base
    assert view.palette().color(QPalette.ColorRole.Text).name() == colors.text
    assert f"color: {colors.text}" in view.document().defaultStyleSheet()
    assert f"color: {colors.link}" in view.document().defaultStyleSheet()
    # The next post is drawn on the same page colour: no white flash in the dark.
    window.reading.next_post()
    assert base_color(view) == colors.base
    assert view.viewport().palette().color(QPalette.ColorRole.Base).name() == colors.base
    image = view.viewport().grab().toImage()
    corner = image.pixelColor(2, image.height() - 3).name()
    assert corner == colors.base
    window.settings.prefs.theme = "system"
    window.article_commands.apply_preferences()
    assert base_color(view) == QApplication.style().standardPalette().color(QPalette.ColorRole.Base).name()


def test_typography_preferences_change_the_rendered_article(window):
    view = window.article_pane.view
    prefs = window.settings.prefs
    prefs.font_size, prefs.line_height, prefs.paragraph_spacing = 17, 200, 1.5
    window.article_commands.apply_preferences()
    assert view.document().defaultFont().pointSize() == 17
    fmt = first_paragraph_format(view)
    assert fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
    assert fmt.lineHeight() == 200
    wide_gap = fmt.bottomMargin()
    prefs.paragraph_spacing = 0.5
    window.article_commands.apply_preferences()
    assert 0 < first_paragraph_format(view).bottomMargin() < wide_gap
    # zoom adds to the preferred size
    window.article_commands.zoom_in()
    assert view.document().defaultFont().pointSize() == 18


def test_font_family_preference(window):
    family = "WenQuanYi Micro Hei"
    from PySide6.QtGui import QFontDatabase
    if family not in QFontDatabase.families():
        pytest.skip(f"{family} is not installed (apt install fonts-wqy-microhei)")
    window.settings.prefs.font_family = family
    window.article_commands.apply_preferences()
    assert window.article_pane.view.document().defaultFont().family() == family


def test_text_width_centres_a_column(window):
    view = window.article_pane.view
    window.settings.prefs.text_width = 30
    window.article_commands.apply_preferences()
    QTest.qWait(10)
    fmt = view.document().rootFrame().frameFormat()
    assert fmt.leftMargin() > MIN_MARGIN and abs(fmt.leftMargin() - fmt.rightMargin()) < 1
    column = view.viewport().width() - fmt.leftMargin() - fmt.rightMargin()
    assert abs(column - view.column_width()) < 2
    window.settings.prefs.text_width = 0  # no limit: the whole pane
    window.article_commands.apply_preferences()
    assert view.document().rootFrame().frameFormat().leftMargin() == MIN_MARGIN


def test_preferences_dialog_applies_changes_live(window, qtbot):
    press(K.Key_Comma, CTRL)
    dialog = window.findChild(QWidget, "preferences")
    assert dialog is not None and dialog.isVisible()
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert window.settings.prefs.theme == "dark"
    assert base_color(window.article_pane.view) == THEME_COLORS["dark"].base
    dialog.font_size.setValue(20)
    assert window.article_pane.view.document().defaultFont().pointSize() == 20
    dialog.mark_read.setCurrentIndex(dialog.mark_read.findData("never"))
    assert window.settings.prefs.mark_read == "never"
    dialog.images.setCurrentIndex(dialog.images.findData("never"))
    assert window.settings.prefs.images == "never"
    dialog.image_override.setCurrentIndex(dialog.image_override.findData("always"))
    assert window.settings.prefs.images_for(str(window.session.root)) == "always"
    assert window.article_commands.images_allowed()
    # every field has a label and an accessible name
    for field in (dialog.theme, dialog.font_family, dialog.font_size, dialog.line_height, dialog.paragraph_spacing,
                  dialog.text_width, dialog.mark_read, dialog.images, dialog.image_override, dialog.language):
        assert field.accessibleName(), field
    dialog.close()
    window.settings.prefs.theme = "system"
    window.article_commands.apply_preferences()


def test_images_policy_never_hides_the_offer_to_load(window):
    post = "_posts/2024-09-10-images-and-privacy.md"
    window.reading.open_post_path(post)
    assert window.article_pane.images_bar.isVisibleTo(window)  # default: ask
    window.settings.prefs.images = "never"
    window.article_commands.apply_preferences()
    window.reading.reshow_current()
    assert not window.article_pane.images_bar.isVisibleTo(window)
    assert "[" in window.article_pane.view.toPlainText()  # the placeholder with the alt text is shown


def test_traditional_query_lists_simplified_posts_and_highlights_the_words(window):
    window.list_pane.search.setText("鍵盤")
    window.list_pane.flush_search()
    paths = {window.list_pane.model.post(i).path for i in range(window.list_pane.model.rowCount())}
    assert JIANPAN in paths
    window.reading.open_post_path(JIANPAN)
    view = window.article_pane.view
    highlights = view.extraSelections()
    assert highlights
    assert {s.cursor.selectedText() for s in highlights} == {"键盘"}


def test_find_ignores_the_chinese_script(window):
    window.reading.open_post_path(JIANPAN)
    view = window.article_pane.view
    simplified = view.toPlainText().count("键盘")
    assert simplified > 1
    press(K.Key_F, CTRL)
    window.article_pane.find_field.setText("鍵盤")
    assert window.article_pane.find_count.text() == f"1 of {simplified}"
    assert view.textCursor().selectedText() == "键盘"
    window.article_pane.find_field.setText("no such words anywhere")
    assert window.article_pane.find_count.text() == "No matches"


def test_show_in_traditional_converts_the_display_only(window):
    path = GUIDE / JIANPAN
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    window.reading.open_post_path(JIANPAN)
    view = window.article_pane.view
    assert "键盘" in view.toPlainText()
    window.actions_by_id[ActionId.SCRIPT_TRADITIONAL].trigger()
    assert "鍵盤" in view.toPlainText() and "键盘" not in view.toPlainText()
    assert window.settings.prefs.script == "traditional"
    window.reading.next_post()  # stays on for the next post
    assert window.article_pane.view.script == "traditional"
    window.actions_by_id[ActionId.SCRIPT_AS_WRITTEN].trigger()
    window.reading.open_post_path(JIANPAN)
    assert "键盘" in view.toPlainText()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_export_pdf_writes_the_article_with_its_header(window, tmp_path):
    window.settings.prefs.theme = "dark"
    window.article_commands.apply_preferences()
    window.reading.open_post_path(JIANPAN)
    out = tmp_path / "article.pdf"
    assert window.article_commands.export_pdf(str(out))
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
    from reader.gui.article_commands import article_document
    doc = article_document(window.article_pane.view)  # printed in the light variant
    assert f"color: {THEME_COLORS['light'].text}" in doc.defaultStyleSheet()
    window.settings.prefs.theme = "system"
    window.article_commands.apply_preferences()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt install poppler-utils): PDF text not checked")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    title = window.reading.current_row().title
    squeeze = "".join(text.split())
    assert "".join(title.split()) in squeeze
    assert "键盘" in squeeze


def test_copy_link_and_plain_text(window):
    row = window.reading.current_row()
    press(K.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.clipboard().text() == row.url
    window.article_commands.copy_text()
    assert QGuiApplication.clipboard().text() == window.article_pane.view.toPlainText()
    assert row.title in QGuiApplication.clipboard().text()


def test_every_control_and_action_has_an_accessible_name(window):
    missing = [f"{type(w).__name__} {w.objectName()!r}" for w in window.findChildren(QWidget)
               if w.isVisibleTo(window) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
               and not w.accessibleName() and type(w).__name__ not in ("QMenuBar", "QScrollBar", "QHeaderView")
               and not w.objectName().startswith("qt_")]
    assert missing == []
    for spec in ACTIONS:
        assert window.actions_by_id[spec.id].text()


def test_accessibility_tree_exposes_the_article_text(window):
    view = window.article_pane.view
    iface = QAccessible.queryAccessibleInterface(view)
    assert iface is not None
    assert iface.text(QAccessible.Text.Name) == "Article"
    text_iface = iface.textInterface()
    assert text_iface is not None
    exposed = text_iface.text(0, text_iface.characterCount())
    assert window.reading.current_row().title in exposed
    # a screen reader gets the whole text (table cells come with Qt's frame separators)
    for separator in ("\ufdd0", "\ufdd1", "\u2029"):
        exposed = exposed.replace(separator, "\n")
    assert exposed.strip() == view.toPlainText().strip()


def test_focus_is_visible_on_each_pane(window):
    sheet = QApplication.instance().styleSheet()
    for name in ("tree", "posts", "article"):
        assert f"#{name}:focus" in sheet
    assert {window.tree_pane.view.objectName(), window.list_pane.view.objectName(),
            window.article_pane.view.objectName()} == {"tree", "posts", "article"}
    # The frame of the focused pane is drawn differently from the others.
    window.focus_article()
    QTest.qWait(20)
    focused = window.article_pane.view.grab().toImage()
    window.focus_list()
    QTest.qWait(20)
    unfocused = window.article_pane.view.grab().toImage()
    assert focused.pixelColor(0, focused.height() // 2) != unfocused.pixelColor(0, unfocused.height() // 2)


def test_a_high_contrast_desktop_wins_over_lectern_themes():
    from reader.gui.appearance import effective_theme, high_contrast

    assert effective_theme("dark", high_contrast_on=True) == "system"
    assert effective_theme("sepia", high_contrast_on=False) == "sepia"
    assert high_contrast() in (True, False)  # readable on this Qt
