"""A git archive as a reader meets it: posts read straight from a bare repository's objects
(names Windows cannot hold, a case-only pair, archived posts), added by URL from a git server on
127.0.0.1 (tests/gitserver.py), updated (new, moved, removed posts; a rewritten history; nothing
new; a server that fails), a Git LFS pointer, a working clone that stays a folder, and reading
that never touches the network.  Nothing here touches the internet."""

from __future__ import annotations

import os
import shutil
import socket
import time
from pathlib import Path

import pygit2
import pytest

from gitserver import GitServer, add_gh_pages, commit, make_repo, post, sample_posts, squash, tip_of
from reader.core import gitsync, paths
from reader.core import workers as workers_mod
from reader.core.article import load_article
from reader.core.gitlibrary import add_from_url, update_archive
from reader.core.identity import normalize_remote
from reader.core.index import Index
from reader.core.library import Library, default_name
from reader.core.posts import Post
from reader.core.queries import Scope
from reader.core.sources import GitSource, open_source
from reader.core.state import StateStore

pytestmark = pytest.mark.usefixtures("quick_git")

# What a reader would see of sample_posts(): path -> title
TITLES = {
    "_posts/2024-01-02-first.md": "\u7b2c\u4e00\u7bc7 First",
    "_posts/2024-01-02-what|why?.md": "What | why?",
    '_posts/2024-01-03-a:b*c".md': "a:b*c",
    "_posts/2024-01-04-Case.md": "Upper case",
    "_posts/2024-01-04-case.md": "lower case",
    "archived/2023-12-30/2023-12-30-old.md": "Old post",
}
PEKING = "_posts/2024-01-05-peking.md"


def files() -> dict[str, bytes]:
    """sample_posts() and one post whose body has words of its own (to search for)."""
    return {**sample_posts(), PEKING: post("peking", date="2024-01-05", title="\u666e\u4eac\u8bbf\u534e",
                                           tags=("\u6ce1\u6ce1", "world"),
                                           body="<p>\u666e\u4eac\u4eca\u5929\u62b5\u8fbe\u5317\u4eac\u3002 "
                                                "Zanzibar marmalade.</p>")}


@pytest.fixture
def upstream(tmp_path) -> pygit2.Repository:
    """The archive upstream, with a big gh-pages beside its master."""
    repo = make_repo(tmp_path / "served" / "arch.git", [files()])
    add_gh_pages(repo)
    return repo


@pytest.fixture
def server(upstream, tmp_path):
    with GitServer(tmp_path / "served") as srv:
        yield srv


@pytest.fixture
def library(tmp_path):
    with Library(tmp_path / "data") as lib:
        yield lib


def listed(root) -> dict[str, tuple]:
    """path -> (title, date, tags, key, location) of every post the archive's index shows."""
    with Index(root) as ix:
        ix.refresh()
        return {r.path: (r.title, r.date, r.tags, r.key, r.location) for r in ix.rows(ix.query_ids())}


