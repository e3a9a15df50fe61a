"""The article pane: a QTextBrowser that shows one cleaned post under a header of its own.

It owns what a reader does inside an article: links (http(s)/mailto to the
system browser, links to other posts of the archive opened here, tag and
category links that select the tree entry), images (local ones inside the
archive shown, remote ones only when allowed, else a placeholder with the
alt text), find (all matches highlighted, ignoring case and the
Simplified/Traditional difference), the words of the current search
highlighted, zoom, the theme and typography, a centred column of readable
width, display conversion to one Chinese script, and the scroll position.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QUrl, Signal
from PySide6.QtGui import (QColor, QDesktopServices, QFontInfo, QFontMetricsF, QImage, QResizeEvent, QTextCharFormat,
                           QTextCursor, QTextDocument)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.core.article import GIT_IMAGE_SCHEME, Article
from reader.core.hanzi import convert, find_spans
from reader.core.postfile import Problem
from reader.core.queries import Row, Scope
from reader.core.sources import open_source

from .appearance import THEME_COLORS, Colors, Typography, article_css, article_font, article_palette, is_cjk_family
from .list_model import format_date, status_labels
from .net import ImageFetcher
from .tree_model import location_label

__all__ = ["ArticleView", "SCOPE_SCHEME", "COPY_SCHEME", "scope_link"]

SCOPE_SCHEME = "lectern-scope"
COPY_SCHEME = "lectern-copy"  # another file holding the shown post ("also at"), by path
_REMOTE_IMG = re.compile(r'<img\b[^>]*\bclass="remote"[^>]*>')
_ATTR = re.compile(r'\b(src|alt)="([^"]*)"')
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
_NO_TRANSLATE = re.compile(r'\btranslate="no"')
_TRUNCATED = re.compile(r'<p class="embed truncated">.*?</p>', re.DOTALL)  # the core's note, in English
MIN_MARGIN = 18  # px around the text when the pane is narrower than the column
# Punctuation both scripts use, in the CJK font when it stands next to Chinese (see mark_cjk_punctuation).
_SHARED_PUNCTUATION = re.compile("[\u2018\u2019\u201c\u201d]|\u2014+|\u2026+")
# Han (with extensions and compatibility forms), CJK punctuation, kana, full-width forms.
_CJK_RANGES = ((0x2E80, 0x2FE0), (0x3000, 0x3100), (0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00),
               (0xFE30, 0xFE50), (0xFF00, 0xFFF0), (0x20000, 0x2FA20))


class ArticleView(QTextBrowser):
    open_post = Signal(str)  # a post of this archive, by path
    open_copy = Signal(str)  # show the shown post from another of its files (path)
    scope_clicked = Signal(object)  # Scope of a tag/category/author link in the header
    remote_images_blocked = Signal(int)  # how many remote images this post has, not loaded

    def __init__(self, fetcher: ImageFetcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fetcher = fetcher
        self.root: Path | None = None
        self.article: Article | None = None
        self.row: Row | None = None
        self.zoom_steps = 0
        self.allow_remote = False
        self.link_resolver = lambda url: None  # url -> post path in this archive, or None
        self.colors: Colors = THEME_COLORS["light"]
        self.typography = Typography(self.font().family(), 12, 170, 0.8, 40)
        self.script = ""  # "", "simplified" or "traditional": how Chinese is shown
        self.highlight_terms: tuple[str, ...] = ()  # the words of the search that listed this post
        self.find_spans: list[tuple[int, int]] = []  # document positions of the find matches
        self.find_current = -1
        self._html = ""
        self.page_shown = False  # a page of Lectern's own is shown (`show_page`), not an article
        self._body = ""  # the shown article's body as set (remote images as placeholders)
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.setObjectName("article")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(self.tr("Article"))
        self.set_appearance(self.colors, self.typography)

    def _connect_signals(self) -> None:
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.fetcher.image_ready.connect(self._on_image_ready)

    # --- showing ------------------------------------------------------------------------

    def show_article(self, root: Path, row: Row, article: Article, allow_remote: bool) -> None:
        self.root, self.row, self.article = root, row, article
        self.allow_remote = allow_remote
        body = article.html
        if article.truncated and article.cleaned.cut:
            body = _TRUNCATED.sub(self._truncation_note(*article.cleaned.cut), body, count=1)
        remote = article.cleaned.remote_images
        if remote and not allow_remote:
            body = _REMOTE_IMG.sub(_placeholder, body)
        self._body = body  # as shown (placeholders, note): what a change of script converts again
        self._set_html(self.article_html(body))
        if remote and allow_remote:
            for url in remote:
                self.fetcher.fetch(url)
        self.remote_images_blocked.emit(0 if allow_remote else len(remote))

    def _truncation_note(self, shown: int, total: int) -> str:
        locale = QLocale()
        text = self.tr("This post is very long, so only its beginning is shown: about %1 of %2 characters.")
        text = text.replace("%1", locale.toString(shown)).replace("%2", locale.toString(total))
        return f'<p class="embed truncated"><i>{html.escape(text)}</i></p>'

    @property
    def html_shown(self) -> str:
        """The HTML set on the view now (header, body, placeholders, script conversion)."""
        return self._html

    def article_html(self, body: str | None = None) -> str:
        """The shown article's header and body as HTML, in the chosen script."""
        if self.article is None or self.row is None:
            return ""
        text = self._header(self.row, self.article) + (self._body if body is None else body)
        return convert_html(text, self.script) if self.script else text

    def show_message(self, title: str, text: str) -> None:
        """A note in place of an article (a deleted post, a post that cannot be read)."""
        self.article, self.row = None, None
        self._set_html(f"<h2>{html.escape(title)}</h2><p>{html.escape(text)}</p>")
        self.remote_images_blocked.emit(0)

    def show_page(self, body: str) -> None:
        """A page of Lectern's own in place of an article (the welcome page), in the article's style."""
        self.article, self.row = None, None
        self._set_html(f'<div class="page">{body}</div>')
        self.page_shown = True
        self.remote_images_blocked.emit(0)

    def clear_article(self) -> None:
        self.article, self.row = None, None
        self._set_html("")
        self.remote_images_blocked.emit(0)

    def _set_html(self, text: str) -> None:
        self.page_shown = False  # `show_page` says otherwise
        self._html = text
        self.find_spans, self.find_current = [], -1
        self.setHtml(text)
        mark_cjk_punctuation(self.document(), self.typography)
        self._apply_column()
        self._update_selections()

    # --- appearance -----------------------------------------------------------------------

    def set_appearance(self, colors: Colors, typography: Typography) -> None:
        """Theme colours and typography, applied to what is shown now and every post after."""
        self.colors, self.typography = colors, typography
        palette = article_palette(colors, self.palette())
        self.setPalette(palette)
        self.viewport().setPalette(palette)  # the page itself: never a white flash between posts
        font = article_font(typography, self.zoom_steps)
        self.document().setDefaultFont(font)
        self.document().setDefaultStyleSheet(article_css(colors, typography, QFontInfo(font).pixelSize()))
        if self._html:  # the stylesheet applies when HTML is set: set it again
            fraction = self.scroll_fraction()
            self._set_html(self._html)
            self.set_scroll_fraction(fraction)
        else:
            self._apply_column()

    def set_script(self, script: str) -> None:
        """Show Chinese as written (""), or converted to "simplified" / "traditional"."""
        self.script = script
        if self.article is not None:
            fraction = self.scroll_fraction()
            self._set_html(self.article_html())
            self.set_scroll_fraction(fraction)

    def column_width(self) -> float:
        """The widest line in pixels, from the text width preference (0: no limit)."""
        if not self.typography.text_width:
            return 0.0
        return self.typography.text_width * QFontMetricsF(self.document().defaultFont()).horizontalAdvance("中")

    def _apply_column(self) -> None:
        """Centre a column no wider than the preference: wide side margins on the root frame."""
        width = self.viewport().width()
        column = self.column_width()
        side = max(MIN_MARGIN, (width - column) / 2) if column else MIN_MARGIN
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if abs(fmt.leftMargin() - side) < 0.5 and fmt.topMargin() == MIN_MARGIN:
            return
        fmt.setTopMargin(MIN_MARGIN)
        fmt.setBottomMargin(MIN_MARGIN)
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        root.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._apply_column()

    def _header(self, row: Row, article: Article) -> str:
        post = article.post
        parts = [f'<div class="header"><h1 class="title">{html.escape(post.title)}</h1>']
        day = format_date(post.date, with_time=len(post.date) > 10, long=True) or self.tr("Undated")
        meta = [html.escape(day), *(f"<b>{html.escape(label)}</b>" for label in status_labels(row))]
        if post.author:
            meta.append(scope_link("author", post.author))
        parts.append(f'<p class="meta">{" · ".join(m for m in meta if m)}</p>')
        labels = [scope_link("category", c) for c in post.categories]
        labels += [scope_link("tag", t, f"#{t}") for t in post.tags
                   if t not in post.categories]
        if labels:
            parts.append(f'<p class="labels">{" ".join(labels)}</p>')
        if post.url:
            host = QUrl(post.url).host()
            label = self.tr("Open original")
            parts.append(f'<p class="source"><a href="{html.escape(post.url, quote=True)}">'
                         f'{html.escape(label)}</a> — {html.escape(host)}</p>')
        parts.append(self._where(row))
        parts.append("<hr/></div>")
        return "".join(parts)

    def _where(self, row: Row) -> str:
        """Where the shown file is (recent, archived, ...) and the other files holding this post."""
        folder = row.path.rsplit("/", 1)[0] + "/" if "/" in row.path else ""
        place = location_label(row.location)
        where = self.tr("In %1").replace("%1", f"{html.escape(place)} · <code>{html.escape(folder or './')}</code>")
        if row.also_at:
            links = ", ".join(f'<a href="{COPY_SCHEME}:{_q(p)}">{html.escape(p)}</a>' for p in row.also_at)
            where += " · " + self.tr("also at %1").replace("%1", links)
        if row.archive_name:  # a library of several archives: which one, and which others keep it
            where = f"{html.escape(row.archive_name)} · {where}"
        if row.also_in:
            where += " · " + self.tr("also in %1").replace("%1", html.escape(", ".join(row.also_in)))
        return f'<p class="where" translate="no">{where}</p>'

    # --- links --------------------------------------------------------------------------------

    def _on_anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == COPY_SCHEME:
            self.open_copy.emit(QUrl.fromPercentEncoding(url.path().encode()))
            return
        if scheme == SCOPE_SCHEME:
            kind, _, value = url.path().partition("/")
            self.scope_clicked.emit(Scope(kind, QUrl.fromPercentEncoding(value.encode())))
            return
        if scheme in ("http", "https", "") or url.isRelative():
            target = self.link_resolver(url.toString())
            if target:
                self.open_post.emit(target)
                return
        if url.hasFragment() and not url.path() and scheme == "":
            self.scrollToAnchor(url.fragment())
            return
        if scheme in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        # every other scheme: nothing happens

    # --- images ---------------------------------------------------------------------------------

    def loadResource(self, kind: int, name: QUrl):  # noqa: N802 (Qt override)
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return None
        scheme = name.scheme()
        if scheme == "file":
            return self._local_image(name.toLocalFile())
        if scheme == GIT_IMAGE_SCHEME:  # an image of a git archive: a blob of its tree
            return self._git_image(QUrl.fromPercentEncoding(name.path().encode()))
        if scheme in ("http", "https"):
            return self.fetcher.cached(name.toString()) if self.allow_remote else None
        return None  # never a relative load against the working directory

    def _local_image(self, path: str) -> QImage | None:
        if self.root is None:
            return None
        real = os.path.realpath(path)
        root = os.path.realpath(self.root)
        if not real.startswith(root.rstrip(os.sep) + os.sep):
            return None
        image = QImage(real)
        return None if image.isNull() else image

    def _git_image(self, rel: str) -> QImage | None:
        if self.root is None:
            return None
        got = open_source(self.root).read(rel)
        if isinstance(got, Problem):
            return None
        image = QImage.fromData(got[0])
        return None if image.isNull() else image

    def _on_image_ready(self, url: str, image: QImage) -> None:
        if self.article is None or url not in self.article.cleaned.remote_images:
            return
        self.document().addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url), image)
        self.document().markContentsDirty(0, self.document().characterCount())

    # --- zoom, scrolling ---------------------------------------------------------------------------

    def set_zoom(self, steps: int) -> None:
        """Zoom in points above (or below) the preferred font size."""
        self.zoom_steps = max(-8, min(20, steps))
        self.set_appearance(self.colors, self.typography)

    def scroll_fraction(self) -> float:
        bar = self.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def set_scroll_fraction(self, fraction: float) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(round(fraction * bar.maximum()))

    def page(self, down: bool) -> bool:
        """Scroll one page; False when already at the end (or start) in that direction."""
        bar = self.verticalScrollBar()
        at_edge = bar.value() >= bar.maximum() if down else bar.value() <= bar.minimum()
        if at_edge:
            return False
        step = max(1, bar.pageStep() - bar.singleStep() * 2)
        bar.setValue(bar.value() + (step if down else -step))
        return True

    # --- find and highlights ---------------------------------------------------------------------

    def set_highlight_terms(self, terms: tuple[str, ...]) -> None:
        """Mark every occurrence of the search's words (in either Chinese script)."""
        self.highlight_terms = tuple(t for t in terms if t)
        self._update_selections()

    def find_all(self, text: str) -> int:
        """Mark every match of `text`; returns how many there are.  The next find_text
        goes to the first match after the cursor."""
        self.find_spans = self.match_spans(text) if text else []
        self.find_current = -1
        self._update_selections()
        return len(self.find_spans)

    def find_text(self, text: str, backward: bool = False) -> bool:
        """Select the next (or previous) match, wrapping around; False when there is none."""
        if not text:
            return False
        if not self.find_spans or self.find_current < 0:
            self.find_all(text)
        if not self.find_spans:
            return False
        if self.find_current < 0:
            pos = self.textCursor().selectionStart() if backward else self.textCursor().position()
            after = [i for i, (a, _b) in enumerate(self.find_spans) if a >= pos]
            before = [i for i, (a, _b) in enumerate(self.find_spans) if a < pos]
            order = (before[::-1] + after[::-1]) if backward else (after + before)
            self.find_current = order[0]
        else:
            step = -1 if backward else 1
            self.find_current = (self.find_current + step) % len(self.find_spans)
        start, end = self.find_spans[self.find_current]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._update_selections()
        return True

    def match_spans(self, text: str) -> list[tuple[int, int]]:
        """Document positions [start, end) of `text` in the article, ignoring case and 简/繁."""
        return [(a, b) for a, b in _spans(self.document().toPlainText(), [text])]

    def _update_selections(self) -> None:
        selections = []
        if self.highlight_terms:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(self.colors.highlight).lighter(120) if self.colors.dark
                              else QColor("#fff1a8"))
            if self.colors.dark:
                fmt.setForeground(QColor(self.colors.highlighted_text))
            plain = self.document().toPlainText()
            selections += [self._selection(a, b, fmt) for a, b in _spans(plain, self.highlight_terms)]
        if self.find_spans:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#f5b642"))
            fmt.setForeground(QColor("#000000"))
            current = QTextCharFormat(fmt)
            current.setBackground(QColor(self.colors.highlight))
            current.setForeground(QColor(self.colors.highlighted_text))
            selections += [self._selection(a, b, current if i == self.find_current else fmt)
                           for i, (a, b) in enumerate(self.find_spans)]
        self.setExtraSelections(selections)

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel


