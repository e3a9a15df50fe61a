"""The window on a library of several archives, from a real launch: one tree, one list, one search."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from conftest import CORPUS, CORPUS_MISSING
from gui_helpers import GUIDE, make_window, press, tree_node, type_text
from reader.core.library import Library
from reader.core.queries import Scope
from reader.core.state import StateStore
from reader.gui.list_model import Column
from reader.gui.tree_model import TreeRole

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=CORPUS_MISSING)


def write_post(folder: Path, name: str, front: str, body: str = "<p>正文。</p>") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\nlayout: post\n{front}\n---\n{body}\n", encoding="utf-8")
    return path


def launch(qtbot, *archives: Path):
    """A reader whose library holds `archives` (added before), starting Lectern with no folder given."""
    with Library() as library:
        for archive in archives:
            library.add(archive)
    window = make_window(qtbot, path=None)
    window.library.open_library(None, GUIDE)
    return window


def archive_id(window, name: str) -> str:
    return next(a.id for a in window.session.archives if a.name == name)


def listed_archives(window) -> list[str]:
    model = window.list_pane.model
    return [model.post(i).archive_name for i in range(model.rowCount())]


@needs_corpus
def test_one_tree_counts_every_archive_and_each_on_its_own(qtbot):
    window = launch(qtbot, GUIDE, CORPUS / "oped2", CORPUS / "teahouse")
    assert window.windowTitle() == "Library — Lectern"
    sizes = {name: tree_node(window, Scope("all", "", archive_id(window, name))).total
             for name in ("guide", "oped2", "teahouse")}
    assert sizes == {"guide": 10, "oped2": 418, "teahouse": 360}
    assert tree_node(window, Scope("all")).total == sum(sizes.values())
    assert tree_node(window, Scope("unread")).unread == sum(sizes.values())
    assert window.list_pane.model.rowCount() == sum(sizes.values())  # the three share no article
    assert not window.list_pane.view.isColumnHidden(Column.ARCHIVE)
    assert set(listed_archives(window)) == {"guide", "oped2", "teahouse"}
    # an archive's entry lists that archive alone, and its own tags are under it
    window.scopes.select_scope(Scope("all", "", archive_id(window, "oped2")))
    assert window.list_pane.model.rowCount() == 418 and set(listed_archives(window)) == {"oped2"}
    assert window.windowTitle() == "oped2 — Lectern"


@needs_corpus
def test_one_search_across_archives_and_archive_in_the_query(qtbot):
    window = launch(qtbot, GUIDE, CORPUS / "oped2", CORPUS / "teahouse")
    press(Qt.Key.Key_Slash)
    type_text(window.list_pane.search, "中国")
    press(Qt.Key.Key_Return)
    everywhere = listed_archives(window)
    assert {"oped2", "teahouse"} <= set(everywhere)
    each = {name: len(window.session.index.index_of(archive_id(window, name)).query_ids("中国"))
            for name in ("guide", "oped2", "teahouse")}
    assert len(everywhere) == sum(each.values())
    assert window.reading.current_row() is not None  # Enter opened the first result
    press(Qt.Key.Key_Slash)
    window.list_pane.search.clear()
    type_text(window.list_pane.search, "archive:teahouse 中国")
    press(Qt.Key.Key_Return)
    assert listed_archives(window) == ["teahouse"] * each["teahouse"]
    press(Qt.Key.Key_Slash)
    window.list_pane.search.clear()
    type_text(window.list_pane.search, "archive:nosuch 中国")
    window.list_pane.flush_search()
    assert window.list_pane.model.rowCount() == 0
    assert "no archive is named “nosuch”" in window.list_pane.view.empty_text  # said where the results would be
    assert "guide, oped2, teahouse" in window.list_pane.view.empty_text


@needs_corpus
def test_n_goes_to_the_next_unread_across_archives_and_counts_follow(qtbot):
    window = launch(qtbot, GUIDE, CORPUS / "oped2", CORPUS / "teahouse")
    seen = []
    press(Qt.Key.Key_J)
    for _ in range(12):
        seen.append(window.reading.current_row().archive_name)
        press(Qt.Key.Key_N)
    seen.append(window.reading.current_row().archive_name)
    assert len(set(seen)) >= 2  # newest first across archives: guide's and teahouse's posts interleave
    read = {name: 0 for name in ("guide", "oped2", "teahouse")}
    for name in seen:
        read[name] += 1
    for name, n in read.items():
        total = tree_node(window, Scope("all", "", archive_id(window, name))).total
        assert tree_node(window, Scope("all", "", archive_id(window, name))).unread == total - n
    assert tree_node(window, Scope("unread")).unread == 788 - len(seen)


@needs_corpus
def test_removing_an_archive_keeps_its_marks_for_when_it_comes_back(qtbot):
    window = launch(qtbot, GUIDE, CORPUS / "oped2", CORPUS / "teahouse")
    ident = archive_id(window, "teahouse")
    window.scopes.select_scope(Scope("all", "", ident))
    press(Qt.Key.Key_J)
    first = window.reading.current_row()
    assert first.archive == ident and window.session.is_read(first.key)
    window.library.remove_archive(ident)
    assert [a.name for a in window.session.archives] == ["guide", "oped2"]
    assert not window.tree_pane.model.index_of_scope(Scope("all", "", ident)).isValid()
    assert tree_node(window, Scope("all")).total == 428
    assert "teahouse" not in listed_archives(window)
    assert window.reading.current_row() is None  # its post is no longer shown
    assert window.open_path(CORPUS / "teahouse")  # added again: the same archive, its marks back
    assert archive_id(window, "teahouse") == ident
    assert window.session.is_read(first.key)
    assert tree_node(window, Scope("all", "", ident)).unread == 359


def test_a_missing_archive_shows_why_and_the_others_work(qtbot, tmp_path, monkeypatch):
    gone = tmp_path / "gone"
    shutil.copytree(GUIDE, gone)
    window = launch(qtbot, GUIDE, gone)
    window.close()
    moved = tmp_path / "moved"
    gone.rename(moved)
    window = launch(qtbot)
    ident = next(a.id for a in window.session.archives if a.path == str(gone))
    node = tree_node(window, Scope("all", "", ident))
    index = window.tree_pane.model.index_of_scope(Scope("all", "", ident))
    assert index.data() == "gone (unavailable)"
    assert "no longer there" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert node.total == 0
    assert window.list_pane.model.rowCount() == 10  # the guide is listed all the same
    monkeypatch.setattr("reader.gui.library_control.QFileDialog.getExistingDirectory", lambda *a, **k: str(moved))
    window.library.locate_archive(ident)
    assert tree_node(window, Scope("all", "", ident)).total == 10
    assert window.tree_pane.model.index_of_scope(Scope("all", "", ident)).data() == "gone"


def test_an_article_kept_by_two_archives_is_listed_once_and_read_together(qtbot, tmp_path):
    for name, url in (("one", "https://example.com/news/42/"), ("two", "http://www.example.com/news/42?utm_source=x")):
        posts = tmp_path / name / "_posts"
        write_post(posts, "2024-05-01-shared.md", f"title: 同一篇文章\ndate: 2024-05-01 10:00\nfrom: {url}")
        write_post(posts, f"2024-05-02-{name}.md", f"title: Only in {name}\ndate: 2024-05-02\nfrom: https://{name}.example/x")
    window = launch(qtbot, tmp_path / "one", tmp_path / "two")
    titles = [window.list_pane.model.post(i).title for i in range(window.list_pane.model.rowCount())]
    assert sorted(titles) == ["Only in one", "Only in two", "同一篇文章"]
    row = next(i for i, t in enumerate(titles) if t == "同一篇文章")
    window.reading.select_list_row(row)
    assert "one · In Recent" in window.article_pane.view.toPlainText()
    assert "also in two" in window.article_pane.view.toPlainText()
    for name in ("one", "two"):  # read once, read in both archives
        assert tree_node(window, Scope("all", "", archive_id(window, name))).unread == 1
    window.scopes.select_scope(Scope("all", "", archive_id(window, "two")))
    assert sorted(t for t in (window.list_pane.model.post(i).title for i in range(2))) == ["Only in two", "同一篇文章"]
    assert all(window.session.is_read(window.list_pane.model.post(i).key) == (window.list_pane.model.post(i).title == "同一篇文章")
               for i in range(2))


def test_renaming_and_reordering_show_at_once_and_last(qtbot, tmp_path):
    other = tmp_path / "other"
    write_post(other / "_posts", "2020-01-01-a.md", "title: A\ndate: 2020-01-01")
    window = launch(qtbot, GUIDE, other)
    ident = archive_id(window, "other")
    window.library.rename_archive(ident, "My notes")
    index = window.tree_pane.model.index_of_scope(Scope("all", "", ident))
    assert index.data() == "My notes"
    window.library.move_archive(ident, -1)
    section = window.tree_pane.model.index_of_scope(Scope("all", "", ident)).parent()
    assert [section.model().index(r, 0, section).data() for r in range(2)] == ["My notes", "guide"]
    window.close()
    again = launch(qtbot)
    assert [a.name for a in again.session.archives] == ["My notes", "guide"]


def test_a_data_dir_of_single_archive_days_arrives_in_the_library_untouched(qtbot, tmp_path):
    """Before the library: Open Recent held the archives, marks were kept per archive."""
    from reader.gui.settings import Settings

    other = tmp_path / "other"
    write_post(other / "_posts", "2020-01-01-a.md", "title: A\ndate: 2020-01-01")
    write_post(other / "_posts", "2020-01-02-b.md", "title: B\ndate: 2020-01-02")
    for root, read in ((GUIDE, "2024-03-02-keyboard"), (other, "2020-01-02-b")):
        store = StateStore(root)
        store.set_read(read)
        store.set_starred(read)
        store.set_last_opened(read)
        store.close()
    settings = Settings()
    settings.ui.add_recent(str(GUIDE))
    settings.ui.add_recent(str(other))  # the most recent
    settings.sync()
    window = make_window(qtbot, path=None)
    window.library.open_library(None, GUIDE)
    assert [a.name for a in window.session.archives] == ["other", "guide"]
    assert tree_node(window, Scope("starred")).total == 2
    assert tree_node(window, Scope("all", "", archive_id(window, "guide"))).unread == 9
    assert tree_node(window, Scope("all", "", archive_id(window, "other"))).unread == 1
    shown = window.reading.current_row()  # where the reader was, in the archive used last
    assert shown is not None and shown.title == "B"
    assert QApplication.focusWidget() is window.list_pane.view
    assert window.tree_pane.view.currentIndex().data(TreeRole.SCOPE) is not None


def test_a_tag_link_in_the_header_lists_that_tag_in_the_post_s_archive(qtbot, tmp_path):
    other = tmp_path / "other"
    write_post(other / "_posts", "2020-01-01-a.md", "title: A\ndate: 2020-01-01\ntags: [basics]")
    window = launch(qtbot, GUIDE, other)
    window.scopes.select_scope(Scope("all", "", archive_id(window, "guide")))
    press(Qt.Key.Key_J)
    row = window.reading.current_row()
    tag = row.tags[0]
    window.article_pane.view.scope_clicked.emit(Scope("tag", tag))
    assert window.scopes.current() == Scope("tag", tag, archive_id(window, "guide"))
    assert set(listed_archives(window)) == {"guide"}
    assert all(tag in window.list_pane.model.post(i).tags for i in range(window.list_pane.model.rowCount()))


def test_the_entry_selected_in_an_archive_is_selected_again_at_the_next_start(qtbot, tmp_path):
    other = tmp_path / "other"
    write_post(other / "_posts", "2020-01-01-a.md", "title: A\ndate: 2020-01-01\ncategories: [Guide]")
    window = launch(qtbot, GUIDE, other)
    chosen = Scope("category", "Guide", archive_id(window, "other"))
    assert window.scopes.select_scope(chosen)
    window.close()
    again = launch(qtbot)
    assert again.scopes.current() == chosen  # the other archive's Guide, not the guide's
    assert [again.list_pane.model.post(i).title for i in range(again.list_pane.model.rowCount())] == ["A"]
