"""Dates, undated posts, drafts and unpublished posts: read, stored, sorted, listed, shown.

A post with no date in its front matter and none in its file name is *undated*: never dated
today or by its file's time.  Undated posts come after the dated ones in both date orders.
Drafts (``_drafts/``) and ``published: false`` posts are labelled wherever they are listed.
"""

from __future__ import annotations

import json
import time

import pytest
from PySide6.QtCore import QLocale, Qt

from gui_helpers import list_titles, make_window
from helpers import write_post
from reader.core.cli import main
from reader.core.index import Index
from reader.core.posts import Post, parse_post
from reader.core.queries import Scope
from reader.gui.list_model import Column
from reader.gui.watcher import DEBOUNCE_MS

DATED = ["9999-12-31-far", "2024-03-02-dated", "2022-01-01-hidden", "1900-01-01-old"]  # newest first


def make_archive(root):
    posts = root / "_posts"
    write_post(posts, "2024-03-02-dated.md", "title: Dated\ndate: 2024-03-02 10:30:00 +0800", "<p>Words 普京.</p>")
    write_post(posts, "1900-01-01-old.md", "title: Old\ndate: 1900-01-01", "<p>Old words.</p>")
    write_post(posts, "9999-12-31-far.md", "title: Far\ndate: 9999-12-31", "<p>Far words.</p>")
    write_post(posts, "2022-01-01-hidden.md", "title: Hidden\ndate: 2022-01-01\npublished: false",
               "<p>Hidden words.</p>")
    write_post(posts, "nodate-in-name.md", "title: No date\ntags: [misc]", "<p>Undated words 普京.</p>")
    write_post(root / "_drafts", "draft.md", "title: A draft\ntags: [misc]", "<p>Draft words.</p>")
    return root


@pytest.fixture
def archive(tmp_path):
    return make_archive(tmp_path / "site")


@pytest.fixture
def index(archive, tmp_path):
    with Index(archive, tmp_path / "cache") as ix:
        ix.update(workers=1)
        yield ix


def stems(ix, query="", scope=None, sort=None):
    return [r.path.rsplit("/", 1)[-1].rsplit(".", 1)[0] for r in ix.rows(ix.query_ids(query, scope, sort))]


# --- reading ---------------------------------------------------------------------------------------

def parse(front, rel, **kw) -> Post:
    post = parse_post(f"---\n{front}\n---\nbody\n".encode(), rel, **kw)
    assert isinstance(post, Post), post
    return post


def test_a_post_with_no_date_anywhere_is_undated():
    for rel in ("_posts/nodate-in-name.md", "_drafts/draft.md", "_posts/2020-13-45-bad-name-date.md"):
        post = parse("title: t", rel, draft=rel.startswith("_drafts"))
        assert (post.date, post.timestamp, post.date_source) == ("", None, "none"), rel


def test_an_invalid_date_in_an_undated_name_is_undated_too():
    post = parse("title: t\ndate: not a date", "_drafts/draft.md", draft=True)
    assert (post.date, post.timestamp, post.draft) == ("", None, True)


def test_a_draft_named_with_a_date_is_dated_by_its_name():
    post = parse("title: t", "_drafts/2023-05-06-plan.md", draft=True)
    assert (post.date, post.date_source, post.draft) == ("2023-05-06", "filename", True)


@pytest.mark.parametrize("value, published", [("false", False), ("'false'", False), ("true", True), ("", True)])
def test_published_false_is_read(value, published):
    front = f"title: t\npublished: {value}" if value else "title: t"
    assert parse(front, "_posts/2020-01-01-a.md").published is published


# --- the index: stored, sorted, filtered, counted ----------------------------------------------------

def test_undated_posts_come_last_in_both_date_orders(index):
    undated = stems(index, sort="date_desc")[4:]
    assert stems(index, sort="date_desc") == [*DATED, *undated]
    assert stems(index, sort="date_asc") == [*reversed(DATED), *reversed(undated)]  # among them: by id, as ties
    assert sorted(undated) == ["draft", "nodate-in-name"]
    assert stems(index)[-2:] == undated  # the default order is newest first


def test_rows_say_undated_draft_and_unpublished(index):
    rows = {r.path: r for r in index.rows(index.query_ids())}
    undated = rows["_posts/nodate-in-name.md"]
    assert (undated.date, undated.timestamp, undated.draft, undated.published) == ("", None, False, True)
    draft = rows["_drafts/draft.md"]
    assert (draft.date, draft.timestamp, draft.draft, draft.location) == ("", None, True, "_drafts")
    hidden = rows["_posts/2022-01-01-hidden.md"]
    assert (hidden.date, hidden.published, hidden.draft) == ("2022-01-01", False, False)
    far = rows["_posts/9999-12-31-far.md"]
    assert far.date == "9999-12-31" and far.timestamp == 253402214400
    assert index.con.execute("SELECT date_source FROM posts WHERE path='_drafts/draft.md'").fetchone()[0] == "none"