def _spans(plain: str, needles: tuple[str, ...] | list[str]) -> list[tuple[int, int]]:
    """`hanzi.find_spans` in QTextDocument positions (UTF-16 units: a character outside
    the BMP counts twice)."""
    found = find_spans(plain, needles)
    return _spans_in_units(plain, found) if any(ord(ch) > 0xFFFF for ch in plain) else found


def _spans_in_units(plain: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character offsets of `plain` as UTF-16 offsets (QTextDocument positions)."""
    units = [0]
    for ch in plain:
        units.append(units[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return [(units[a], units[b]) for a, b in spans]


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code < hi for lo, hi in _CJK_RANGES)


def mark_cjk_punctuation(doc: QTextDocument, typography: Typography) -> int:
    """Quotes, dashes and ellipses next to Chinese in the CJK font: full-width, as Chinese is set.

    The article's font stack puts a Latin font first, so that English reads as English ("China’s",
    “no limits”); these few characters exist in both fonts, and only their neighbours say which
    script they belong to.  Returns how many runs were marked."""
    families = list(typography.families or (typography.family,))
    cjk = next((f for f in families if is_cjk_family(f)), None)
    if cjk is None or cjk == families[0]:
        return 0  # no CJK font, or it comes first anyway
    plain = doc.toPlainText()
    runs = [(m.start(), m.end()) for m in _SHARED_PUNCTUATION.finditer(plain)
            if _is_cjk(_neighbour(plain, m.start() - 1, -1)) or _is_cjk(_neighbour(plain, m.end(), 1))]
    if not runs:
        return 0
    if any(ord(ch) > 0xFFFF for ch in plain):
        runs = _spans_in_units(plain, runs)
    fmt = QTextCharFormat()
    fmt.setFontFamilies([cjk, *(f for f in families if f != cjk)])
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for start, end in runs:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
    cursor.endEditBlock()
    return len(runs)


def _neighbour(text: str, i: int, step: int) -> str:
    """The first character from `i` on (in the direction of `step`) that is not a space; a space at an end."""
    while 0 <= i < len(text) and text[i] in " \u00a0\u3000\t":
        i += step
    return text[i] if 0 <= i < len(text) else " "


def convert_html(text: str, script: str) -> str:
    """Convert the text to one Chinese script: never the tags (their URLs and attributes must stay
    as they are), nor what is inside an element marked translate="no" (file paths, UI text)."""
    parts = _TAG.split(text)  # text, tag, text, tag, ..., text
    keep: str | None = None  # the name of the translate="no" element we are in
    depth = 0
    for i in range(0, len(parts), 2):
        if keep is None:
            parts[i] = convert(parts[i], script)
        tag = _TAG_NAME.match(parts[i + 1]) if i + 1 < len(parts) else None
        if tag is None:
            continue
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if keep is None:
            if not closing and _NO_TRANSLATE.search(parts[i + 1]) and not parts[i + 1].endswith("/>"):
                keep, depth = name, 1
        elif name == keep:
            depth += -1 if closing else 1
            if depth == 0:
                keep = None
    return "".join(parts)


def scope_link(kind: str, value: str, label: str | None = None) -> str:
    """A link that selects a tree entry (a tag, category, author, location, ...): `label` or the value."""
    return f'<a href="{SCOPE_SCHEME}:{kind}/{_q(value)}">{html.escape(value if label is None else label)}</a>'


def _q(text: str) -> str:
    return html.escape(bytes(QUrl.toPercentEncoding(text)).decode(), quote=True)


def _placeholder(match: re.Match[str]) -> str:
    """A remote image not loaded: its alt text in brackets (already escaped by the cleaner)."""
    attrs = dict(_ATTR.findall(match.group(0)))
    alt = attrs.get("alt") or QCoreApplication.translate("ArticleView", "image")
    label = QCoreApplication.translate("ArticleView", "Image: %1").replace("%1", alt)
    return f'<span class="img-placeholder">[{label}]</span>'
