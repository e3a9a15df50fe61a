"""The reader window on the bundled guide archive: opening, tree, list, article, state."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from gui_helpers import GUIDE, list_titles, make_window, tree_node, type_text
from helpers import write_post
from reader.core.index import Index
from reader.core.queries import Scope


def test_title_counts_and_newest_first(qtbot):
    window = make_window(qtbot)
    assert window.windowTitle() == "guide — Lectern"
    assert window.status_archive.text() == "guide"
    assert window.status_posts.text() == "10 posts"
    assert window.status_index.text() == "Search ready"
    assert list_titles(window)[0] == "Welcome to Lectern"
    assert list_titles(window)[-1] == "Keyboard shortcuts"
    assert window.status_problems.isHidden()


def test_each_tree_section_lists_its_count(qtbot):
    window = make_window(qtbot)
    with Index(GUIDE) as ix:
        expected = {
            Scope("all"): ix.count(),
            **{Scope("category", k): v for k, v in ix.label_counts("category").items()},
            **{Scope("tag", k): v for k, v in ix.label_counts("tag").items()},
            **{Scope("author", k): v for k, v in ix.author_counts().items()},
            **{Scope("month", k): v for k, v in ix.month_counts().items()},
        }
    assert expected[Scope("category", "Guide")] == 6 and expected[Scope("category", "指南")] == 4
    for scope, count in expected.items():
        assert window.scopes.select_scope(scope), scope
        assert window.list_pane.model.rowCount() == count, scope
        node = tree_node(window, scope)
        assert node.total == count and node.unread == count
        assert window.tree_pane.model.data(window.tree_pane.model.index_of_scope(scope).siblingAtColumn(1)) == str(count)
    assert window.scopes.select_scope(Scope("year", "2024"))
    assert window.list_pane.model.rowCount() == sum(v for k, v in expected.items() if k.kind == "month" and k.value.startswith("2024"))
    assert window.scopes.select_scope(Scope("starred")) and window.list_pane.model.rowCount() == 0


def test_opening_a_post_renders_header_and_marks_it_read(qtbot):
    window = make_window(qtbot)
    window.scopes.select_scope(Scope("all"))
    window.reading.first_post()
    view = window.article_pane.view
    text = view.toPlainText()
    assert text.startswith("Welcome to Lectern")
    assert "Lectern Guide" in text and "Open original" in text and "#basics" in text
    row = window.reading.current_row()
    assert window.session.is_read(row.key)
    assert tree_node(window, Scope("unread")).unread == 9
    assert tree_node(window, Scope("category", "Guide")).unread == 5
    assert tree_node(window, Scope("tag", "basics")).unread == 2


def test_header_tag_link_selects_that_tree_entry(qtbot):
    window = make_window(qtbot)
    window.reading.first_post()
    view = window.article_pane.view
    from PySide6.QtCore import QUrl
    view.anchorClicked.emit(QUrl("lectern-scope:tag/basics"))
    assert window.scopes.scope == Scope("tag", "basics")
    assert window.list_pane.model.rowCount() == 3


def test_link_to_another_post_opens_it_in_the_reader(qtbot):
    window = make_window(qtbot)
    from PySide6.QtCore import QUrl
    window.reading.first_post()
    for link in ("/2024/03/02/keyboard.html", "https://lectern.invalid/_posts/2024-03-02-keyboard.md",
                 "/guide/2024/03/02/keyboard.html"):
        window.reading.first_post()
        window.article_pane.view.anchorClicked.emit(QUrl(link))
        assert window.reading.current_row().title == "Keyboard shortcuts", link


def test_search_gives_the_same_posts_as_the_core_query(qtbot):
    window = make_window(qtbot)
    with Index(GUIDE) as ix:
        for query in ("search", "搜索", "tag:basics", "privacy -images", '"Open Folder"', "快捷"):
            type_text(window.list_pane.search, query)
            window.list_pane.flush_search()
            expected = [r.title for r in ix.rows(ix.query_ids(query))]
            assert list_titles(window) == expected, query
            assert window.list_pane.count.text() == f"{len(expected)} posts"
            window.list_pane.search.clear()
            window.list_pane.flush_search()


def test_search_works_while_the_text_is_indexed_and_says_how_far_it_has_got(qtbot, tmp_path):
    """The text of a big archive takes a while: search the newest posts meanwhile."""
    from reader.core.index import CHUNK
    from reader.gui.app import build_window
    from reader.gui.tasks import SyncRunner

    class StopAfterOneChunk(SyncRunner):
        stopping = True

        def run(self, fn, *, progress=None, **kwargs):
            running = {}

            def work(ctx):
                running["ctx"] = ctx
                return fn(ctx)

            def report(done, total):
                progress(done, total)
                if total >= 0 and self.stopping:  # as if the window were looking after one chunk
                    running["ctx"].cancel()

            return super().run(work, progress=report, **kwargs)

    posts = tmp_path / "archive" / "_posts"
    for i in range(CHUNK * 3):
        day = f"20{10 + i // 12:02d}-{i % 12 + 1:02d}-01"
        write_post(posts, f"{day}-post-{i}.md", f"title: Post {i}\ndate: {day}", "<p>关于选举的文章。</p>")
    runner = StopAfterOneChunk()
    window = build_window(runner=runner)
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(tmp_path / "archive")
    assert window.list_pane.model.rowCount() == CHUNK * 3  # the list is all there
    assert window.list_pane.search.isEnabled()
    assert window.status_index.text() == f"Indexing text for search: {CHUNK} of {CHUNK * 3}"
    type_text(window.list_pane.search, "选举")
    window.list_pane.flush_search()
    assert window.list_pane.model.rowCount() == CHUNK
    assert set(list_titles(window)) == {f"Post {i}" for i in range(CHUNK * 2, CHUNK * 3)}  # the newest
    assert window.list_pane.count.text() == f"{CHUNK} posts so far"
    assert window.list_pane.count.toolTip().startswith(f"Searched {CHUNK} of {CHUNK * 3} posts: the newest")
    runner.stopping = False
    window.library.rescan()  # indexing goes on to the end: the search that is showing is run again
    assert window.status_index.text() == "Search ready"
    assert window.list_pane.model.rowCount() == CHUNK * 3
    assert window.list_pane.count.text() == f"{CHUNK * 3} posts" and not window.list_pane.count.toolTip()


def test_search_is_debounced_and_shows_syntax_errors(qtbot):
    window = make_window(qtbot)
    qtbot.keyClicks(window.list_pane.search, "keyboard")
    assert window.list_pane.model.rowCount() == 10  # not yet: debounced
    qtbot.waitUntil(lambda: window.list_pane.model.rowCount() < 10, timeout=2000)
    found = window.list_pane.model.rowCount()
    assert found > 0
    qtbot.wait(10)  # the layout as the reader sees the results ("10 posts" became "3 posts": narrower)
    widths = [pane.width() for pane in (window.tree_pane, window.list_pane, window.article_pane)]
    search_width = window.list_pane.search.width()
    window.list_pane.search.setText('"unclosed')
    window.list_pane.flush_search()
    # Said where the results are: the list is empty (not the previous results, unlabelled) and says why.
    assert window.list_pane.model.rowCount() == 0
    assert "closing quote" in window.list_pane.view.empty_text
    qtbot.wait(10)
    assert [p.width() for p in (window.tree_pane, window.list_pane, window.article_pane)] == widths
    assert window.list_pane.search.width() == search_width
    window.list_pane.search.setText('"unclosed"')
    window.list_pane.flush_search()
    assert window.list_pane.model.rowCount() == 0 and "closing quote" not in window.list_pane.view.empty_text


def test_search_results_show_the_matched_snippet(qtbot):
    window = make_window(qtbot)
    window.list_pane.search.setText("disposable")
    window.list_pane.flush_search()
    model = window.list_pane.model
    tip = model.data(model.index(0, 0), 3)  # ToolTipRole
    assert "disposable" in tip.lower()


def test_star_and_read_state_survive_reopening(qtbot):
    window = make_window(qtbot)
    window.reading.last_post()
    row = window.reading.current_row()
    window.reading.toggle_star()
    window.reading.first_post()
    window.reading.toggle_read()  # back to unread
    first = window.reading.current_row()
    window.close()
    again = make_window(qtbot)
    assert again.session.is_starred(row.key)
    assert again.session.is_read(row.key)
    assert not again.session.is_read(first.key)
    assert tree_node(again, Scope("starred")).total == 1


def test_ui_state_is_restored(qtbot):
    window = make_window(qtbot)
    window.scopes.select_scope(Scope("category", "Guide"))
    window.list_pane.view.setFocus()
    window.reading.last_post()
    shown = window.reading.current_row()
    window.article_pane.view.set_scroll_fraction(0.0)
    window.resize(780, 600)  # inside the offscreen platform's 800x800 screen
    window.splitter.setSizes([150, 250, 380])
    sizes = window.splitter.sizes()
    window.article_commands._zoom(3)
    window.close()
    again = make_window(qtbot, path=None)
    again.library.open_library(None, GUIDE)  # as a launch with no folder given: the library as it was left
    assert again.scopes.scope == Scope("category", "Guide")
    assert again.reading.current_row().path == shown.path
    assert again.size().width() == 780 and again.size().height() == 600
    assert again.splitter.sizes() == sizes
    assert again.article_pane.view.zoom_steps == 3


def test_first_run_opens_the_guide(qtbot):
    window = make_window(qtbot, path=None)
    window.library.open_library(None, GUIDE)
    assert [a.path for a in window.session.archives] == [str(GUIDE.resolve())]
    assert window.list_pane.model.rowCount() > 0


def test_single_post_file_opens_its_archive_with_it_shown(qtbot):
    window = make_window(qtbot, path=GUIDE / "_posts" / "2024-05-05-search.md")
    assert window.windowTitle() == "guide — Lectern"
    assert window.reading.current_row().title == "Search syntax"
    assert window.article_pane.view.toPlainText().startswith("Search syntax")


def test_empty_or_missing_folder_keeps_the_current_archive(qtbot, tmp_path):
    window = make_window(qtbot)
    (tmp_path / "empty").mkdir()
    for bad in (tmp_path / "empty", tmp_path / "missing"):
        assert not window.open_path(bad)
        (box,) = [b for b in window.findChildren(QMessageBox, "open-refused") if b.isVisible()]
        assert str(bad) in box.text()
        box.close()
        assert window.windowTitle() == "guide — Lectern"
        assert window.list_pane.model.rowCount() == 10


def test_status_bar_reports_problems_and_lists_them(qtbot, tmp_path):
    root = tmp_path / "site"
    shutil.copytree(GUIDE, root)
    write_post(root / "_posts", "2024-01-01-broken.md", None, "---\ntitle: 'oops\n---\nbody")
    window = make_window(qtbot, root)
    assert window.status_problems.isVisible()
    assert window.status_problems.text() == "1 posts could not be read"
    window.status_problems.click()
    dialog = window.findChild(QDialog, "problems")
    assert dialog is not None and dialog.isVisible()
    item = dialog.table.topLevelItem(0)
    assert item.text(0) == "_posts/2024-01-01-broken.md" and "unclosed quote" in item.text(1)


def test_remote_images_wait_for_the_reader(qtbot, monkeypatch):
    window = make_window(qtbot)
    asked = []
    monkeypatch.setattr(window.fetcher, "fetch", asked.append)
    window.reading.open_post_path("_posts/2024-09-10-images-and-privacy.md")
    pane = window.article_pane
    assert pane.images_bar.isVisible()
    assert "A remote image" in pane.view.toPlainText()  # the placeholder shows the alt text
    assert asked == []
    pane.load_once.click()
    assert asked == ["https://lectern.invalid/remote-example.png"]
    assert not pane.images_bar.isVisible()
    window.reading.open_post_path("_posts/2025-06-20-welcome.md")
    window.reading.open_post_path("_posts/2024-09-10-images-and-privacy.md")
    assert pane.images_bar.isVisible()  # "this time" only
    pane.load_always.click()
    window.reading.open_post_path("_posts/2025-06-20-welcome.md")
    window.reading.open_post_path("_posts/2024-09-10-images-and-privacy.md")
    assert not pane.images_bar.isVisible()


def test_local_image_inside_the_archive_is_shown(qtbot):
    window = make_window(qtbot)
    window.reading.open_post_path("_posts/2024-09-10-images-and-privacy.md")
    view = window.article_pane.view
    html = window.reading.current_row() and view.article.html
    import re
    src = re.search(r'<img[^>]*src="(file:[^"]+lectern-tree\.svg)"', html).group(1)
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument
    image = view.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(src))
    assert image is not None and not image.isNull()
    outside = view.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("file:///etc/hostname"))
    assert outside is None


@pytest.mark.parametrize("policy, read_at_once", [("immediately", True), ("never", False), ("after_delay", False)])
def test_mark_read_policy(qtbot, policy, read_at_once):
    window = make_window(qtbot)
    window.settings.prefs.mark_read = policy
    window.settings.qsettings.setValue("prefs/mark_read_delay_ms", 50)
    window.reading.last_post()
    row = window.reading.current_row()
    assert window.session.is_read(row.key) is read_at_once
    if policy == "after_delay":
        qtbot.waitUntil(lambda: window.session.is_read(row.key), timeout=2000)


def test_scroll_position_of_the_open_post_is_restored(qtbot):
    window = make_window(qtbot)
    window.resize(700, 400)
    window.reading.open_post_path("_posts/2024-03-02-keyboard.md")
    view = window.article_pane.view
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    view.set_scroll_fraction(0.5)
    window.close()
    again = make_window(qtbot)
    again.resize(700, 400)
    bar = again.article_pane.view.verticalScrollBar()
    assert again.reading.current_row().path == "_posts/2024-03-02-keyboard.md"
    qtbot.waitUntil(lambda: bar.maximum() > 0 and abs(bar.value() / bar.maximum() - 0.5) < 0.1, timeout=3000)
