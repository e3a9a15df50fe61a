"""Live refresh: files added, changed and removed while the window is open (a `git pull`)."""

from __future__ import annotations

import os
import shutil
import time

import pytest
from PySide6.QtCore import Qt

from gui_helpers import GUIDE, list_titles, make_window, tree_node
from helpers import write_post
from reader.core.queries import Scope
from reader.gui.watcher import DEBOUNCE_MS

KEYBOARD = "_posts/2024-03-02-keyboard.md"


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "archive"
    shutil.copytree(GUIDE, root)
    return root


@pytest.fixture
def window(qtbot, archive):
    w = make_window(qtbot, archive)
    w.focus_list()
    w.reading.open_post_path(KEYBOARD)
    return w


def pull(posts, count, start=0, word="Pulled"):
    for i in range(start, start + count):
        write_post(posts, f"2026-01-{1 + i % 28:02d}-pulled-{i}.md",
                   f"title: {word} post {i}\ndate: 2026-01-{1 + i % 28:02d}\ntags: [pulled]",
                   f"<p>Fresh text number {i} 新闻。</p>")


def test_a_pull_shows_new_posts_and_keeps_selection_and_search(window, archive, qtbot):
    window.list_pane.search.setText("post")
    window.list_pane.flush_search()
    window.reading.open_post_path(KEYBOARD)
    before = len(list_titles(window))
    unread_before = tree_node(window, Scope("unread")).unread
    started = time.monotonic()
    pull(archive / "_posts", 3)
    qtbot.waitUntil(lambda: len(list_titles(window)) == before + 3, timeout=2000 + DEBOUNCE_MS + 3000)
    assert time.monotonic() - started < 2 + DEBOUNCE_MS / 1000 + 3
    assert window.list_pane.search.text() == "post"  # the search is kept...
    assert window.reading.current_row().path == KEYBOARD  # ...and the selection
    assert window.list_pane.view.currentIndex().row() == window.list_pane.model.row_of_id(window.reading.current_row().id)
    assert tree_node(window, Scope("unread")).unread == unread_before + 3  # new posts are unread
    assert tree_node(window, Scope("tag", "pulled")).total == 3
    assert window.status_new.isVisible() and "3" in window.status_new.text()
    window.live.show_new_posts()
    assert sorted(list_titles(window)) == ["Pulled post 0", "Pulled post 1", "Pulled post 2"]


def test_a_changed_post_is_shown_again_and_a_deleted_one_says_so(window, archive, qtbot):
    path = archive / KEYBOARD
    text = path.read_text(encoding="utf-8").replace("Keyboard shortcuts", "Keyboard shortcuts, revised", 1)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    window.session.refresh()  # in-place rewrites are caught by .git or a rescan; here directly
    qtbot.waitUntil(lambda: "revised" in window.article_pane.view.toPlainText(), timeout=5000)
    path.unlink()
    qtbot.waitUntil(lambda: "deleted" in window.article_pane.view.toPlainText(), timeout=2000 + DEBOUNCE_MS + 3000)
    assert KEYBOARD not in [window.list_pane.model.post(i).path for i in range(window.list_pane.model.rowCount())]


def test_a_deleted_folder_and_a_burst_of_500_files(window, archive, qtbot):
    sub = archive / "_posts" / "extra"
    pull(sub, 5, word="Sub")
    qtbot.waitUntil(lambda: sum(t.startswith("Sub post") for t in list_titles(window)) == 5, timeout=6000)
    refreshes = []
    window.session.refreshed.connect(lambda report: refreshes.append(report))
    shutil.rmtree(sub)
    pull(archive / "_posts", 500, start=100)
    qtbot.waitUntil(lambda: len(list_titles(window)) == 10 + 500, timeout=15000)
    assert not any(t.startswith("Sub post") for t in list_titles(window))
    # One burst, few refreshes (debounced), not one per file.
    assert len(refreshes) <= 3, [(r.added, r.removed) for r in refreshes]


def test_scroll_position_of_the_list_is_kept(window, archive, qtbot):
    pull(archive / "_posts", 200)
    qtbot.waitUntil(lambda: len(list_titles(window)) == 210, timeout=8000)
    view = window.list_pane.view
    window.list_pane.model  # noqa: B018
    middle = window.list_pane.model.row_of_id(window.reading.current_row().id)
    view.scrollTo(window.list_pane.model.index(middle, 0))
    value = view.verticalScrollBar().value()
    assert value > 0
    pull(archive / "_posts", 1, start=900)
    qtbot.waitUntil(lambda: len(list_titles(window)) == 211, timeout=6000)
    assert abs(view.verticalScrollBar().value() - value) <= 2 * view.sizeHintForRow(0)
    assert window.list_pane.view.currentIndex().isValid()
    assert Qt  # noqa: B018
