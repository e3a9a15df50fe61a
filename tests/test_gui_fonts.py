"""The article's fonts: English in a Latin font (its quotes and apostrophes too: "China’s", not the
full-width "China’ s" of a CJK font), Han in the CJK font, quotes next to Chinese full-width.
Checked on the glyphs Qt lays out, not on the names asked for."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase, QTextDocument

from gui_helpers import make_window
from helpers import write_post
from reader.gui.appearance import is_cjk_family, latin_reading_family, reading_families

MIXED = "_posts/2024-12-02-mixed.md"
ENGLISH = "Russia’s leaders promised “no limits” to the ‘friendship’ — and more…"
CHINESE = "他说：“我们没有上限。”这是‘友谊’——还有……"
QUOTES = "‘’“”"


@pytest.fixture(autouse=True)
def _fonts():
    if latin_reading_family() is None or not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("needs a Latin and a CJK font (apt install fonts-dejavu-core fonts-wqy-microhei)")


@pytest.fixture
def window(qtbot, tmp_path):
    archive = tmp_path / "archive"
    write_post(archive / "_posts", "2024-12-02-mixed.md", """
title: "Quotes “here” 中文“这里”"
date: 2024-12-02
""", f"<p>{ENGLISH}</p>\n<p>{CHINESE}</p>\n<p>Mixed: the “两会” and China’s 习近平.</p>\n")
    w = make_window(qtbot, archive)
    w.reading.open_post_path(MIXED)
    return w


def laid_out_fonts(doc: QTextDocument, paragraph: str) -> dict[str, set[str]]:
    """{character: the families of the fonts its glyphs were laid out in} for the block `paragraph`."""
    block = doc.begin()
    while block.isValid() and block.text() != paragraph:
        block = block.next()
    assert block.isValid(), paragraph
    doc.documentLayout().blockBoundingRect(block)  # lays the block out
    layout = block.layout()
    fonts: dict[str, set[str]] = {}
    for i, ch in enumerate(paragraph):
        if not ch.isspace():
            fonts.setdefault(ch, set()).update(run.rawFont().familyName() for run in layout.glyphRuns(i, 1))
    return fonts


def test_the_font_stack_puts_a_latin_family_before_the_cjk_one(window):
    families = window.article_pane.view.document().defaultFont().families()
    assert len(families) >= 2
    assert not is_cjk_family(families[0])
    assert any(is_cjk_family(f) for f in families[1:])
    assert families == list(window.article_pane.view.typography.families)


def test_english_quotes_are_laid_out_in_the_latin_font_and_han_in_the_cjk_font(window):
    doc = window.article_pane.view.document()
    latin, cjk = doc.defaultFont().families()[:2]
    english = laid_out_fonts(doc, ENGLISH)
    for ch in QUOTES + "R—…":
        assert english[ch] == {latin}, ch
    chinese = laid_out_fonts(doc, CHINESE)
    for ch in "他说我们":
        assert chinese[ch] == {cjk}, ch
    for ch in QUOTES + "—…":  # next to Chinese: full-width, as Chinese is set
        assert chinese[ch] == {cjk}, ch
    mixed = laid_out_fonts(doc, "Mixed: the “两会” and China’s 习近平.")
    assert mixed["’"] == {latin} and mixed["C"] == {latin}
    assert mixed["“"] == {cjk} and mixed["两"] == {cjk}


def test_a_chosen_family_goes_first_and_keeps_the_cjk_fallback(window):
    serif = next((f for f in ("DejaVu Serif", "Liberation Serif", "Nimbus Roman") if f in QFontDatabase.families()),
                 None)
    if serif is None:
        pytest.skip("no serif Latin font installed")
    window.settings.prefs.font_family = serif
    window.article_commands.apply_preferences()
    doc = window.article_pane.view.document()
    families = doc.defaultFont().families()
    assert families[0] == serif and any(is_cjk_family(f) for f in families[1:])
    assert laid_out_fonts(doc, ENGLISH)["’"] == {serif}
    assert laid_out_fonts(doc, CHINESE)["他"] != {serif}
    window.settings.prefs.font_family = ""
    window.article_commands.apply_preferences()
    assert doc.defaultFont().families()[0] == reading_families()[0]


def test_the_printed_article_uses_the_same_fonts(window):
    from reader.gui.article_commands import article_document
    doc = article_document(window.article_pane.view)
    latin, cjk = doc.defaultFont().families()[:2]
    assert laid_out_fonts(doc, ENGLISH)["’"] == {latin}
    assert laid_out_fonts(doc, CHINESE)["“"] == {cjk}


def test_a_real_english_article(qtbot, corpus):
    window = make_window(qtbot, corpus / "oped2")
    window.reading.open_post_path("_posts/2023-02-27-How Much Does U.S.-China Tension Threaten Decarbon.md")
    doc = window.article_pane.view.document()
    latin = doc.defaultFont().families()[0]
    block = doc.begin()
    checked = 0
    while block.isValid():
        if "China’s" in block.text():
            fonts = laid_out_fonts(doc, block.text())
            assert fonts["’"] == {latin}
            checked += 1
        block = block.next()
    assert checked >= 3
