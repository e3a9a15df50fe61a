"""The window on the real archives in ../shared/corpus (skipped when absent)."""

from __future__ import annotations

import socket
import sys

import pytest

from conftest import CORPUS, CORPUS_MISSING
from gui_helpers import make_window

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=CORPUS_MISSING)

_connects: list[object] = []
_watching = [False]


def _audit(event: str, args: tuple) -> None:
    if _watching[0] and event in ("socket.connect", "socket.getaddrinfo", "socket.sendto"):
        _connects.append((event, args))


sys.addaudithook(_audit)


def test_seed_post_renders_its_chinese_text_and_captions(qtbot):
    window = make_window(qtbot, CORPUS / "seed")
    window.reading.first_post()
    text = window.article_pane.view.toPlainText()
    assert text.startswith("朝鲜出兵援助俄罗斯之际 习近平宣布访俄")
    assert "韩国的情报机构本周五披露" in text
    assert "习近平将访问俄罗斯出席金砖会议" in text and "普京在2024年BRICS20峰会上" in text
    assert "[朝鲜出兵" not in text and "------" not in text and "NaN" not in text
    assert window.article_pane.images_bar.isVisible()  # its remote photos wait for the reader


def test_opening_every_post_makes_no_network_request(qtbot):
    window = make_window(qtbot, CORPUS / "oped2")
    model = window.list_pane.model
    assert model.rowCount() == 418
    _connects.clear()
    _watching[0] = True
    try:
        sock = socket.socket()  # the audit hook itself works
        try:
            sock.connect(("127.0.0.1", 9))
        except OSError:
            pass
        finally:
            sock.close()
        assert _connects, "the socket audit hook saw nothing"
        _connects.clear()
        window.focus_list()
        window.reading.first_post()
        for _ in range(model.rowCount() - 1):
            window.reading.next_post()
            qtbot.wait(0)  # let paint-time resource loads happen
        window.article_pane.view.grab()
    finally:
        _watching[0] = False
    assert window.reading.current_row().id == model.id_at(model.rowCount() - 1)
    assert _connects == []
    assert window.fetcher.requests_made == 0


def test_background_indexing_shows_the_list_with_search_then_indexes_all_text(qtbot):
    from reader.gui.app import build_window

    window = build_window()  # the real thread-pool runner
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(CORPUS / "oped2")
    assert not window.list_pane.search.isEnabled()
    qtbot.waitUntil(lambda: window.list_pane.model.rowCount() == 418, timeout=60_000)
    assert window.list_pane.search.isEnabled()  # over what is indexed so far
    qtbot.waitUntil(lambda: window.session.searchable, timeout=120_000)
    assert window.status_index.text() == "Search ready"
    window.list_pane.search.setText("普京")
    window.list_pane.flush_search()
    assert 0 < window.list_pane.model.rowCount() < 418
    window.close()
    window.runner.wait(10_000)


def test_quitting_while_indexing_exits_promptly(tmp_path):
    """Close the window while the text is still being indexed: the process must end, not hang."""
    import os
    import subprocess
    import time

    code = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from reader.gui.app import build_window
if __name__ == "__main__":
    app = QApplication([])
    window = build_window()
    window.show()
    window.open_path({str(CORPUS / "oped2")!r})
    def check():
        if window.list_pane.model.rowCount():
            print("listed", window.session.searchable, flush=True)
            window.close()
            app.quit()
        else:
            QTimer.singleShot(10, check)
    QTimer.singleShot(0, check)
    app.exec()
    window.shutdown()
"""
    script = tmp_path / "quit_early.py"
    script.write_text(code)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LECTERN_CACHE_DIR=str(tmp_path / "cache"),
               LECTERN_DATA_DIR=str(tmp_path / "data"))
    started = time.monotonic()
    result = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "listed False" in result.stdout  # it quit before all the text was indexed
    assert time.monotonic() - started < 60
