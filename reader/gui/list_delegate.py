"""How the title cell of a search result is drawn: the title, and under it the words around the match.

Readers who never hover (the keyboard ones) see why a post was found.  The
snippet comes from the model (`PostRole.SNIPPET`: text and the spans of the
matched words); the title line is Qt's own painting, so it keeps the
unread bold, the star and the selection colours of every other row.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .list_model import PostRole

__all__ = ["SnippetDelegate", "elide_spans"]


def elide_spans(text: str, spans: tuple[tuple[int, int], ...], keep: int) -> tuple[str, list[tuple[int, int]]]:
    """`text` cut to about `keep` characters, with the first match in sight (a quarter of the way
    in when it would be cut off), "…" where cut, and the spans that are still in it."""
    start = 0
    if spans and spans[0][1] > keep * 3 // 4 and keep < len(text):
        start = max(0, spans[0][0] - keep // 4)
    lead = "…" if start > 0 else ""
    text = text[start:]
    spans = tuple((a - start + len(lead), b - start + len(lead)) for a, b in spans if a >= start)
    text = lead + text
    if keep >= len(text):
        return text, [s for s in spans if s[1] <= len(text)]
    keep = max(0, keep - 1)
    return text[:keep] + "…", [(a, min(b, keep)) for a, b in spans if a < keep]


class SnippetDelegate(QStyledItemDelegate):
    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        found = index.data(PostRole.SNIPPET)
        if found and found[0]:  # the title on the first line; the second is the snippet's
            option.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)  # background, selection, star, title (top line)
        found = index.data(PostRole.SNIPPET)
        if not found or not found[0]:
            return
        text, spans = found
        rect, line = option.rect, option.fontMetrics.lineSpacing()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = (QPalette.ColorGroup.Active if option.state & QStyle.StateFlag.State_Active
                 else QPalette.ColorGroup.Inactive)
        area = QRect(rect.left() + 4, rect.bottom() - line - 2, rect.width() - 8, line)
        self._paint_snippet(painter, option, area, text, spans, selected, group)

    def _paint_snippet(self, painter: QPainter, option: QStyleOptionViewItem, area: QRect, text: str,
                       spans: tuple[tuple[int, int], ...], selected: bool, group: QPalette.ColorGroup) -> None:
        font = QFont(option.font)
        font.setBold(False)
        metrics = option.fontMetrics
        keep = len(text)
        shown, kept = elide_spans(text, spans, keep)
        while keep > 1 and metrics.horizontalAdvance(shown) > area.width():  # cut to what fits
            keep = keep * 9 // 10
            shown, kept = elide_spans(text, spans, keep)
        palette = option.palette
        ink = palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText)
        mark = QTextCharFormat()
        mark.setFontWeight(QFont.Weight.Bold)
        if not selected:  # the match in the text colour on a tint of the selection colour
            mark.setForeground(palette.color(group, QPalette.ColorRole.Text))
            tint = palette.color(group, QPalette.ColorRole.Highlight)
            tint.setAlpha(60)
            mark.setBackground(tint)
        ranges = []
        for start, end in kept:
            r = QTextLayout.FormatRange()
            r.start, r.length, r.format = start, end - start, mark
            ranges.append(r)
        layout = QTextLayout(shown, font)
        layout.setFormats(ranges)
        layout.beginLayout()
        row = layout.createLine()
        if row.isValid():
            row.setLineWidth(area.width())
        layout.endLayout()
        painter.save()
        painter.setClipRect(area)
        painter.setPen(ink)
        layout.draw(painter, area.topLeft())
        painter.restore()
