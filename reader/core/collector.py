"""Holding off Python's cycle collector while a scan makes many short-lived objects."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused"]

_lock = threading.Lock()
_holders = [0, False]  # scans running, whether the collector was on before the first


@contextmanager
def paused() -> Iterator[None]:
    """Python's cycle collector off while a scan runs.  A scan holds a few hundred thousand
    objects for a while (found files, parsed posts); each full pass of the collector over
    them holds the GIL for 0.2-0.5 s at 100,000 posts, and the window's thread, waiting
    for it, froze that long every few seconds.  Nothing made here forms reference cycles:
    it is all freed as usual when the scan ends."""
    with _lock:
        if _holders[0] == 0:
            _holders[1] = gc.isenabled()
            gc.disable()
        _holders[0] += 1
    try:
        yield
    finally:
        with _lock:
            _holders[0] -= 1
            if _holders[0] == 0 and _holders[1]:
                gc.enable()
