"""lectern-cli and the library: library list/add/remove/rename, an archive named in place of a
folder, and --library for index, search, show and mark."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import cli_json, cli_run, write_post


def post(root, name, title, date, url, tags, body):
    write_post(root / "_posts", name, f"title: {title}\ndate: {date}\nfrom: {url}\ntags: [ {', '.join(tags)} ]",
               f"<p>{body}</p>")


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("LECTERN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LECTERN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def sites(dirs):
    """Two archives: 'Daily' (a _config.yml title) and 'weekly' (its folder's name); one article in both."""
    a, b = dirs / "daily", dirs / "weekly"
    a.mkdir()
    (a / "_config.yml").write_text("title: Daily\n", encoding="utf-8")
    post(a, "2020-07-16-putin.md", "普京访华", "2020-07-16", "https://example.org/putin", ["泡泡"],
         "普京今天抵达北京。")
    post(a, "2021-01-01-news.md", "News", "2021-01-01", "https://example.org/news", ["news"],
         "Some words of news.")
    post(a, "2019-05-05-same.md", "Daily's own", "2019-05-05", "https://example.org/daily-same", ["x"], "words")
    post(b, "2022-03-03-visit.md", "普京又来了", "2022-03-03", "https://example.org/visit", ["泡泡"], "普京再次访问。")
    post(b, "2020-07-16-copy.md", "普京访华", "2020-07-16", "https://www.example.org/putin/", ["泡泡"],
         "普京今天抵达北京。")  # the same article as daily's
    post(b, "2019-05-05-same.md", "Weekly's own", "2019-05-05", "https://example.org/weekly-same", ["y"], "words")
    return a, b


run, run_json = cli_run, cli_json  # (tests/helpers.py)


@pytest.fixture
def library(sites, capsys):
    a, b = sites
    assert run(capsys, "library", "add", a)[0] == 0
    assert run(capsys, "library", "add", b)[0] == 0
    return a, b


def test_add_and_list(sites, capsys):
    a, b = sites
    status, out, _ = run(capsys, "library", "list")
    assert status == 0 and "the library is empty" in out
    assert run_json(capsys, "library", "list") == {"archives": []}
    status, out, _ = run(capsys, "library", "add", a)
    assert status == 0 and out.startswith("added “Daily” (local:") and str(a) in out
    added = run_json(capsys, "library", "add", b, "--name", "The Weekly")
    assert added["new"] is True and added["marks"] == {"read": 0, "starred": 0}
    assert added["added"]["name"] == "The Weekly" and added["added"]["path"] == str(b)
    assert added["added"]["number"] == 2 and added["added"]["position"] == 1 and added["added"]["missing"] is None
    again = run_json(capsys, "library", "add", a)
    assert again["new"] is False and again["added"]["number"] == 1

    listed = run_json(capsys, "library", "list")["archives"]
    assert [(x["number"], x["name"], x["path"], x["kind"], x["missing"], x["posts"]) for x in listed] == [
        (1, "Daily", str(a), "folder", None, None), (2, "The Weekly", str(b), "folder", None, None)]
    assert set(listed[0]) == {"number", "id", "name", "path", "kind", "position", "missing", "posts"}
    assert listed[0]["id"].startswith("local:")
    status, out, _ = run(capsys, "library", "list")
    lines = out.splitlines()
    assert len(lines) == 2 and lines[0].split()[:2] == ["1", "Daily"] and listed[0]["id"] in lines[0]
    assert "The Weekly" in lines[1] and str(b) in lines[1] and "not indexed yet" in lines[1]

    run(capsys, "index", "--library")
    assert [x["posts"] for x in run_json(capsys, "library", "list")["archives"]] == [3, 3]


def test_add_errors(dirs, capsys):
    status, _, err = run(capsys, "library", "add", dirs / "nowhere")
    assert status == 1 and err.startswith("lectern-cli: ") and "does not exist" in err
    (dirs / "empty").mkdir()
    status, _, err = run(capsys, "library", "add", dirs / "empty")
    assert status == 1 and "No posts were found" in err


def test_rename_by_name_number_and_id(library, capsys):
    renamed = run_json(capsys, "library", "rename", "daily", "Le Quotidien")  # any letter case
    assert renamed["old_name"] == "Daily" and renamed["renamed"]["name"] == "Le Quotidien"
    ident = renamed["renamed"]["id"]
    status, out, _ = run(capsys, "library", "rename", "2", "Hebdo")
    assert status == 0 and out.strip() == "“weekly” is now “Hebdo”"
    assert run_json(capsys, "library", "rename", ident[:10], "Daily")["renamed"]["id"] == ident  # an id's start
    clash = run_json(capsys, "library", "rename", "Hebdo", "daily")
    assert clash["renamed"]["name"] == "daily (2)"  # two archives never share a name
    status, _, err = run(capsys, "library", "rename", "nobody", "X")
    assert status == 1 and "no archive “nobody” in the library" in err and "1 Daily, 2 daily (2)" in err
    status, _, err = run(capsys, "library", "rename", "1", "  ")
    assert status == 1 and "cannot be empty" in err


def test_remove_keeps_marks_unless_forgotten(library, capsys):
    a, b = library
    marked = run_json(capsys, "mark", "weekly", "2022-03-03-visit", "--read", "--star")
    assert (marked["read"], marked["starred"]) == (True, True)

    status, out, _ = run(capsys, "library", "remove", "weekly")
    assert status == 0 and "marks are kept" in out
    assert [x["name"] for x in run_json(capsys, "library", "list")["archives"]] == ["Daily"]
    back = run_json(capsys, "library", "add", b)
    assert back["new"] is True and back["marks"] == {"read": 1, "starred": 1}
    item = {i["key"]: i for i in run_json(capsys, "index", "weekly", "--list")["items"]}["2022-03-03-visit"]
    assert (item["read"], item["starred"]) == (True, True)

    removed = run_json(capsys, "library", "remove", "2", "--forget")
    assert removed == {"removed": {**back["added"], "number": 2}, "forgot_marks": True, "deleted_download": False}
    back = run_json(capsys, "library", "add", b)
    assert back["marks"] == {"read": 0, "starred": 0}
    item = {i["key"]: i for i in run_json(capsys, "index", "weekly", "--list")["items"]}["2022-03-03-visit"]
    assert (item["read"], item["starred"]) == (False, False)
    status, _, err = run(capsys, "library", "remove", "weekly2")
    assert status == 1 and "no archive “weekly2”" in err


def test_search_the_whole_library(library, capsys):
    data = run_json(capsys, "search", "--library", "普京")
    names = {a["name"]: a["id"] for a in run_json(capsys, "library", "list")["archives"]}
    assert data["total"] == 2  # the article kept by both is listed once, from the first archive
    assert [(r["archive"]["name"], r["path"]) for r in data["results"]] == [
        ("weekly", "_posts/2022-03-03-visit.md"), ("Daily", "_posts/2020-07-16-putin.md")]
    assert data["results"][1]["archive"] == {"id": names["Daily"], "name": "Daily"}
    assert data["results"][1]["also_in"] == [{"id": names["weekly"], "name": "weekly"}]
    assert data["results"][0]["key"] == "2022-03-03-visit" and "普京再次访问" in data["results"][0]["snippet"]
    assert data["skipped"] == []

    status, out, _ = run(capsys, "search", "--library", "words")
    assert status == 0 and out.startswith("3 posts match 'words' in the library")
    rows = [line for line in out.splitlines()[1:] if line[:1].isdigit()]
    assert rows[0].startswith("2021-01-01  Daily   News  [_posts/2021-01-01-news.md]")
    assert {line.split()[1] for line in rows} == {"Daily", "weekly"}


def test_archive_field_restricts_and_an_unknown_one_is_a_usage_error(library, capsys, monkeypatch):
    only = run_json(capsys, "search", "--library", "普京 archive:weekly")
    assert [(r["archive"]["name"], r["path"]) for r in only["results"]] == [
        ("weekly", "_posts/2022-03-03-visit.md"), ("weekly", "_posts/2020-07-16-copy.md")]
    others = run_json(capsys, "search", "--library", "普京 -archive:WEEKLY")
    assert [r["archive"]["name"] for r in others["results"]] == ["Daily"]

    from reader.core import index as index_module
    monkeypatch.setattr(index_module.Index, "update", lambda *a, **k: pytest.fail("indexed for a bad query"))
    status, out, err = run(capsys, "search", "--library", "普京 archive:monthly")
    assert status == 2 and out == ""
    assert err.startswith("lectern-cli: search: no archive is named “monthly”") and "Daily, weekly" in err


def test_an_archive_named_in_place_of_a_folder(library, capsys):
    a, b = library
    data = run_json(capsys, "search", "Daily", "普京")  # by name
    assert data["total"] == 1 and data["results"][0]["path"] == "_posts/2020-07-16-putin.md"
    assert run_json(capsys, "search", "2", "普京")["total"] == 2  # by number
    marked = run_json(capsys, "mark", "daily", "2021-01-01-news", "--star")
    assert marked == {"path": "_posts/2021-01-01-news.md", "key": "2021-01-01-news", "read": False, "starred": True}
    status, out, _ = run(capsys, "index", "Daily", "--list")
    assert status == 0 and out.startswith(str(a))
    shown = run_json(capsys, "show", "Daily", "_posts/2021-01-01-news.md")
    assert shown["starred"] is True and shown["title"] == "News"
    # the same marks as when the folder is given
    assert run_json(capsys, "mark", a, "2021-01-01-news", "--read") == {**marked, "read": True}
    status, _, err = run(capsys, "search", "Monthly", "普京")
    assert status == 1 and "no such folder: Monthly" in err and "the library has: 1 Daily, 2 weekly" in err
    status, _, err = run(capsys, "search", "Daily", "普京", "--library")
    assert status == 2 and "not both" in err
    status, _, err = run(capsys, "search", "普京")
    assert status == 2 and "or --library" in err


def test_a_folder_on_disk_is_still_a_folder(library, capsys, tmp_path, monkeypatch):
    a, _b = library
    other = tmp_path / "elsewhere" / "Daily"  # a folder named like an archive of the library
    post(other, "2018-01-01-else.md", "Else", "2018-01-01", "https://example.org/else", ["z"], "普京 elsewhere")
    monkeypatch.chdir(other.parent)
    data = run_json(capsys, "search", "Daily", "普京")
    assert [r["path"] for r in data["results"]] == ["_posts/2018-01-01-else.md"]


def test_index_the_library_most_recently_read_first(library, capsys):
    a, b = library
    data = run_json(capsys, "index", "--library")
    assert [(e["archive"]["name"], e["posts"], e["cache"], e["missing"]) for e in data["archives"]] == [
        ("Daily", 3, "cold", None), ("weekly", 3, "cold", None)]
    assert data["posts"] == 6 and data["missing"] == 0 and data["archives"][0]["root"] == str(a)
    run(capsys, "show", "--library", "weekly:2022-03-03-visit")  # weekly was read last
    status, out, _ = run(capsys, "index", "--library")
    assert status == 0 and out.index(f"weekly: {b}") < out.index(f"Daily: {a}")
    assert "warm cache" in out


def test_show_and_mark_across_the_library(library, capsys):
    a, b = library
    run(capsys, "index", "--library")
    status, out, _ = run(capsys, "show", "--library", "weekly:_posts/2022-03-03-visit.md", "--text")
    assert status == 0 and "普京再次访问" in out
    status, out, _ = run(capsys, "show", "--library", "2022-03-03-visit", "--text")  # a key only weekly has
    assert status == 0 and "普京再次访问" in out
    status, out, _ = run(capsys, "show", "--library", b / "_posts/2022-03-03-visit.md", "--text")
    assert status == 0 and "普京再次访问" in out

    status, _, err = run(capsys, "show", "--library", "2019-05-05-same")  # two different posts
    assert status == 2 and "several archives" in err and "Daily:2019-05-05-same" in err
    status, _, err = run(capsys, "mark", "--library", "nothing-like-it", "--read")
    assert status == 1 and "no such post in the library: nothing-like-it" in err
    status, _, err = run(capsys, "mark", "--library", "monthly:2019-05-05-same", "--read")
    assert status == 1 and "no archive “monthly”" in err

    marked = run_json(capsys, "mark", "--library", "Daily:2019-05-05-same", "--read")
    assert marked["archive"]["name"] == "Daily" and marked["read"] is True and marked["copies"] == []
    weekly = {i["key"]: i for i in run_json(capsys, "index", "weekly", "--list")["items"]}
    assert weekly["2019-05-05-same"]["read"] is False

    # one article kept by both archives: named by its key, marked in both
    marked = run_json(capsys, "mark", "--library", "2020-07-16-putin", "--star")
    assert marked["archive"]["name"] == "Daily" and marked["starred"] is True
    assert marked["copies"] == [{"archive": {"id": marked["copies"][0]["archive"]["id"], "name": "weekly"},
                                 "path": "_posts/2020-07-16-copy.md", "key": "2020-07-16-copy"}]
    weekly = {i["key"]: i for i in run_json(capsys, "index", "weekly", "--list")["items"]}
    assert weekly["2020-07-16-copy"]["starred"] is True


def test_a_missing_folder_is_listed_as_missing(library, capsys):
    a, b = library
    b.rename(b.parent / "weekly-moved")
    listed = run_json(capsys, "library", "list")["archives"]
    assert listed[1]["missing"] == "the folder is no longer there" and listed[1]["posts"] is None
    status, out, _ = run(capsys, "library", "list")
    assert "missing: the folder is no longer there" in out.splitlines()[1]

    data = run_json(capsys, "search", "--library", "普京")
    assert [r["archive"]["name"] for r in data["results"]] == ["Daily"]
    assert data["skipped"] == [{"archive": {"id": listed[1]["id"], "name": "weekly"},
                                "missing": "the folder is no longer there"}]
    status, out, err = run(capsys, "index", "--library")
    assert status == 0 and "weekly: missing: the folder is no longer there" in out and "Daily: " in out
    status, _, err = run(capsys, "search", "weekly", "普京")
    assert status == 1 and "weekly: the folder is no longer there" in err


def test_empty_library(dirs, capsys):
    status, _, err = run(capsys, "search", dirs / "nowhere", "x")
    assert status == 1 and "no such folder" in err and "the library is empty" in err
    assert not (dirs / "data" / "state.sqlite").exists()  # a typo never creates the reader's data file
    for argv in (("index", "--library"), ("search", "--library", "x"), ("show", "--library", "k"),
                 ("mark", "--library", "k", "--read")):
        status, _, err = run(capsys, *argv)
        assert status == 1 and "the library is empty" in err, argv


def test_as_a_program(library):
    import os
    env = {**os.environ}
    for argv, status in ((["search", "Daily", "普京", "--json"], 0), (["search", "Monthly", "x"], 1),
                         (["library", "list", "--json"], 0)):
        done = subprocess.run([sys.executable, "-m", "reader.core.cli", *argv], capture_output=True, text=True,
                              env=env)
        assert done.returncode == status, done.stderr
        if status == 0:
            json.loads(done.stdout)
        else:
            assert done.stderr.startswith("lectern-cli: no such folder: Monthly")
