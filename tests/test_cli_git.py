"""lectern-cli and git archives: `library add URL` and `library update` against a git server on
127.0.0.1 (tests/gitserver.py), and `search`, `show`, `mark` on a git archive named as a folder's
would be.  JSON on stdout, progress on stderr, exit 1 for a failure, 2 for a usage error.
Nothing here touches the internet."""

from __future__ import annotations

import json
from pathlib import Path

import pygit2
import pytest

from gitserver import GitServer, commit, make_repo, post, sample_posts
from helpers import cli_json, cli_run

pytestmark = pytest.mark.usefixtures("quick_git")

PEKING = "_posts/2024-01-05-peking.md"
ODD = '_posts/2024-01-03-a:b*c".md'
UPDATE_KEYS = {"added", "moved", "removed", "changed", "bytes", "seconds"}


def files() -> dict[str, bytes]:
    return {**sample_posts(), PEKING: post("peking", date="2024-01-05", title="\u666e\u4eac\u8bbf\u534e",
                                           body="<p>\u666e\u4eac\u4eca\u5929\u62b5\u8fbe\u5317\u4eac\u3002</p>")}


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("LECTERN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LECTERN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def upstream(dirs) -> pygit2.Repository:
    make_repo(dirs / "served" / "other.git", [{"_config.yml": b"title: Other news\n",
                                               "_posts/2024-02-01-other.md": post("other", date="2024-02-01")}])
    return make_repo(dirs / "served" / "arch.git", [files()])


@pytest.fixture
def server(upstream, dirs):
    with GitServer(dirs / "served") as srv:
        yield srv


run, run_json = cli_run, cli_json  # (tests/helpers.py)


@pytest.fixture
def added(server, capsys):
    """The archive added by URL (as 'Test archive')."""
    return run_json(capsys, "library", "add", server.url("arch.git"))


def test_add_by_url(server, dirs, capsys):
    url = server.url("arch.git")
    status, out, err = run(capsys, "library", "add", url, "--json")
    assert status == 0 and err == ""  # no progress with --json
    data = json.loads(out)
    assert data["added"]["kind"] == "git" and data["added"]["id"] == "git:127.0.0.1/arch"
    assert data["added"]["name"] == "Test archive" and data["added"]["number"] == 1
    assert data["added"]["url"] == url and data["added"]["branch"] == "master" and data["added"]["shallow"] is True
    assert data["bytes"] > 0 and data["seconds"] >= 0
    assert Path(data["added"]["path"]).parent == dirs / "data" / "archives"

    status, out, err = run(capsys, "library", "add", server.url("other.git"), "--name", "Elsewhere")
    assert status == 0 and out.startswith("added “Elsewhere” (git:127.0.0.1/other)") and out.count("\n") == 1
    assert "objects" not in out and "done" in err and "objects" in err  # progress on stderr
    listed = run_json(capsys, "library", "list")["archives"]
    assert [(a["name"], a["kind"]) for a in listed] == [("Test archive", "git"), ("Elsewhere", "git")]

    for again in (url, url.removesuffix(".git")):
        status, out, err = run(capsys, "library", "add", again)
        assert status == 1 and out == ""
        assert "“Test archive” is this archive, already in the library: update it instead." in err
    assert len(run_json(capsys, "library", "list")["archives"]) == 2
    assert sorted(p.name for p in (dirs / "data" / "archives").iterdir()) == ["arch.git", "other.git"]


def test_add_failures(server, dirs, capsys):
    server.fault = "404"
    status, out, err = run(capsys, "library", "add", server.url("arch.git"))
    assert status == 1 and out == "" and "HTTP 404" in err and "127.0.0.1" in err and "Traceback" not in err
    server.fault = None
    status, out, err = run(capsys, "library", "add", server.url("arch.git"), "--proxy", "socks5://x:1")
    assert status == 2 and out == "" and "SOCKS proxies are not supported" in err
    status, _, err = run(capsys, "library", "add", server.url("arch.git"), "--proxy", "socks5://x:1", "--json")
    assert status == 2 and "SOCKS" in err
    assert run_json(capsys, "library", "list")["archives"] == []
    archives = dirs / "data" / "archives"
    assert not archives.exists() or list(archives.iterdir()) == []  # nothing left behind


def test_update(added, server, upstream, capsys):
    run_json(capsys, "library", "add", server.url("other.git"))
    run_json(capsys, "index", "--library")
    data = run_json(capsys, "library", "update", "--all")
    assert [a["name"] for a in data["archives"]] == ["Test archive", "Other news"]
    for a in data["archives"]:
        assert UPDATE_KEYS <= set(a) and "error" not in a
        assert (a["added"], a["moved"], a["removed"], a["changed"]) == (0, 0, 0, 0) and a["old_tip"] == a["new_tip"]

    commit(upstream, {"_posts/2024-03-01-new-one.md": post("new-one", date="2024-03-01"),
                      "_posts/2024-03-02-new-two.md": post("new-two", date="2024-03-02"),
                      "_posts/2024-01-02-what|why?.md": None},
           moves={"_posts/2024-01-02-first.md": "archived/2024-01-02/2024-01-02-first.md"})
    data = run_json(capsys, "library", "update", "Test archive")
    [one] = data["archives"]
    assert one["id"] == added["added"]["id"] and one["old_tip"] != one["new_tip"]
    assert (one["added"], one["moved"], one["removed"], one["changed"]) == (2, 1, 1, 0)
    assert one["bytes"] > 0 and one["seconds"] >= 0
    items = {i["path"]: i for i in run_json(capsys, "index", "Test archive", "--list")["items"]}
    assert items["archived/2024-01-02/2024-01-02-first.md"]["location"] == "archived"
    assert "_posts/2024-03-02-new-two.md" in items and "_posts/2024-01-02-what|why?.md" not in items

    status, out, err = run(capsys, "library", "update", "--all")  # the text form
    assert status == 0 and out.splitlines()[0].startswith("Test archive: up to date")
    assert "done" in err

    server.fault = "500"
    status, out, err = run(capsys, "library", "update", "--all", "--json")
    assert status == 1
    for a in json.loads(out)["archives"]:
        assert a["kind"] == "server" and "HTTP 500" in a["error"] and "127.0.0.1" in a["error"]
        assert UPDATE_KEYS <= set(a)
    status, out, _ = run(capsys, "library", "update", "1")
    assert status == 1 and out.startswith("Test archive: failed: 127.0.0.1 has a problem of its own (HTTP 500)")
    server.fault = None
    assert len(run_json(capsys, "index", "Test archive", "--list")["items"]) == len(items)  # still all there

    status, out, err = run(capsys, "library", "update", "--all", "--proxy", "socks5://x:1")
    assert status == 2 and out == "" and "SOCKS proxies are not supported" in err
    status, _, err = run(capsys, "library", "update", "nobody")
    assert status == 1 and "no archive “nobody”" in err
    status, _, err = run(capsys, "library", "update")
    assert status == 2 and "--all" in err


def test_update_needs_a_git_archive(dirs, capsys):
    folder = dirs / "folder"
    for rel, data in files().items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    run_json(capsys, "library", "add", folder)
    status, _, err = run(capsys, "library", "update", "--all")
    assert status == 1 and "no git archive" in err
    status, out, _ = run(capsys, "library", "update", "Test archive", "--json")
    assert status == 1 and "not a git archive" in json.loads(out)["archives"][0]["error"]


@pytest.fixture
def twin(added, dirs, capsys):
    """The same files in a folder, added as 'Folder twin': what the git archive must match."""
    folder = dirs / "twin"
    for rel, data in files().items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    run_json(capsys, "library", "add", folder, "--name", "Folder twin")
    return folder


def test_search_show_and_mark_a_git_archive_by_name(twin, capsys):
    for query in ("\u62b5\u8fbe\u5317\u4eac", "Body", "tag:news", "a:b"):
        from_git = run_json(capsys, "search", "Test archive", query)
        assert from_git == run_json(capsys, "search", "Folder twin", query), query
        assert from_git["total"] > 0
    found = run_json(capsys, "search", "Test archive", "\u62b5\u8fbe\u5317\u4eac")
    assert [r["path"] for r in found["results"]] == [PEKING]

    items = {i["path"]: i for i in run_json(capsys, "index", "Test archive", "--list")["items"]}
    assert items.keys() == {i["path"] for i in run_json(capsys, "index", "Folder twin", "--list")["items"]}

    marked = run_json(capsys, "mark", "Test archive", '2024-01-03-a:b*c"', "--read", "--star")
    assert marked == {"path": ODD, "key": '2024-01-03-a:b*c"', "read": True, "starred": True}
    assert run_json(capsys, "mark", "test ARCHIVE", "2024-01-04-Case", "--read")["path"] == "_posts/2024-01-04-Case.md"
    items = {i["key"]: i for i in run_json(capsys, "index", "Test archive", "--list")["items"]}
    assert (items['2024-01-03-a:b*c"']["read"], items['2024-01-03-a:b*c"']["starred"]) == (True, True)
    assert items["2024-01-04-Case"]["read"] and not items["2024-01-04-case"]["read"]

    status, out, _ = run(capsys, "show", "--library", f"Test archive:{PEKING}", "--text")
    assert status == 0 and "\u62b5\u8fbe\u5317\u4eac" in out
    shown = run_json(capsys, "show", "--library", f"Test archive:{ODD}")
    assert shown["title"] == "a:b*c" and shown["read"] is True and shown["starred"] is True


def test_show_and_mark_a_git_archive_by_path(twin, capsys):
    folder_show = run_json(capsys, "show", "Folder twin", ODD)
    git_show = run_json(capsys, "show", "Test archive", ODD)
    assert git_show == folder_show
    marked = run_json(capsys, "mark", "Test archive", PEKING, "--read")
    assert marked["path"] == PEKING and marked["read"] is True


def test_remove_deletes_the_download_but_never_a_repository_of_the_readers(server, dirs, capsys, tmp_path):
    added = run_json(capsys, "library", "add", server.url("arch.git"))["added"]
    gone = run_json(capsys, "library", "remove", "Test archive")
    assert gone["deleted_download"] is True and not Path(added["path"]).exists()
    mine = tmp_path / "my-bare.git"  # a bare repository of the reader's, added by its path
    pygit2.clone_repository(server.url("arch.git"), str(mine), bare=True)
    assert run_json(capsys, "library", "add", str(mine))["added"]["kind"] == "git"
    kept = run_json(capsys, "library", "remove", "Test archive")
    assert kept["deleted_download"] is False and (mine / "HEAD").is_file()
