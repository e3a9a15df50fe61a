"""Git archives in the window, from a real launch: add by URL with progress and Cancel, update with
"N new", and a failed update shown on the archive's row with Retry.  Served on 127.0.0.1 only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gitserver import GitServer, commit, make_repo, many_posts, post, sample_posts
from gui_helpers import list_titles, make_window, press, tree_node, type_text
from reader.core import gitsync, paths
from reader.core.gitlibrary import add_from_url
from reader.core.library import Library
from reader.core.queries import Scope

pytestmark = pytest.mark.usefixtures("quick_git")


@pytest.fixture
def upstream(tmp_path):
    """An archive repository served over smart HTTP on 127.0.0.1 (the reader's "GitHub")."""
    repo = make_repo(tmp_path / "srv" / "news.git", [sample_posts(), many_posts(300)])
    with GitServer(tmp_path / "srv") as server:
        yield repo, server


def git_archive(window):
    return next(a for a in window.session.archives if a.kind == "git")


def add_dialog_by_keyboard(qtbot, window, url: str):
    press(Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.git.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.url)  # the address first, ready to type
    type_text(dialog.url, url)
    return dialog


def leftovers() -> list[str]:
    folder = paths.data_dir() / "archives"
    return sorted(os.listdir(folder)) if folder.is_dir() else []


def test_add_by_url_shows_progress_then_the_posts(qtbot, upstream):
    _repo, server = upstream
    window = make_window(qtbot)  # the guide, as a first launch opens it
    dialog = add_dialog_by_keyboard(qtbot, window, server.url("news.git"))
    seen: list[str] = []
    show = dialog.show_progress
    dialog.show_progress = lambda t: (show(t), seen.append(dialog.status.text()))  # type: ignore[method-assign]
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.git.dialog is None)
    assert any("Received" in text and "objects" in text for text in seen), seen
    archive = git_archive(window)
    assert archive.name == "Test archive" and Path(archive.path).parent == paths.data_dir() / "archives"
    assert not (Path(archive.path) / "_posts").exists()  # nothing checked out: read straight from git
    node = tree_node(window, Scope("all", "", archive.id))
    assert node.total == 306  # every post, the names Windows cannot hold included
    window.scopes.select_scope(Scope("all", "", archive.id))
    assert {"What | why?", "a:b*c", "Upper case", "lower case"} <= set(list_titles(window))
    assert "Added “Test archive”" in window.statusBar().currentMessage()


def test_cancel_mid_transfer_leaves_nothing_behind(qtbot, tmp_path):
    make_repo(tmp_path / "srv" / "big.git", [many_posts(4000, size=1500)])
    with GitServer(tmp_path / "srv") as server:
        window = make_window(qtbot)
        dialog = add_dialog_by_keyboard(qtbot, window, server.url("big.git"))
        show = dialog.show_progress

        def cancel_at_first_progress(t):
            show(t)
            if t.phase == "receiving" and t.objects:  # the reader clicks Cancel while objects arrive
                button = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
                if button.isEnabled():
                    QTest.mouseClick(button, Qt.MouseButton.LeftButton)

        dialog.show_progress = cancel_at_first_progress  # type: ignore[method-assign]
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.git.dialog is None)
    assert leftovers() == []
    assert all(a.kind == "folder" for a in window.session.archives)
    with Library() as library:
        assert [a.name for a in library.archives()] == ["guide"]


def test_update_all_says_how_many_posts_are_new(qtbot, upstream):
    repo, server = upstream
    with Library() as library:
        add_from_url(library, server.url("news.git"))
    window = make_window(qtbot)
    archive = git_archive(window)
    before = tree_node(window, Scope("all", "", archive.id)).total
    commit(repo, {f"_posts/2024-03-0{n}-fresh-{n}.md": post(f"fresh-{n}", date=f"2024-03-0{n}",
                                                           title=f"Fresh {n}") for n in (1, 2, 3)},
           moves={"_posts/2024-01-02-first.md": "archived/2024-01-02/2024-01-02-first.md"})
    press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "3 new" in window.git.status_text.text())
    assert "1 moved" in window.git.status_text.text()
    assert tree_node(window, Scope("all", "", archive.id)).total == before + 3
    window.scopes.select_scope(Scope("all", "", archive.id))
    assert {"Fresh 1", "Fresh 2", "Fresh 3", "第一篇 First"} <= set(list_titles(window))


