"""Every article once: archived/ folders, duplicates, moves, and marks that follow a post."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from helpers import write_post
from reader.core.cli import main as cli
from reader.core.identity import archive_git_id, normalize_url
from reader.core.index import Index
from reader.core.queries import Scope
from reader.core.state import StateStore

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TEAHOUSE = CORPUS / "teahouse"

ARTICLE = "title: 一篇文章\ndate: 2021-05-20\nauthor: 甲\nfrom: https://matters.news/@a/文章-bafyOLD\ntags: [ 泡泡 ]"


def make_site(root: Path) -> Path:
    write_post(root / "_posts", "2021-06-01-recent.md", "title: Recent\ndate: 2021-06-01", "<p>recent words</p>")
    write_post(root / "archived" / "2021-09-30", "2021-05-20-article.md", ARTICLE, "<p>档案里的正文</p>")
    return root


def index(root: Path, cache: Path) -> Index:
    ix = Index(root, cache)
    return ix


def keys(ix: Index, scope: Scope | None = None) -> list[str]:
    return [r.key for r in ix.rows(ix.query_ids("", scope, "date_desc"))]


def test_archived_posts_are_listed_and_located(tmp_path):
    root = make_site(tmp_path / "site")
    with index(root, tmp_path / "cache") as ix:
        report = ix.update(workers=1)
        assert (report.posts, report.files, report.duplicates) == (2, 2, 0)
        assert report.locations == {"_posts": (1, 1), "archived": (1, 1)}
        assert keys(ix, Scope("location", "archived")) == ["2021-05-20-article"]
        assert ix.tree_counts().locations == {"_posts": (1, 1), "archived": (1, 1)}
        assert [h.row.key for h in ix.search("档案").hits] == ["2021-05-20-article"]


def test_a_byte_identical_copy_is_one_post_shown_from_posts(tmp_path):
    root = make_site(tmp_path / "site")
    shutil.copy2(root / "archived/2021-09-30/2021-05-20-article.md", root / "_posts")
    with index(root, tmp_path / "cache") as ix:
        report = ix.update(workers=1)
        assert (report.posts, report.files, report.duplicates) == (2, 3, 1)
        row = ix.row_by_key("2021-05-20-article")
        assert row.path == "_posts/2021-05-20-article.md" and row.location == "_posts"
        assert row.also_at == ("archived/2021-09-30/2021-05-20-article.md",)
        assert ix.search("档案").total == 1  # found once
        assert ix.tree_counts().tags == {"泡泡": (1, 1)}  # counted once
        assert ix.row_by_path("archived/2021-09-30/2021-05-20-article.md").id == row.id


def test_a_rescraped_copy_with_a_new_url_is_the_same_post(tmp_path):
    root = make_site(tmp_path / "site")
    write_post(root / "_posts", "2021-05-20-article.md",
               ARTICLE.replace("bafyOLD", "bafyNEW").replace("author: 甲", "author: 甲乙"), "<p>重新抓取的正文</p>")
    with index(root, tmp_path / "cache") as ix:
        report = ix.update(workers=1)
        assert (report.posts, report.duplicates) == (2, 1)
        row = ix.row_by_key("2021-05-20-article")
        assert row.author == "甲乙" and row.location == "_posts"  # the newer scrape, in _posts, is shown
        assert [h.row.key for h in ix.search("重新抓取").hits] == ["2021-05-20-article"]
        assert ix.search("档案里").total == 0  # the other copy's text is not shown, so not found either


def test_two_different_articles_with_one_file_name_stay_two_posts(tmp_path):
    root = make_site(tmp_path / "site")
    write_post(root / "_posts", "2021-05-20-article.md",
               "title: 另一篇完全不同\ndate: 2021-05-20\nfrom: https://other.example/x", "<p>不同的文章</p>")
    with index(root, tmp_path / "cache") as ix:
        report = ix.update(workers=1)
        assert (report.posts, report.files, report.duplicates) == (3, 3, 0)
        titles = {r.title: r.key for r in ix.rows(ix.query_ids())}
        assert set(titles) == {"Recent", "一篇文章", "另一篇完全不同"}
        one, other = titles["一篇文章"], titles["另一篇完全不同"]
        assert one != other and one.startswith("2021-05-20-article#") and other.startswith("2021-05-20-article#")
        assert ix.row_by_key(one).also_at == ()  # neither hides the other


def test_urls_are_compared_as_the_article_they_name():
    a = "https://www.Example.com/a/%E6%96%87%E7%AB%A0/?utm_source=rss#top"
    assert normalize_url(a) == normalize_url("http://example.com/a/%25E6%2596%2587%25E7%25AB%25A0")
    assert normalize_url("https://x.org/read?id=5") != normalize_url("https://x.org/read?id=6")


def test_a_move_to_archived_keeps_the_post_its_text_and_its_marks(tmp_path, monkeypatch):
    root = tmp_path / "site"
    write_post(root / "_posts", "2021-05-20-article.md", ARTICLE, "<p>档案里的正文</p>")
    write_post(root / "_posts", "2021-06-01-recent.md", "title: Recent\ndate: 2021-06-01")
    data = tmp_path / "data"
    with index(root, tmp_path / "cache") as ix:
        ix.update(workers=1)
        before = ix.row_by_key("2021-05-20-article")
        seen = ix.con.execute("SELECT seen_ns FROM posts WHERE id=?", (before.id,)).fetchone()[0]
        opened = ix.con.execute("SELECT max(seen_ns) FROM posts").fetchone()[0]  # 'since the last open
    state = StateStore(root, data)
    state.set_read("2021-05-20-article")
    state.set_starred("2021-05-20-article")
    state.set_scroll("2021-05-20-article", 0.5)
    state.close()
    (root / "archived" / "2021-09-30").mkdir(parents=True)
    os.rename(root / "_posts/2021-05-20-article.md", root / "archived/2021-09-30/2021-05-20-article.md")
    write_post(root / "_posts", "2021-10-01-brand-new.md", "title: New\ndate: 2021-10-01")
    import reader.core.workers as workers_module

    parsed: list[str] = []
    real = workers_module.parse_meta
    monkeypatch.setattr(workers_module, "parse_meta", lambda r, f: parsed.append(f.rel) or real(r, f))
    with index(root, tmp_path / "cache") as ix:
        report = ix.update(workers=1)
        assert (report.added, report.moved, report.removed, report.changed) == (1, 1, 0, 0)
        assert parsed == ["_posts/2021-10-01-brand-new.md"]  # the moved file was not read again
        after = ix.row_by_key("2021-05-20-article")
        assert after.id == before.id and after.path == "archived/2021-09-30/2021-05-20-article.md"
        assert ix.con.execute("SELECT seen_ns FROM posts WHERE id=?", (after.id,)).fetchone()[0] == seen
        assert [h.row.id for h in ix.search("档案里").hits] == [after.id]  # its text stayed indexed
        state = StateStore(root, data)
        ix.attach_state(str(state.file), state.archive)
        assert keys(ix, Scope("new", str(opened))) == ["2021-10-01-brand-new"]  # a move is not new
        assert keys(ix, Scope("starred")) == ["2021-05-20-article"]
        assert state.is_read(after.key) and state.scroll(after.key) == 0.5
        state.close()


def test_removing_the_duplicate_keeps_the_post(tmp_path):
    root = make_site(tmp_path / "site")
    shutil.copy2(root / "archived/2021-09-30/2021-05-20-article.md", root / "_posts")
    with index(root, tmp_path / "cache") as ix:
        ix.update(workers=1)
        pid = ix.row_by_key("2021-05-20-article").id
    (root / "_posts/2021-05-20-article.md").unlink()
    with index(root, tmp_path / "cache") as ix:
        report = ix.update(workers=1)
        assert (report.posts, report.removed, report.moved) == (2, 0, 1)
        row = ix.row_by_key("2021-05-20-article")
        assert row.id == pid and row.path.startswith("archived/") and row.also_at == ()


def test_a_loose_dated_file_without_front_matter_is_listed_not_lost(tmp_path):
    root = make_site(tmp_path / "site")
    (root / "notes").mkdir()
    (root / "notes" / "2020-01-01-plain.md").write_text("just text, no front matter", encoding="utf-8")
    with index(root, tmp_path / "cache") as ix:
        report = ix.update(workers=1)
        assert report.posts == 2
        assert [(p.path, p.recovered) for p in report.problems] == [("notes/2020-01-01-plain.md", False)]
        assert "front matter" in report.problems[0].reason


def test_a_backslash_title_is_shown_with_a_note(tmp_path):
    root = tmp_path / "site"
    write_post(root / "archived" / "2022-08-01", "2022-04-25-x.md", 'title: "語文水平\\智力\\定中共問題"\ndate: 2022-04-25')
    with index(root, tmp_path / "cache") as ix:
        report = ix.update(workers=1)
        assert report.posts == 1 and report.unreadable == 0
        assert ix.rows(ix.query_ids())[0].title == "語文水平\\智力\\定中共問題"
        assert [(p.path, p.recovered) for p in report.problems] == [("archived/2022-08-01/2022-04-25-x.md", True)]


# --- archives: identity, relocation, migration -------------------------------------------------

def git_clone_at(folder: Path, url: str) -> None:
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "config").write_text(f'[core]\n\tbare = false\n[remote "origin"]\n\turl = {url}\n'
                                            '\tfetch = +refs/heads/*:refs/remotes/origin/*\n', encoding="utf-8")


def test_a_git_archive_is_named_by_its_origin_so_marks_survive_a_move_or_a_new_clone(tmp_path):
    first = make_site(tmp_path / "a" / "teahouse")
    git_clone_at(first, "git@github.com:NodeBE4/teahouse.git")
    state = StateStore(first, tmp_path / "data")
    assert state.archive == "git:github.com/NodeBE4/teahouse"
    state.set_read("2021-05-20-article")
    state.close()
    moved = tmp_path / "elsewhere" / "renamed"
    moved.parent.mkdir()
    first.rename(moved)
    assert StateStore(moved, tmp_path / "data").is_read("2021-05-20-article")
    clone = make_site(tmp_path / "b" / "th")
    git_clone_at(clone, "https://github.com/NodeBE4/teahouse")
    assert StateStore(clone, tmp_path / "data").is_read("2021-05-20-article")
    assert archive_git_id(clone / "_posts")[0] == "git:github.com/NodeBE4/teahouse//_posts"


def test_a_folder_archive_renamed_keeps_its_marks_once_located(tmp_path):
    root = make_site(tmp_path / "mine")
    state = StateStore(root, tmp_path / "data")
    old_id = state.archive
    state.set_starred("2021-05-20-article")
    state.close()
    assert old_id.startswith("local:")
    assert StateStore(root, tmp_path / "data").archive == old_id  # same place: same archive
    renamed = tmp_path / "mine-renamed"
    root.rename(renamed)
    gone = StateStore(renamed, tmp_path / "data").known_archives()
    missing = [a for a in gone if a.last_path and not os.path.exists(a.last_path)]
    assert [a.archive for a in missing] == [old_id]  # what the window offers to locate
    located = StateStore(renamed, tmp_path / "data", adopt=old_id)
    assert located.archive == old_id and located.is_starred("2021-05-20-article")
    assert StateStore(renamed, tmp_path / "data").archive == old_id  # and it is remembered there


V1_SCHEMA = """
PRAGMA user_version = 1;
CREATE TABLE marks(archive TEXT NOT NULL, path TEXT NOT NULL, read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0, scroll REAL NOT NULL DEFAULT 0, changed REAL NOT NULL,
    PRIMARY KEY(archive, path));
