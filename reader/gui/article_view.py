"""The article pane: a QTextBrowser that shows one cleaned post under a header of its own.

It owns what a reader does inside an article: links (http(s)/mailto to the
system browser, links to other posts of the archive opened here, tag and
category links that select the tree entry), images (local ones inside the
archive shown, remote ones only when allowed, else a placeholder with the
alt text), find, zoom and the scroll position.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.core.article import Article
from reader.core.queries import Row, Scope

from .list_model import format_date
from .net import ImageFetcher

__all__ = ["ArticleView", "SCOPE_SCHEME"]

SCOPE_SCHEME = "lectern-scope"
_REMOTE_IMG = re.compile(r'<img\b[^>]*\bclass="remote"[^>]*>')
_ATTR = re.compile(r'\b(src|alt)="([^"]*)"')

STYLE = """
body { line-height: 150%; }
h1.title { font-size: x-large; margin-bottom: 4px; }
p.meta { color: palette(mid); margin-top: 0; }
p.labels a { text-decoration: none; }
div.header { margin-bottom: 14px; }
p.caption, div.caption { color: palette(mid); font-size: small; }
p.embed { background-color: palette(alternate-base); padding: 6px; }
span.img-placeholder { color: palette(mid); font-style: italic; }
blockquote { margin-left: 16px; color: palette(dark); }
pre { background-color: palette(alternate-base); }
table { border-width: 1px; border-style: solid; border-color: palette(mid); border-collapse: collapse; }
td, th { padding: 3px 6px; }
"""


class ArticleView(QTextBrowser):
    open_post = Signal(str)  # a post of this archive, by path
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
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(self.tr("Article"))
        self.document().setDefaultStyleSheet(STYLE)
        self.document().setDocumentMargin(18)

    def _connect_signals(self) -> None:
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.fetcher.image_ready.connect(self._on_image_ready)

    # --- showing ------------------------------------------------------------------------

    def show_article(self, root: Path, row: Row, article: Article, allow_remote: bool) -> None:
        self.root, self.row, self.article = root, row, article
        self.allow_remote = allow_remote
        body = article.html
        remote = article.cleaned.remote_images
        if remote and not allow_remote:
            body = _REMOTE_IMG.sub(_placeholder, body)
        self.document().clear()
        self.setHtml(self._header(row, article) + body)
        if remote and allow_remote:
            for url in remote:
                self.fetcher.fetch(url)
        self.remote_images_blocked.emit(0 if allow_remote else len(remote))

    def show_message(self, title: str, text: str) -> None:
        """A note in place of an article (a deleted post, a post that cannot be read)."""
        self.article, self.row = None, None
        self.setHtml(f"<h2>{html.escape(title)}</h2><p>{html.escape(text)}</p>")
        self.remote_images_blocked.emit(0)

    def clear_article(self) -> None:
        self.article, self.row = None, None
        self.clear()
        self.remote_images_blocked.emit(0)

    def _header(self, row: Row, article: Article) -> str:
        post = article.post
        parts = [f'<div class="header"><h1 class="title">{html.escape(post.title)}</h1>']
        meta = [format_date(post.date, with_time=len(post.date) > 10)]
        if post.author:
            meta.append(f'<a href="{SCOPE_SCHEME}:author/{_q(post.author)}">{html.escape(post.author)}</a>')
        parts.append(f'<p class="meta">{" · ".join(m for m in meta if m)}</p>')
        labels = [f'<a href="{SCOPE_SCHEME}:category/{_q(c)}">{html.escape(c)}</a>' for c in post.categories]
        labels += [f'<a href="{SCOPE_SCHEME}:tag/{_q(t)}">#{html.escape(t)}</a>' for t in post.tags
                   if t not in post.categories]
        if labels:
            parts.append(f'<p class="labels">{" ".join(labels)}</p>')
        if post.url:
            host = QUrl(post.url).host()
            parts.append(f'<p class="source"><a href="{html.escape(post.url, quote=True)}">'
                         f'{html.escape(self.tr("Open original"))}</a> — {html.escape(host)}</p>')
        parts.append("<hr/></div>")
        return "".join(parts)

    # --- links --------------------------------------------------------------------------------

    def _on_anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme()
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

    def _on_image_ready(self, url: str, image: QImage) -> None:
        if self.article is None or url not in self.article.cleaned.remote_images:
            return
        self.document().addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url), image)
        self.document().markContentsDirty(0, self.document().characterCount())

    # --- zoom, scrolling ---------------------------------------------------------------------------

    def set_zoom(self, steps: int) -> None:
        steps = max(-8, min(20, steps))
        delta = steps - self.zoom_steps
        if delta > 0:
            self.zoomIn(delta)
        elif delta < 0:
            self.zoomOut(-delta)
        self.zoom_steps = steps

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

    # --- find ------------------------------------------------------------------------------------

    def find_text(self, text: str, backward: bool = False) -> bool:
        """Find the next (or previous) match, wrapping around; False when there is none."""
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if self.find(text, flags):
            return True
        cursor = self.textCursor()
        cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
        self.setTextCursor(cursor)
        return self.find(text, flags)

    def count_matches(self, text: str) -> int:
        if not text:
            return 0
        return self.document().toPlainText().lower().count(text.lower())


def _q(text: str) -> str:
    return html.escape(bytes(QUrl.toPercentEncoding(text)).decode(), quote=True)


def _placeholder(match: re.Match[str]) -> str:
    """A remote image not loaded: its alt text in brackets (already escaped by the cleaner)."""
    attrs = dict(_ATTR.findall(match.group(0)))
    alt = attrs.get("alt") or QCoreApplication.translate("ArticleView", "image")
    label = QCoreApplication.translate("ArticleView", "Image: %1").replace("%1", alt)
    return f'<span class="img-placeholder">[{label}]</span>'