def test_a_failed_update_shows_on_the_archive_row_with_retry(qtbot, upstream):
    repo, server = upstream
    with Library() as library:
        add_from_url(library, server.url("news.git"))
    window = make_window(qtbot)
    archive = git_archive(window)
    commit(repo, {"_posts/2024-03-09-later.md": post("later", title="Later")})
    press(Qt.Key.Key_J)  # the reader reads a post first
    unread = tree_node(window, Scope("unread")).unread
    assert unread == 306 + 10 - 1
    server.fault = "500"
    press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.git.retry_button.isVisible())
    assert tree_node(window, Scope("unread")).unread == unread  # the counts as the reader left them
    assert "server error" in window.git.status_text.text() and "Test archive" in window.git.status_text.text()
    assert "HTTP 500" in window.git.status_text.toolTip()  # the details, for whoever asks
    model = window.tree_pane.model
    row = model.index_of_scope(Scope("all", "", archive.id))
    assert row.data(Qt.ItemDataRole.DecorationRole) is not None  # a warning on the archive's row
    assert "server error" in row.data(Qt.ItemDataRole.ToolTipRole)
    assert tree_node(window, Scope("all", "", archive.id)).total == 306  # still read as it was
    server.fault = None
    QTest.mouseClick(window.git.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "1 new" in window.git.status_text.text())
    assert not window.git.retry_button.isVisible()
    row = model.index_of_scope(Scope("all", "", archive.id))
    assert row.data(Qt.ItemDataRole.DecorationRole) is None
    assert tree_node(window, Scope("all", "", archive.id)).total == 307


def test_a_dropped_git_link_offers_to_add_it(qtbot):
    window = make_window(qtbot)
    data = QMimeData()
    data.setUrls([QUrl("https://github.com/NodeBE4/oped2")])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.git.dialog is not None and window.git.dialog.url.text() == "https://github.com/NodeBE4/oped2"
    window.git.dialog.reject()  # nothing was fetched: the dialog only asks


def test_a_folder_archive_is_never_updated(qtbot):
    window = make_window(qtbot)
    press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert "never changes it" in window.statusBar().currentMessage()
    assert window.git.updating is None and not window.git.errors


def test_network_preferences_say_plainly_when_a_proxy_cannot_be_used(qtbot, upstream):
    from reader.gui.prefs_dialog import PreferencesDialog

    _repo, server = upstream
    with Library() as library:
        add_from_url(library, server.url("news.git"))
    window = make_window(qtbot)
    press(Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None and dialog.auto_update.value() == 0  # no automatic update unless asked
    dialog.proxy_mode.setCurrentIndex(dialog.proxy_mode.findData("url"))
    type_text(dialog.proxy_url, "socks5://127.0.0.1:1080")
    assert "SOCKS proxies are not supported" in dialog.proxy_note.text()
    dialog.close()
    assert window.git.proxy() == gitsync.Proxy("url", "socks5://127.0.0.1:1080")
    requests = server.count()
    press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.git.retry_button.isVisible())
    assert "SOCKS" in window.git.status_text.text()
    assert server.count() == requests  # refused before any connection


def test_automatic_update_only_when_turned_on(qtbot, upstream):
    repo, server = upstream
    with Library() as library:
        add_from_url(library, server.url("news.git"))
    window = make_window(qtbot)
    requests = server.count()
    window.git._auto.timeout.emit()  # the clock ticks: off by default, nothing connects
    assert server.count() == requests and window.git.updating is None
    commit(repo, {"_posts/2024-03-09-later.md": post("later", title="Later")})
    window.settings.prefs.auto_update_hours = 6
    window.git._auto.timeout.emit()  # never updated: due at once
    qtbot.waitUntil(lambda: "1 new" in window.git.status_text.text())
    asked = server.count()
    window.git._auto.timeout.emit()  # updated a moment ago: not due for 6 hours
    assert server.count() == asked


def test_a_damaged_download_offers_a_fresh_copy(qtbot, upstream):
    _repo, server = upstream
    with Library() as library:
        archive, _fetched = add_from_url(library, server.url("news.git"))
    window = make_window(qtbot)
    pack = next((Path(archive.path) / "objects" / "pack").glob("*.pack"))
    data = bytearray(pack.read_bytes())
    for at in range(200, len(data) - 100, 50):  # the disk garbles the download
        data[at] ^= 0xFF
    pack.chmod(0o644)
    pack.write_bytes(bytes(data))
    press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.git.fresh_button.isVisible())
    assert "damaged" in window.git.status_text.text()
    QTest.mouseClick(window.git.fresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "downloaded again" in window.git.status_text.text())
    assert not window.git.fresh_button.isVisible() and not window.git.errors
    assert gitsync.check(archive.path) is None
    window.scopes.select_scope(Scope("all", "", archive.id))
    window.focus_list()
    press(Qt.Key.Key_J)
    assert len(window.article_pane.view.toPlainText()) > 20  # read from the fresh copy