CREATE TABLE archives(archive TEXT PRIMARY KEY, last_path TEXT, opened REAL NOT NULL);
"""


def test_marks_of_schema_1_are_migrated_without_losing_one(tmp_path):
    root = make_site(tmp_path / "site")
    real = os.path.realpath(root)
    data = tmp_path / "data"
    data.mkdir()
    con = sqlite3.connect(data / "state.sqlite")  # what the previous release wrote
    con.executescript(V1_SCHEMA)
    con.executemany("INSERT INTO marks VALUES(?, ?, ?, ?, ?, ?)", [
        (real, "_posts/2021-06-01-recent.md", 1, 0, 0.25, 10.0),
        (real, "_posts/2021-05-20-article.md", 1, 0, 0.1, 5.0),  # before archive.sh moved it
        (real, "archived/2021-09-30/2021-05-20-article.md", 0, 1, 0.75, 20.0),
        ("/gone/other", "_posts/2020-01-01-x.md", 0, 1, 0.0, 1.0),
    ])
    con.executemany("INSERT INTO archives VALUES(?, ?, ?)", [(real, "_posts/2021-06-01-recent.md", 30.0),
                                                            ("/gone/other", None, 2.0)])
    con.commit()
    con.close()
    state = StateStore(root, data)
    assert state.is_read("2021-06-01-recent") and state.scroll("2021-06-01-recent") == 0.25
    assert state.is_read("2021-05-20-article") and state.is_starred("2021-05-20-article")  # merged
    assert state.scroll("2021-05-20-article") == 0.75  # the later one
    assert state.last_opened() == "2021-06-01-recent"
    other = [a for a in state.known_archives() if a.last_path == "/gone/other"]
    assert len(other) == 1 and other[0].archive.startswith("local:")  # kept, to be located
    state.close()
    backup = data / "state.sqlite.v1-backup"
    assert backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("SELECT count(*) FROM marks").fetchone()[0] == 4  # the old file, as it was
    old.close()
    with Index(root, tmp_path / "cache") as ix:  # and the index sees them
        ix.update(workers=1)
        state = StateStore(root, data)
        ix.attach_state(str(state.file), state.archive)
        assert keys(ix, Scope("unread")) == []
        assert keys(ix, Scope("starred")) == ["2021-05-20-article"]


# --- command line ----------------------------------------------------------------------------------

def run(capsys, *argv):
    status = cli([str(a) for a in argv])
    out, _err = capsys.readouterr()
    return status, json.loads(out) if "--json" in argv else out


def test_cli_reports_and_marks_follow_a_move(tmp_path, capsys):
    root = make_site(tmp_path / "site")
    shutil.copy2(root / "archived/2021-09-30/2021-05-20-article.md", root / "_posts")
    dirs = ("--cache-dir", tmp_path / "cache", "--data-dir", tmp_path / "data")
    _, data = run(capsys, "index", root, "--json", "--list", *dirs)
    assert (data["posts"], data["files"], data["duplicates"]) == (2, 3, 1)
    assert data["locations"] == {"_posts": {"posts": 2, "files": 2}, "archived": {"posts": 0, "files": 1}}
    item = next(i for i in data["items"] if i["key"] == "2021-05-20-article")
    assert item["location"] == "_posts" and item["also_at"] == ["archived/2021-09-30/2021-05-20-article.md"]
    status, marked = run(capsys, "mark", root, "_posts/2021-05-20-article.md", "--read", "--star", "--json", *dirs)
    assert status == 0 and marked == {"path": "_posts/2021-05-20-article.md", "key": "2021-05-20-article",
                                      "read": True, "starred": True}
    (root / "_posts/2021-05-20-article.md").unlink()  # archive.sh's move: only the archived copy is left
    _, data = run(capsys, "index", root, "--json", "--list", *dirs)
    assert (data["added"], data["moved"], data["removed"]) == (0, 1, 0)
    item = next(i for i in data["items"] if i["key"] == "2021-05-20-article")
    assert (item["path"], item["read"], item["starred"]) == ("archived/2021-09-30/2021-05-20-article.md", True, True)
    _, shown = run(capsys, "show", root, "archived/2021-09-30/2021-05-20-article.md", "--json", *dirs)
    assert (shown["read"], shown["starred"], shown["location"]) == (True, True, "archived")
    status, _ = run(capsys, "mark", root, "2021-05-20-article", "--unread", *dirs)
    assert status == 0
    _, shown = run(capsys, "show", root, "archived/2021-09-30/2021-05-20-article.md", "--json", *dirs)
    assert shown["read"] is False and shown["starred"] is True
    assert cli(["mark", str(root), "2021-05-20-article", *map(str, dirs)]) == 2  # no mark asked for


# --- the real teahouse sample -----------------------------------------------------------------------

needs_teahouse = pytest.mark.skipif(not TEAHOUSE.is_dir(), reason=f"{TEAHOUSE} is absent: the shared corpus "
                                    "is not beside this clone")


@pytest.mark.corpus
@needs_teahouse
def test_teahouse_every_article_once(tmp_path):
    import yaml

    with Index(TEAHOUSE, tmp_path / "cache") as ix:
        report = ix.update()
        assert (report.posts, report.files, report.duplicates) == (360, 420, 60)
        assert report.locations == {"_posts": (60, 60), "archived": (300, 360)}
        assert report.problems == ()
        rows = ix.rows(ix.query_ids())
        assert len({r.key for r in rows}) == 360
        for row in rows:
            text = (TEAHOUSE / row.path).read_text(encoding="utf-8-sig")
            meta = yaml.load(re.split(r"^---[ \t]*$", text, maxsplit=2, flags=re.MULTILINE)[1],
                             Loader=yaml.CSafeLoader)
            assert row.title == " ".join(str(meta["title"]).split()), row.path  # runs of spaces shown as one
            assert row.date[:10] == str(meta["date"])[:10], row.path
            tags = meta.get("tags") or []
            assert list(row.tags) == [str(t) for t in (tags if isinstance(tags, list) else [tags])], row.path
        duplicated = [r for r in rows if r.also_at]
        assert len(duplicated) == 60 and all(r.location == "_posts" for r in duplicated)
        for row in duplicated[:20]:  # search finds each duplicated article once
            hits = ix.query_ids(f'"{row.title[:12]}"')
            assert hits.count(row.id) == 1 and all(ix.rows([h])[0].key != row.key or h == row.id for h in hits)