def test_search_and_other_sorts_keep_undated_posts_after_their_ties(index):
    assert stems(index, "普京") == ["2024-03-02-dated", "nodate-in-name"]  # relevance, then newest: undated last
    assert stems(index, "words", sort="date_desc")[-2:] in (["nodate-in-name", "draft"], ["draft", "nodate-in-name"])
    assert stems(index, "", Scope("tag", "misc"), sort="title") == ["draft", "nodate-in-name"]


def test_date_filters_leave_undated_posts_out(index):
    assert stems(index, "before:2030-01-01", sort="date_asc") == ["1900-01-01-old", "2022-01-01-hidden",
                                                                   "2024-03-02-dated"]
    assert stems(index, "after:1800-01-01", sort="date_asc") == list(reversed(DATED))


def test_tree_counts_hold_undated_posts_in_all_but_no_month(index):
    counts = index.tree_counts()
    assert counts.total == 6
    assert counts.months == {"9999-12": (1, 1), "2024-03": (1, 1), "2022-01": (1, 1), "1900-01": (1, 1)}
    assert counts.tags == {"misc": (2, 2)}
    assert counts.locations == {"_drafts": (1, 1), "_posts": (5, 5)}


def test_an_undated_post_pulled_later_is_new_and_listed_last(archive, index):
    opened = index.con.execute("SELECT max(seen_ns) FROM posts").fetchone()[0]
    time.sleep(0.01)
    write_post(archive / "_posts", "another-undated.md", "title: Pulled undated", "<p>Pulled.</p>")
    write_post(archive / "_drafts", "2025-01-01-dated-draft.md", "title: Dated draft", "<p>Plan.</p>")
    report = index.update(workers=1)
    assert report.added == 2
    assert sorted(stems(index, "", Scope("new", str(opened)))) == ["2025-01-01-dated-draft", "another-undated"]
    order = stems(index, sort="date_desc")
    assert order[:2] == ["9999-12-31-far", "2025-01-01-dated-draft"]
    assert sorted(order[-3:]) == ["another-undated", "draft", "nodate-in-name"]
    # A date added to an undated post puts it in its place.
    write_post(archive / "_posts", "nodate-in-name.md", "title: No date\ndate: 2000-01-01", "<p>Now dated.</p>")
    index.update(workers=1)
    assert stems(index, sort="date_asc")[:2] == ["1900-01-01-old", "nodate-in-name"]
    assert index.row_by_path("_posts/nodate-in-name.md").date == "2000-01-01"


def test_a_cache_of_the_previous_schema_is_read_again(archive, tmp_path):
    from reader.core.cachedb import SCHEMA_VERSION

    cache = tmp_path / "cache"
    with Index(archive, cache) as ix:
        ix.update(workers=1)
        # What the previous version stored for an undated post: the file's time.
        ix.con.execute("UPDATE posts SET date='2026-01-01T00:00:00Z', ts=1767225600, date_source='file time' "
                       "WHERE path='_drafts/draft.md'")
        ix.con.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    with Index(archive, cache) as ix:
        assert ix.update(workers=1).cache == "cold"
        assert ix.row_by_path("_drafts/draft.md").date == ""


# --- the command line ----------------------------------------------------------------------------------

def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def test_cli_lists_undated_posts_as_undated(archive, capsys):
    items = json.loads(run(capsys, "index", archive, "--json", "--list"))["items"]
    assert [i["path"].rsplit("/", 1)[-1] for i in items][:4] == [f"{s}.md" for s in DATED]
    by_path = {i["path"]: i for i in items}
    assert by_path["_posts/nodate-in-name.md"]["date"] is None
    assert by_path["_drafts/draft.md"]["date"] is None and by_path["_drafts/draft.md"]["draft"] is True
    assert by_path["_posts/2022-01-01-hidden.md"]["published"] is False
    assert by_path["_posts/1900-01-01-old.md"]["date"] == "1900-01-01"
    lines = run(capsys, "index", archive, "--list").splitlines()
    assert any(line.startswith("undated     No date  [_posts/nodate-in-name.md]") for line in lines), lines
    assert any(line.startswith("undated     A draft (draft)  [_drafts/draft.md]") for line in lines), lines
    assert any(line.startswith("2022-01-01  Hidden (unpublished)  [") for line in lines), lines
    assert any(line.startswith("9999-12-31  Far  [") for line in lines), lines


