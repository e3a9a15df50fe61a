"""Background work: one task runner for the window, and a synchronous one for tests.

A task is a plain function run on a worker thread (QThreadPool).  It never
touches widgets: it reports through callbacks that the runner delivers on the
GUI thread (queued signals).  A task receives a `TaskContext` to report
progress and to see whether it was cancelled.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

__all__ = ["TaskContext", "TaskRunner", "SyncRunner", "Runner"]

Callback = Callable[..., None]


class TaskContext:
    """What a running task can do: report progress, emit intermediate results, check cancellation."""

    def __init__(self, progress: Callback, partial: Callback) -> None:
        self._cancel = threading.Event()
        self._progress = progress
        self._partial = partial

    def progress(self, done: int, total: int) -> None:
        self._progress(done, total)

    def partial(self, value: Any) -> None:
        """Hand an intermediate result to the GUI thread (e.g. 'metadata ready')."""
        self._partial(value)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Bridge(QObject):
    """Lives on the GUI thread: signals emitted by the worker arrive at its slots there
    (a bound slot of a QObject gets a queued connection; a plain function would not)."""

    done = Signal(object)
    failed = Signal(str, str)
    progress = Signal(int, int)
    partial = Signal(object)

    def __init__(self, callbacks: dict[str, Callback | None], finished: Callable[[_Bridge], None]) -> None:
        super().__init__()
        self.callbacks = callbacks
        self.finished = finished
        self.done.connect(self._on_done)
        self.failed.connect(self._on_failed)
        self.progress.connect(self._on_progress)
        self.partial.connect(self._on_partial)

    def _call(self, name: str, *args: object) -> None:
        callback = self.callbacks.get(name)
        if callback is not None:
            callback(*args)

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self.finished(self)
        self._call("done", result)

    @Slot(str, str)
    def _on_failed(self, message: str, details: str) -> None:
        self.finished(self)
        self._call("failed", message, details)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self._call("progress", done, total)

    @Slot(object)
    def _on_partial(self, value: object) -> None:
        self._call("partial", value)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[TaskContext], Any], bridge: _Bridge, context: TaskContext) -> None:
        super().__init__()
        self.fn, self.bridge, self.context = fn, bridge, context
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.context)
        except Exception as exc:  # reported to the GUI, never swallowed
            self.bridge.failed.emit(f"{type(exc).__name__}: {exc}", traceback.format_exc())
        else:
            self.bridge.done.emit(result)


class TaskRunner(QObject):
    """Runs tasks on a thread pool; callbacks arrive on the GUI thread."""

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._live: set[_Bridge] = set()

    def run(self, fn: Callable[[TaskContext], Any], *, done: Callback | None = None,
            failed: Callback | None = None, progress: Callback | None = None,
            partial: Callback | None = None) -> TaskContext:
        bridge = _Bridge({"done": done, "failed": failed, "progress": progress, "partial": partial},
                         self._live.discard)
        self._live.add(bridge)
        context = TaskContext(bridge.progress.emit, bridge.partial.emit)
        self.pool.start(_Job(fn, bridge, context))
        return context

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)


class SyncRunner:
    """Runs each task at once on the calling thread: deterministic tests."""

    def run(self, fn: Callable[[TaskContext], Any], *, done: Callback | None = None,
            failed: Callback | None = None, progress: Callback | None = None,
            partial: Callback | None = None) -> TaskContext:
        context = TaskContext(progress or (lambda *a: None), partial or (lambda *a: None))
        try:
            result = fn(context)
        except Exception as exc:
            if failed is None:
                raise
            failed(f"{type(exc).__name__}: {exc}", traceback.format_exc())
        else:
            if done:
                done(result)
        return context

    def wait(self, msecs: int = -1) -> bool:
        return True


Runner = TaskRunner | SyncRunner