def test_a_git_archive_shows_its_own_images(qtbot, tmp_path):
    from PySide6.QtCore import QBuffer, QByteArray
    from PySide6.QtGui import QImage, QTextDocument

    red = QImage(6, 4, QImage.Format.Format_RGB32)
    red.fill(0xFFCC0000)
    png = QByteArray()
    buffer = QBuffer(png)
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    red.save(buffer, "PNG")
    make_repo(tmp_path / "srv" / "pics.git", [{
        "_posts/2024-01-01-pic.md": post("pic", title="With a picture",
                                          body='<p>Look:</p><img src="../assets/red.png" alt="red">'),
        "assets/red.png": bytes(png.data())}])
    with GitServer(tmp_path / "srv") as server:
        with Library() as library:
            add_from_url(library, server.url("pics.git"))
    window = make_window(qtbot, path=None)
    window.library.open_library(None, tmp_path)
    window.focus_list()
    press(Qt.Key.Key_J)
    assert window.reading.current_row().title == "With a picture"
    view = window.article_pane.view
    assert "lectern-git:assets/red.png" in view.toHtml()
    image = view.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("lectern-git:assets/red.png"))
    assert isinstance(image, QImage) and image.size().width() == 6  # read from the git objects, offline
    assert view.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("lectern-git:../x.png")) is None


def test_a_folder_clone_of_the_reader_is_offered_as_a_git_archive(qtbot, tmp_path):
    import pygit2

    clone = tmp_path / "my-clone"
    pygit2.init_repository(str(clone))
    pygit2.Repository(str(clone)).remotes.create("origin", "https://github.com/example/news.git")
    (clone / "_posts").mkdir()
    (clone / "_posts" / "2024-01-01-a.md").write_bytes(post("a", title="Mine"))
    before = sorted((p.relative_to(clone), p.stat().st_mtime_ns) for p in clone.rglob("*"))
    window = make_window(qtbot, path=clone)
    archive = window.session.archives[-1]
    assert archive.kind == "folder" and archive.id == "git:github.com/example/news"
    menu = window.library.menu
    menu.aboutToShow.emit()
    offer = [a for a in menu.actions() if "Git Address" in a.text()]
    assert len(offer) == 1
    offer[0].trigger()
    assert window.git.dialog is not None and window.git.dialog.url.text() == "https://github.com/example/news.git"
    window.git.dialog.reject()
    assert sorted((p.relative_to(clone), p.stat().st_mtime_ns) for p in clone.rglob("*")) == before  # untouched


def test_downloading_a_folder_clones_address_reads_the_download_from_then_on(qtbot, tmp_path, upstream):
    """The reader's clone of an archive, then File > Add Archive from Git with its address: the same
    archive (same entry, same marks), now read from the download that Lectern updates."""
    import pygit2

    _repo, server = upstream
    clone = tmp_path / "my-clone"
    pygit2.clone_repository(server.url("news.git"), str(clone))
    window = make_window(qtbot, path=clone)
    mine = window.session.archives[-1]
    assert mine.kind == "folder"
    window.focus_list()
    press(Qt.Key.Key_J)  # read one post in the clone
    read_title = window.reading.current_row().title
    window.git.add_dialog(server.url("news.git"))
    QTest.mouseClick(window.git.dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.git.dialog is None)
    now = next(a for a in window.session.archives if a.id == mine.id)
    assert now.kind == "git" and now.path != str(clone) and len(window.session.archives) == 1
    qtbot.waitUntil(lambda: tree_node(window, Scope("all")).total == 306)
    assert window.session.members[mine.id].root == Path(now.path)  # read from the download now
    model = window.list_pane.model
    read = [model.post(i).title for i in range(model.rowCount()) if window.session.is_read(model.post(i).key)]
    assert read == [read_title]  # its marks came along


def test_after_adding_by_url_the_window_is_free_to_update(qtbot, upstream):
    _repo, server = upstream
    window = make_window(qtbot)
    add_dialog_by_keyboard(qtbot, window, server.url("news.git"))
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.git.dialog is None)
    assert not window.git.busy()  # the automatic update is not held back by a clone long done
    window.activateWindow()  # what the window manager does when a dialog closes (offscreen has none)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "up to date" in window.git.status_text.text())


def test_removing_a_git_archive_deletes_its_download_not_its_marks(qtbot, upstream):
    from PySide6.QtWidgets import QMessageBox

    _repo, server = upstream
    with Library() as library:
        archive, _fetched = add_from_url(library, server.url("news.git"))
    window = make_window(qtbot)
    window.scopes.select_scope(Scope("all", "", archive.id))
    window.focus_list()
    press(Qt.Key.Key_J)  # one post read
    window.library._remove_dialog(archive.id)  # Library > Remove “Test archive” from the Library…
    box = window.findChild(QMessageBox, "remove-archive")
    assert "download" in box.text() and "MB" in box.text()
    remove = next(b for b in box.buttons() if b.text() == "Remove")
    QTest.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert not Path(archive.path).exists() and leftovers() == []
    assert [a.name for a in window.session.archives] == ["guide"]
    with Library() as library:  # its address again: downloaded anew, the post still read
        again, _fetched = add_from_url(library, server.url("news.git"))
        from reader.core.state import StateStore

        state = StateStore(again.path, library.data_dir, adopt=again.id)
        assert len(state.read_keys()) == 1
        state.close()