def test_cli_search_and_show_say_undated(archive, capsys):
    hits = json.loads(run(capsys, "search", archive, "普京", "--json"))["results"]
    assert [(h["path"], h["date"]) for h in hits] == [("_posts/2024-03-02-dated.md", "2024-03-02T10:30:00+08:00"),
                                                      ("_posts/nodate-in-name.md", None)]
    assert "undated     No date  [_posts/nodate-in-name.md]" in run(capsys, "search", archive, "普京")
    shown = json.loads(run(capsys, "show", archive, "_drafts/draft.md", "--json"))
    assert (shown["date"], shown["draft"], shown["published"]) == (None, True, True)
    shown = json.loads(run(capsys, "show", archive, "_posts/2022-01-01-hidden.md", "--json"))
    assert (shown["date"], shown["draft"], shown["published"]) == ("2022-01-01", False, False)


# --- the window ----------------------------------------------------------------------------------------

@pytest.fixture
def english(qapp):
    """The reader chose English in Preferences: set as a real launch sets it (app.main)."""
    from reader.gui import i18n
    from reader.gui.settings import Settings

    settings = Settings()
    settings.prefs.language = "en"
    i18n.install_translators(qapp, settings.prefs.language)
    yield settings
    i18n.remove_translators(qapp)
    qapp.processEvents()


def column(window, col):
    model = window.list_pane.model
    return [model.data(model.index(i, col)) for i in range(model.rowCount())]


EXPECTED_DATES = ["9999-12-31", "2024-03-02", "2022-01-01", "1900-01-01", "Undated", "Undated"]


def test_the_list_shows_iso_dates_and_undated_posts_last_in_english(qtbot, archive, english):
    from reader.gui.app import build_window
    from reader.gui.tasks import SyncRunner

    from PySide6.QtTest import QTest

    window = build_window(runner=SyncRunner(), settings=english)  # as make_window, with these settings
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    assert window.open_path(archive)
    assert QLocale().language() == QLocale.Language.English  # whose short format says "1/1/00" for 1900-01-01
    assert column(window, Column.DATE) == EXPECTED_DATES
    titles = column(window, Column.TITLE)
    assert titles[:4] == ["Far", "Dated", "Hidden [Unpublished]", "Old"]
    assert sorted(titles[4:]) == ["A draft [Draft]", "No date"]
    assert list_titles(window)[4:] == [t.removesuffix(" [Draft]") for t in titles[4:]]  # the titles themselves
    # Oldest first, as a click on the Date header sorts: the undated ones stay at the end.
    window.list_pane.view.sortByColumn(Column.DATE, Qt.SortOrder.AscendingOrder)
    assert column(window, Column.DATE) == [*reversed(EXPECTED_DATES[:4]), "Undated", "Undated"]


def test_dates_stay_iso_when_the_language_changes_live(qtbot, qapp, archive):
    from reader.gui import i18n

    window = make_window(qtbot, archive)
    try:
        for language in ("en", "zh_CN", "zh_TW"):  # dates need no catalogue: only the locale
            i18n.install_translators(qapp, language)
            window.list_pane.model.retranslate()
            assert column(window, Column.DATE)[:4] == EXPECTED_DATES[:4], language
    finally:
        i18n.remove_translators(qapp)
        qapp.processEvents()


def test_the_header_says_undated_draft_and_unpublished(qtbot, archive, english):
    window = make_window(qtbot, archive)
    view = window.article_pane.view
    window.reading.open_post_path("_drafts/draft.md")
    header = view.toPlainText().split("\n")[:3]
    assert header[0] == "A draft" and header[1].startswith("Undated · Draft"), header
    window.reading.open_post_path("_posts/2022-01-01-hidden.md")
    meta = view.toPlainText().split("\n")[1]
    assert "2022" in meta and "January" in meta and "Unpublished" in meta, meta  # long, four-digit year
    for path, year in (("_posts/1900-01-01-old.md", "1900"), ("_posts/9999-12-31-far.md", "9999")):
        window.reading.open_post_path(path)
        meta = view.toPlainText().split("\n")[1]
        assert year in meta and "Draft" not in meta and "Unpublished" not in meta, meta
    window.reading.open_post_path("_posts/2024-03-02-dated.md")
    meta = view.toPlainText().split("\n")[1]
    assert "March" in meta and "2024" in meta and "10:30" in meta, meta  # the post's own time


def test_undated_posts_pulled_while_open_are_listed_last_and_labelled(qtbot, archive):
    window = make_window(qtbot, archive)
    before = window.list_pane.model.rowCount()
    write_post(archive / "_drafts", "pulled-draft.md", "title: Pulled draft", "<p>Plan.</p>")
    qtbot.waitUntil(lambda: window.list_pane.model.rowCount() == before + 1, timeout=DEBOUNCE_MS + 5000)
    assert column(window, Column.DATE)[:4] == EXPECTED_DATES[:4]
    assert column(window, Column.DATE)[4:] == ["Undated"] * 3
    assert "Pulled draft [Draft]" in column(window, Column.TITLE)[4:]
    window.live.show_new_posts()
    assert column(window, Column.TITLE) == ["Pulled draft [Draft]"]
    assert column(window, Column.DATE) == ["Undated"]