def marks_of(root, data_dir) -> tuple[set[str], set[str]]:
    state = StateStore(root, data_dir)
    try:
        return state.read_keys(), state.starred_keys()
    finally:
        state.close()


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` (its .git too) with its size and modification time."""
    found = {}
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            p = Path(dirpath) / name
            st = p.lstat()
            found[p.relative_to(folder).as_posix()] = (st.st_size, st.st_mtime_ns)
    return found


# --- 1, 2: reading a bare repository ----------------------------------------------------------

def test_a_bare_repository_is_read_straight_from_git(tmp_path, library):
    bare = tmp_path / "local.git"
    make_repo(bare, [files()])
    source = open_source(bare)
    assert isinstance(source, GitSource) and source.kind == "git"
    assert not any((bare / name).exists() for name in ("_posts", "archived", "_config.yml"))  # no checkout

    shown = listed(bare)
    assert {p: v[0] for p, v in shown.items()} == {**TITLES, PEKING: "\u666e\u4eac\u8bbf\u534e"}
    assert shown["archived/2023-12-30/2023-12-30-old.md"][4] == "archived"
    assert {v[4] for p, v in shown.items() if p.startswith("_posts/")} == {"_posts"}
    assert shown["_posts/2024-01-04-Case.md"][3] != shown["_posts/2024-01-04-case.md"][3]  # two posts, two keys

    assert default_name(bare) == "Test archive"
    added = library.add(bare)
    assert (added.kind, added.name, added.path) == ("git", "Test archive", str(bare))

    for rel in ('_posts/2024-01-03-a:b*c".md', "_posts/2024-01-02-what|why?.md", PEKING):
        article = load_article(bare, rel)
        assert isinstance(article.post, Post) and article.post.title == shown[rel][0]
    assert "\u62b5\u8fbe\u5317\u4eac" in load_article(bare, PEKING).text()

    with Index(bare) as ix:
        ix.update()
        for words in ("\u62b5\u8fbe\u5317\u4eac", "marmalade", "Zanzibar \u666e\u4eac"):
            found = ix.search(words)
            assert [h.row.path for h in found.hits] == [PEKING], words
        assert ix.search("Body").total == len(TITLES)


def test_cold_metadata_from_git_equals_a_folder_of_the_same_files(tmp_path):
    bare = tmp_path / "same.git"
    make_repo(bare, [files()])
    folder = tmp_path / "same"
    for rel, data in files().items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    assert open_source(folder).kind == "folder"
    from_git, from_folder = listed(bare), listed(folder)
    assert len(from_git) == len(TITLES) + 1
    assert from_git == from_folder
    assert default_name(bare) == default_name(folder) == "Test archive"


# --- 3: adding by URL --------------------------------------------------------------------------

def test_added_by_url_is_a_git_archive_with_a_stable_id(server, upstream, library, tmp_path):
    url = server.url("arch.git")
    archive, fetched = add_from_url(library, url)
    assert archive.kind == "git" and archive.name == "Test archive"
    assert archive.id == "git:" + normalize_remote(url) == "git:127.0.0.1/arch"
    assert library.archives() == [archive]
    assert fetched.new_tip == tip_of(upstream) and fetched.shallow

    clone = Path(archive.path)
    assert clone.parent == tmp_path / "data" / "archives"
    assert {p.name for p in clone.iterdir()}.isdisjoint({"_posts", "archived", "_config.yml", "index.html"})
    repo = pygit2.Repository(str(clone))
    assert repo.is_bare
    gh_tip = tip_of(upstream, "gh-pages")
    big = upstream[gh_tip].peel(pygit2.Commit).tree["assets"]
    assert gh_tip not in repo and big.id not in repo  # never fetched
    assert not [r for r in repo.references if "gh-pages" in r]
    assert gh_tip not in server.wants()
    assert listed(clone).keys() == {*TITLES, PEKING}

    state = StateStore(clone, library.data_dir)
    state.set_read(["2024-01-02-first", "2023-12-30-old"])
    state.set_starred("2024-01-04-Case")
    state.close()

    library.remove(archive.id)
    assert library.archives() == []
    again, _ = add_from_url(library, url.removesuffix(".git"))  # another spelling of the same address
    assert again.id == archive.id and again.kind == "git" and again.path != archive.path
    assert marks_of(again.path, library.data_dir) == ({"2024-01-02-first", "2023-12-30-old"}, {"2024-01-04-Case"})


# --- 4, 5, 6, 7: updating ---------------------------------------------------------------------

@pytest.fixture
def added(server, library):
    """The archive added by URL, indexed, with two posts read and one starred."""
    archive, _ = add_from_url(library, server.url("arch.git"))
    with Index(archive.path) as ix:
        ix.update()
    state = StateStore(archive.path, library.data_dir)
    state.set_read(["2024-01-02-first", "2024-01-04-Case"])
    state.set_starred("2024-01-04-case")
    state.close()
    return archive


def parses(monkeypatch) -> list[str]:
    """The paths of every post file parsed from now on (metadata)."""
    seen: list[str] = []
    real = workers_mod.parse_meta_chunk

    def spy(root, chunk):  # type: ignore[no-untyped-def]
        seen.extend(f.rel for f in chunk)
        return real(root, chunk)
    monkeypatch.setattr(workers_mod, "parse_meta_chunk", spy)
    return seen


def test_update_brings_new_moved_and_removed_posts(added, upstream, library, monkeypatch):
    new = {f"_posts/2024-03-0{n}-fresh-{n}.md": post(f"fresh-{n}", date=f"2024-03-0{n}", title=f"Fresh {n}")
           for n in (1, 2, 3)}
    moved_to = "archived/2024-01-02/2024-01-02-first.md"
    commit(upstream, {**new, "_posts/2024-01-02-what|why?.md": None},
           moves={"_posts/2024-01-02-first.md": moved_to})
    parsed = parses(monkeypatch)
    since = time.time_ns()

    report = update_archive(added)
    assert report.error == "" and report.old_tip != report.new_tip == tip_of(upstream)
    assert (report.added, report.moved, report.removed, report.changed) == (3, 1, 1, 0)
    assert 0 < report.bytes < 50_000 and report.seconds > 0
    assert sorted(parsed) == sorted(new)  # only the new blobs were read: the move is known by its blob id

    shown = listed(added.path)
    assert moved_to in shown and "_posts/2024-01-02-first.md" not in shown
    assert shown[moved_to][4] == "archived" and "_posts/2024-01-02-what|why?.md" not in shown
    assert marks_of(added.path, library.data_dir) == ({"2024-01-02-first", "2024-01-04-Case"}, {"2024-01-04-case"})
    with Index(added.path) as ix:
        ix.attach_state(str(paths.data_dir(library.data_dir) / "state.sqlite"), added.id)
        fresh = ix.rows(ix.query_ids("", Scope("new", str(since))))
        assert sorted(r.path for r in fresh) == sorted(new)  # what the pull brought, not what it moved
        unread = {r.key for r in ix.rows(ix.query_ids("", Scope("unread")))}
        assert {f"2024-03-0{n}-fresh-{n}" for n in (1, 2, 3)} <= unread
        assert "2024-01-02-first" not in unread


def test_a_rewritten_history_with_the_same_files_changes_nothing(added, upstream, library, monkeypatch):
    before = listed(added.path)
    old_tip = tip_of(upstream)
    squash(upstream)
    assert tip_of(upstream) != old_tip
    parsed = parses(monkeypatch)
    report = update_archive(added)
    assert report.error == "" and report.new_tip == tip_of(upstream) != report.old_tip
    assert (report.added, report.moved, report.removed, report.changed) == (0, 0, 0, 0)
    assert parsed == []
    assert listed(added.path) == before
    assert marks_of(added.path, library.data_dir) == ({"2024-01-02-first", "2024-01-04-Case"}, {"2024-01-04-case"})


def test_nothing_new_upstream(added, monkeypatch):
    parsed = parses(monkeypatch)
    report = update_archive(added)
    assert report.error == "" and report.old_tip == report.new_tip != ""
    assert (report.added, report.moved, report.removed, report.changed) == (0, 0, 0, 0)
    assert report.bytes < 1024 and parsed == []
    assert report.json()["added"] == 0 and "error" not in report.json()


@pytest.mark.parametrize(("fault", "kind", "words"), [("500", "server", "HTTP 500"), ("404", "not_found", "HTTP 404")])
def test_a_failed_update_leaves_the_archive_as_it_was(added, server, upstream, library, fault, kind, words):
    before = listed(added.path)
    tip = GitSource(added.path).tip()
    commit(upstream, {"_posts/2024-03-01-unseen.md": post("unseen")})
    server.fault = fault
    report = update_archive(added)
    assert report.kind == kind and not report.fresh_clone
    assert words in report.error and "127.0.0.1" in report.error and report.error.endswith(".")
    assert "Traceback" not in report.error and "\n" not in report.error
    assert (report.added, report.moved, report.removed, report.changed) == (0, 0, 0, 0)
    assert report.json()["error"] == report.error and report.json()["kind"] == kind

    assert GitSource(added.path).tip() == tip
    assert listed(added.path) == before
    assert isinstance(load_article(added.path, "_posts/2024-01-02-first.md").post, Post)
    assert library.get(added.id) == added

    server.fault = None  # and the next update works
    report = update_archive(added)
    assert report.error == "" and report.added == 1


# --- 8: Git LFS --------------------------------------------------------------------------------

def test_a_git_lfs_pointer_is_a_problem_not_a_crash(tmp_path):
    bare = tmp_path / "lfs.git"
    pointer = (b"version https://git-lfs.github.com/spec/v1\noid sha256:" + b"ab" * 32 + b"\nsize 123\n")
    make_repo(bare, [{**sample_posts(), "_posts/2024-01-05-big.md": pointer}])
    with Index(bare) as ix:
        report = ix.refresh()
        problems = {p.path: p.reason for p in report.problems}
        assert "Git LFS" in problems["_posts/2024-01-05-big.md"]
        assert report.posts == len(TITLES)
    got = load_article(bare, "_posts/2024-01-05-big.md")
    assert not hasattr(got, "post") and "Git LFS" in got.reason


# --- 9: a working clone stays a folder ----------------------------------------------------------

def test_a_working_clone_is_a_folder_until_added_by_url(server, library, tmp_path):
    url = server.url("arch.git")
    work = tmp_path / "work"
    pygit2.clone_repository(url, str(work))
    assert (work / "_posts" / "2024-01-02-what|why?.md").is_file() and (work / ".git").is_dir()
    before = snapshot(work)

    assert open_source(work).kind == "folder"
    folder = library.add(work)
    assert folder.kind == "folder" and folder.path == str(work)
    assert folder.id == "git:" + normalize_remote(url)  # known by its origin
    assert listed(work).keys() == {*TITLES, PEKING}
    state = StateStore(work, library.data_dir)
    state.set_read("2024-01-04-case")
    state.set_starred("2024-01-02-first")
    state.close()

    archive, _ = add_from_url(library, url)
    assert (archive.id, archive.name, archive.position) == (folder.id, folder.name, folder.position)
    assert archive.kind == "git" and archive.path != str(work) and len(library.archives()) == 1
    assert marks_of(archive.path, library.data_dir) == ({"2024-01-04-case"}, {"2024-01-02-first"})
    assert listed(archive.path).keys() == {*TITLES, PEKING}
    assert update_archive(archive).error == ""
    assert snapshot(work) == before  # Lectern never wrote into the reader's clone


# --- 10: reading never touches the network -----------------------------------------------------

def test_reading_a_git_archive_opens_no_connection(server, library, monkeypatch):
    archive, _ = add_from_url(library, server.url("arch.git"))
    server.close()
    tries: list[object] = []

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        tries.append(args)
        raise OSError("network use is forbidden in this test")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(gitsync, "update", refuse)
    monkeypatch.setattr(gitsync, "clone", refuse)

    with Library(library.data_dir) as again:
        assert again.get(archive.id).kind == "git"
    with Index(archive.path) as ix:
        assert ix.update().posts == len(TITLES) + 1
        assert [h.row.path for h in ix.search("\u62b5\u8fbe\u5317\u4eac").hits] == [PEKING]
    assert "Zanzibar" in load_article(archive.path, PEKING).text()
    assert default_name(archive.path) == "Test archive"
    assert tries == []
    with pytest.raises(OSError):  # the control: a connection would have been seen
        socket.create_connection(("127.0.0.1", 9), timeout=0.2)
    assert tries


def test_a_clone_reads_after_its_upstream_is_gone(tmp_path):
    """The clone is the archive: the server and its repository gone, every post still reads."""
    repo = make_repo(tmp_path / "served" / "x.git", [files()])
    with GitServer(tmp_path / "served") as srv, Library(tmp_path / "data") as lib:
        archive, _ = add_from_url(lib, srv.url("x.git"))
    shutil.rmtree(tmp_path / "served")
    del repo
    assert listed(archive.path).keys() == {*TITLES, PEKING}
