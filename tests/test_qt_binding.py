"""Guards against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 drops a reference to True on every Signal.emit() from Python;
after a few thousand signals the interpreter aborts ("deallocating True").
pyproject.toml excludes it; this test fails loudly if such a build comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(int)


def test_signal_emit_keeps_reference_counts(qapp):
    emitter = _Emitter()
    seen: list[int] = []
    emitter.changed.connect(seen.append)
    before = sys.getrefcount(True)
    for i in range(200):
        emitter.changed.emit(i)
    assert len(seen) == 200
    assert sys.getrefcount(True) - before > -50, "this PySide6 build leaks references on emit: use another version"
