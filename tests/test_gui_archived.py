"""The window on an archive laid out as the NodeBE4 repos are: _posts/ and archived/DATE/, duplicates,
a post moved by archive.sh while it is open, and an archive folder that moved."""

from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMessageBox

from gui_helpers import GUIDE, list_titles, make_window, tree_node
from helpers import write_post
from reader.core.queries import Scope
from reader.gui.article_view import COPY_SCHEME
from reader.gui.watcher import DEBOUNCE_MS

OLD = "archived/2024-09-01/2024-03-16-jianpan.md"  # the guide's 键盘 post, archived


@pytest.fixture
def archive(tmp_path):
    """The guide archive, with its oldest post moved to archived/ and a re-scraped copy left in _posts/."""
    root = tmp_path / "archive"
    shutil.copytree(GUIDE, root)
    (root / "archived" / "2024-09-01").mkdir(parents=True)
    os.rename(root / "_posts/2024-03-16-jianpan.md", root / OLD)
    write_post(root / "archived" / "2024-12-01", "2024-03-02-keyboard.md",
               (root / "_posts/2024-03-02-keyboard.md").read_text(encoding="utf-8").split("---")[1]
               .replace("Keyboard shortcuts", "Keyboard shortcuts (first scrape)"), "<p>An older scrape.</p>")
    return root


def test_the_tree_tells_recent_from_archived_and_the_header_says_where(qtbot, archive):
    window = make_window(qtbot, archive)
    recent, archived = tree_node(window, Scope("location", "_posts")), tree_node(window, Scope("location", "archived"))
    assert (recent.label, recent.total) == ("Recent", 9)
    assert (archived.label, archived.total) == ("Archived", 1)  # the keyboard copy there is shown from _posts
    assert archived.parent.label == "Location"
    window.scopes.select_scope(Scope("location", "archived"))
    assert len(list_titles(window)) == 1
    window.focus_list()
    window.reading.first_post()
    text = window.article_pane.view.toPlainText()
    assert "In Archived · archived/2024-09-01/" in text
    window.scopes.select_scope(Scope("all"))
    window.reading.open_post_path("_posts/2024-03-02-keyboard.md")
    text = window.article_pane.view.toPlainText()
    assert "In Recent · _posts/" in text and "also at archived/2024-12-01/2024-03-02-keyboard.md" in text
    assert list_titles(window).count(window.reading.current_row().title) == 1  # one post, one row


def test_another_copy_is_reachable_from_the_article(qtbot, archive):
    window = make_window(qtbot, archive)
    window.reading.open_post_path("_posts/2024-03-02-keyboard.md")
    view = window.article_pane.view
    assert "An older scrape" not in view.toPlainText()
    view.anchorClicked.emit(QUrl(f"{COPY_SCHEME}:archived%2F2024-12-01%2F2024-03-02-keyboard.md"))
    qtbot.waitUntil(lambda: "An older scrape" in view.toPlainText(), timeout=3000)
    assert "In Archived" in view.toPlainText() and "also at _posts/2024-03-02-keyboard.md" in view.toPlainText()
    assert window.reading.current_row().key.endswith("\x1f2024-03-02-keyboard")  # the same post: the same marks


def test_a_post_moved_to_archived_while_open_stays_open_read_and_not_new(qtbot, archive):
    window = make_window(qtbot, archive)
    window.reading.open_post_path("_posts/2025-06-20-welcome.md")  # as a click on it does
    window.reading.toggle_star()
    row = window.reading.current_row()
    assert window.session.is_read(row.key) and window.session.is_starred(row.key)
    unread = tree_node(window, Scope("unread")).unread
    target = archive / "archived" / "2026-01-01"
    target.mkdir(parents=True)
    os.rename(archive / "_posts/2025-06-20-welcome.md", target / "2025-06-20-welcome.md")  # archive.sh's git mv
    view = window.article_pane.view
    qtbot.waitUntil(lambda: "archived/2026-01-01/" in view.toPlainText(), timeout=2000 + DEBOUNCE_MS + 3000)
    assert "deleted" not in view.toPlainText() and "Welcome to Lectern" in view.toPlainText()
    now = window.reading.current_row()
    assert now.id == row.id and now.path == "archived/2026-01-01/2025-06-20-welcome.md"
    assert window.session.is_read(now.key) and window.session.is_starred(now.key)
    assert tree_node(window, Scope("unread")).unread == unread  # still read: nothing came back unread
    assert tree_node(window, Scope("location", "archived")).total == 2  # 键盘 and now welcome
    assert not window.status_new.isVisible()  # a move is not new
    assert list_titles(window).count("Welcome to Lectern") == 1


def test_a_folder_archive_that_moved_is_located_with_its_marks(qtbot, archive, monkeypatch, tmp_path):
    window = make_window(qtbot, archive)
    window.reading.open_post_path("_posts/2025-06-20-welcome.md")
    window.reading.toggle_star()
    old_id = window.session.state.archive
    window.open_path(GUIDE)
    moved = tmp_path / "renamed archive"
    archive.rename(moved)
    assert window.open_path(archive) is False  # gone: the reader is asked, nothing else is opened
    box = window.findChild(QMessageBox, "archive-moved")
    assert box is not None and box.isVisible() and str(archive) in box.text()
    monkeypatch.setattr("reader.gui.moved.QFileDialog.getExistingDirectory", lambda *a, **k: str(moved))
    locate = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    locate.click()
    qtbot.waitUntil(lambda: window.session is not None and window.session.root == moved, timeout=3000)
    assert window.session.state.archive == old_id
    assert tree_node(window, Scope("starred")).total == 1
    assert window.reading.current_row().key.endswith("\x1f2025-06-20-welcome")  # where the reader was
