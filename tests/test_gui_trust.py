"""The window when the reader's marks file is damaged: kept aside, said so, a new one used."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from gui_helpers import make_window
from reader.core import paths


def test_a_damaged_marks_file_is_kept_aside_and_the_reader_is_told(qtbot):
    state = paths.data_dir() / "state.sqlite"
    state.parent.mkdir(parents=True, exist_ok=True)
    garbage = b"this is not a database, it was damaged by a disk error" * 100
    state.write_bytes(garbage)
    window = make_window(qtbot)
    box = window.findChild(QMessageBox, "state-recovered")
    assert box is not None and box.isVisible()
    kept = [p for p in state.parent.iterdir() if p.name.startswith("state.sqlite.corrupt-")]
    assert len(kept) == 1 and kept[0].read_bytes() == garbage  # never deleted, never changed
    assert str(kept[0]) in box.informativeText()
    # The new file works: marks are kept.
    window.focus_list()
    window.reading.first_post()
    window.reading.toggle_star()
    assert window.session.is_starred(window.reading.current_row().key)
    assert window.session.state.starred_keys()
