"""The app's only network access: images the reader asked for, nothing else.

One QNetworkAccessManager, used only by `ImageFetcher`, only for http(s)
image URLs, with a size cap, a time cap and a disk cache.  `requests_made`
counts every request, so tests can prove that default settings make none.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkDiskCache, QNetworkReply, QNetworkRequest

__all__ = ["ImageFetcher", "MAX_IMAGE_BYTES", "TIMEOUT_MS"]

MAX_IMAGE_BYTES = 8 * 1024 * 1024
TIMEOUT_MS = 20_000
DISK_CACHE_BYTES = 200 * 1024 * 1024


class ImageFetcher(QObject):
    image_ready = Signal(str, QImage)  # url, image
    image_failed = Signal(str, str)  # url, reason

    def __init__(self, cache_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.requests_made = 0
        self._manager: QNetworkAccessManager | None = None  # created on first use: no request, no manager
        self._cache_dir = cache_dir
        self._pending: dict[str, QNetworkReply] = {}
        self._done: dict[str, QImage] = {}

    def cached(self, url: str) -> QImage | None:
        return self._done.get(url)

    def fetch(self, url: str) -> None:
        qurl = QUrl(url)
        if qurl.scheme() not in ("http", "https") or url in self._pending or url in self._done:
            return
        if self._manager is None:
            self._manager = QNetworkAccessManager(self)
            cache = QNetworkDiskCache(self._manager)
            cache.setCacheDirectory(str(self._cache_dir / "images"))
            cache.setMaximumCacheSize(DISK_CACHE_BYTES)
            self._manager.setCache(cache)
        request = QNetworkRequest(qurl)
        request.setTransferTimeout(TIMEOUT_MS)
        request.setAttribute(QNetworkRequest.Attribute.CacheLoadControlAttribute,
                             QNetworkRequest.CacheLoadControl.PreferCache)
        request.setAttribute(QNetworkRequest.Attribute.RedirectPolicyAttribute,
                             QNetworkRequest.RedirectPolicy.NoLessSafeRedirectPolicy)
        self.requests_made += 1
        reply = self._manager.get(request)
        self._pending[url] = reply
        reply.downloadProgress.connect(lambda got, total, u=url: self._on_progress(u, got, total))
        reply.finished.connect(lambda u=url: self._on_finished(u))

    def abort_all(self) -> None:
        for reply in list(self._pending.values()):
            reply.abort()

    def _on_progress(self, url: str, received: int, total: int) -> None:
        if received > MAX_IMAGE_BYTES or total > MAX_IMAGE_BYTES:
            reply = self._pending.get(url)
            if reply is not None:
                reply.setProperty("too_large", True)
                reply.abort()

    def _on_finished(self, url: str) -> None:
        reply = self._pending.pop(url, None)
        if reply is None:
            return
        reply.deleteLater()
        if reply.property("too_large"):
            self.image_failed.emit(url, self.tr("larger than %1 MB").replace("%1", str(MAX_IMAGE_BYTES // 2**20)))
            return
        if reply.error() != QNetworkReply.NetworkError.NoError:
            self.image_failed.emit(url, reply.errorString())
            return
        image = QImage()
        if not image.loadFromData(reply.readAll()):
            self.image_failed.emit(url, self.tr("not an image"))
            return
        self._done[url] = image
        self.image_ready.emit(url, image)
