"""The reader's library (reader.core.library): adding archives, their names, their order, removing
(keeping or forgetting the marks), relocating a moved folder, finding one, and every change
kept on disk once the call returns (a kill -9 right after loses none)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers import write_post
from reader.core.library import Library, LibraryError, default_name
from reader.core.state import StateStore

REPO = Path(__file__).resolve().parents[1]
posix_only = pytest.mark.skipif(os.name != "posix", reason="kills with SIGKILL")


def post(root: Path, day: str, slug: str, title: str, *, author: str = "Someone", url: str = "",
         tags: tuple[str, ...] = (), categories: tuple[str, ...] = (), body: str = "Some words.") -> Path:
    """A post `_posts/DAY-SLUG.md` with front matter title/date/author/from/tags/categories."""
    front = [f"title: {title}", f"date: {day}", f"author: {author}"]
    if url:
        front.append(f"from: {url}")
    front.append(f"tags: [{', '.join(tags)}]")
    front.append(f"categories: [{', '.join(categories)}]")
    return write_post(root / "_posts", f"{day}-{slug}.md", "\n".join(front), f"<p>{body}</p>\n")


def archive(root: Path, config: str | None = None, posts: int = 2) -> Path:
    """An archive of `posts` posts, with `config` as its _config.yml (None: none)."""
    root.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (root / "_config.yml").write_text(config, encoding="utf-8")
    for i in range(posts):
        post(root, f"2020-01-{i + 1:02d}", f"post-{i}", f"Post {i} of {root.name}")
    return root


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def lib(data):
    with Library(data) as library:
        yield library


def names(lib: Library) -> list[str]:
    return [a.name for a in lib.archives()]


# --- adding ---------------------------------------------------------------------------------

def test_default_name_is_config_name_then_title_then_folder(tmp_path, lib):
    both = archive(tmp_path / "both", "title: The Title\nname: The Name\n")
    titled = archive(tmp_path / "titled", "title: '  Only   a\n  title '\ndescription: x\n")
    plain = archive(tmp_path / "plain-folder", "baseurl: /x\n")  # a config that names nothing
    none = archive(tmp_path / "no-config")
    assert default_name(both) == "The Name"
    assert default_name(titled) == "Only a title"  # one line, spaces squeezed
    assert default_name(plain) == "plain-folder"
    assert default_name(none) == "no-config"
    added = [lib.add(p) for p in (both, titled, plain, none)]
    assert [a.name for a in added] == ["The Name", "Only a title", "plain-folder", "no-config"]
    assert names(lib) == ["The Name", "Only a title", "plain-folder", "no-config"]
    assert [a.position for a in lib.archives()] == [0, 1, 2, 3]
    assert all(a.kind == "folder" and a.missing is None for a in lib.archives())
    assert lib.archives()[0].path == os.path.realpath(both)
    assert lib.initialised


def test_an_odd_config_falls_back_to_the_folder_name(tmp_path):
    for n, text in enumerate(["name: [a, list]\n", "title: ''\n", "- not a mapping\n", "title: 'unclosed\n",
                              "name: true\n"]):
        root = archive(tmp_path / f"odd-{n}", text)
        assert default_name(root) == f"odd-{n}", text


def test_a_given_name_wins(tmp_path, lib):
    a = lib.add(archive(tmp_path / "a", "title: Config\n"), name="  Mine  ")
    assert a.name == "Mine"


def test_adding_the_same_folder_twice_gives_one_entry(tmp_path, lib):
    root = archive(tmp_path / "site", "title: Site\n")
    first = lib.add(root)
    again = lib.add(root)
    by_posts = lib.add(root / "_posts")  # its _posts folder names the same archive
    by_post = lib.add(next((root / "_posts").iterdir()))  # and so does one of its posts
    assert first.id == again.id == by_posts.id == by_post.id
    assert len(lib.archives()) == 1 and names(lib) == ["Site"]
    assert lib.add(root, name="Renamed").name == "Renamed"  # adding again with a name renames it
    assert len(lib.archives()) == 1
    bare = archive(tmp_path / "bare")  # no _config.yml: its _posts folder names it once it is in the library
    assert lib.add(bare / "_posts").path == os.path.realpath(bare / "_posts")  # not yet: the folder itself
    lib.remove(lib.find(str(bare / "_posts")).id)
    assert lib.add(bare).id == lib.add(bare / "_posts").id
    assert names(lib) == ["Renamed", "bare"]


def test_a_missing_folder_or_one_without_posts_is_refused(tmp_path, lib):
    with pytest.raises(LibraryError, match="does not exist"):
        lib.add(tmp_path / "nowhere")
    empty = tmp_path / "empty"
    (empty / "_posts").mkdir(parents=True)
    (empty / "notes.txt").write_text("not a post", encoding="utf-8")
    with pytest.raises(LibraryError, match="No posts were found") as raised:
        lib.add(empty)
    assert str(empty) in str(raised.value)
    assert lib.archives() == [] and not lib.initialised


def test_two_archives_with_one_default_name_get_distinct_names(tmp_path, lib):
    a = lib.add(archive(tmp_path / "a", "title: News\n"))
    b = lib.add(archive(tmp_path / "b", "title: news\n"))  # names differ only in letter case: a clash
    c = lib.add(archive(tmp_path / "c", "title: News\n"))
    assert (a.name, b.name, c.name) == ("News", "news (2)", "News (3)")


# --- renaming, ordering ------------------------------------------------------------------------

def test_rename_keeps_names_unique_and_refuses_an_empty_name(tmp_path, lib):
    a = lib.add(archive(tmp_path / "a"))
    b = lib.add(archive(tmp_path / "b"))
    assert lib.rename(a.id, "  Daily   news ").name == "Daily news"
    assert lib.rename(b.id, "DAILY NEWS").name == "DAILY NEWS (2)"
    assert lib.rename(a.id, "Daily news").name == "Daily news"  # its own name is no clash
    assert lib.rename(b.id, "Other").name == "Other"
    for empty in ("", "   ", "\n\t"):
        with pytest.raises(LibraryError, match="cannot be empty"):
            lib.rename(a.id, empty)
    assert names(lib) == ["Daily news", "Other"]
    with pytest.raises(LibraryError, match="No archive"):
        lib.rename("local:nope", "x")
    assert lib.rename(a.id, "x" * 200).name == "x" * 80  # a name is kept short


def test_move_reorders(tmp_path, lib):
    ids = [lib.add(archive(tmp_path / n)).id for n in ("a", "b", "c", "d")]
    lib.move(ids[3], 0)
    assert names(lib) == ["d", "a", "b", "c"]
    lib.move(ids[3], 99)  # past the end: last
    assert names(lib) == ["a", "b", "c", "d"]
    lib.move(ids[0], 2)
    assert names(lib) == ["b", "c", "a", "d"]
    lib.move(ids[2], -5)  # before the start: first
    assert names(lib) == ["c", "b", "a", "d"]
    assert [a.position for a in lib.archives()] == [0, 1, 2, 3]
    with Library(lib.data_dir) as other:  # kept in the data file
        assert names(other) == ["c", "b", "a", "d"]


def test_indexing_order_puts_the_latest_read_first(tmp_path, lib):
    ids = [lib.add(archive(tmp_path / n)).id for n in ("a", "b", "c")]
    assert [a.name for a in lib.indexing_order()] == ["a", "b", "c"]
    lib.touch(ids[2])
    assert [a.name for a in lib.indexing_order()] == ["c", "a", "b"]
    assert names(lib) == ["a", "b", "c"]  # the reader's order is not changed


# --- removing, relocating -------------------------------------------------------------------

def test_remove_keeps_the_marks_and_adding_again_brings_them_back(tmp_path, lib, data):
    root = archive(tmp_path / "a")
    other = lib.add(archive(tmp_path / "b"))
    added = lib.add(root)
    state = StateStore(root, data)
    assert state.archive == added.id
    state.set_read(["2020-01-01-post-0"])
    state.set_starred("2020-01-02-post-1")
    state.close()
    lib.remove(added.id)
    assert [a.id for a in lib.archives()] == [other.id]
    assert lib.get(added.id) is None
    again = lib.add(root)
    assert again.id == added.id
    assert names(lib) == ["b", "a"]  # added at the end
    state = StateStore(root, data)
    assert state.read_keys() == {"2020-01-01-post-0"}
    assert state.starred_keys() == {"2020-01-02-post-1"}
    state.close()


def test_remove_with_forget_drops_the_marks(tmp_path, lib, data):
    root = archive(tmp_path / "a")
    keep = archive(tmp_path / "b")
    added, kept = lib.add(root), lib.add(keep)
    for folder in (root, keep):
        state = StateStore(folder, data)
        state.set_read(["2020-01-01-post-0"])
        state.set_starred("2020-01-02-post-1")
        state.set_last_opened("2020-01-02-post-1")
        state.close()
    lib.remove(added.id, forget=True)
    assert [a.id for a in lib.archives()] == [kept.id]
    state = StateStore(root, data)
    assert (state.read_keys(), state.starred_keys(), state.last_opened()) == (set(), set(), None)
    state.close()
    state = StateStore(keep, data)  # the other archive's marks are untouched
    assert state.read_keys() == {"2020-01-01-post-0"} and state.last_opened() == "2020-01-02-post-1"
    state.close()
    with pytest.raises(LibraryError, match="No archive"):
        lib.remove(added.id)


@pytest.mark.parametrize("mover", [shutil.move, os.rename])
def test_relocate_a_moved_folder_keeps_its_id_and_marks(tmp_path, lib, data, mover):
    root = archive(tmp_path / "a", "title: Site\n")
    added = lib.add(root)
    state = StateStore(root, data)
    state.set_read(["2020-01-01-post-0"])
    state.close()
    moved = tmp_path / "elsewhere" / "renamed"
    moved.parent.mkdir()
    mover(str(root), str(moved))
    assert lib.get(added.id).missing == "the folder is no longer there"
    located = lib.relocate(added.id, moved)
    assert (located.id, located.name, located.path) == (added.id, "Site", os.path.realpath(moved))
    assert located.missing is None and len(lib.archives()) == 1
    state = StateStore(moved, data)  # the folder at its new place is the same archive
    assert state.archive == added.id
    assert state.read_keys() == {"2020-01-01-post-0"}
    state.close()
    assert lib.add(moved).id == added.id and len(lib.archives()) == 1


def test_relocate_refuses_a_folder_that_is_not_there_or_has_no_posts(tmp_path, lib):
    root = archive(tmp_path / "a")
    archive(tmp_path / "b")  # tmp_path itself now holds posts (in a/ and b/)
    added = lib.add(root)
    with pytest.raises(LibraryError):
        lib.relocate(added.id, tmp_path / "nowhere")  # not the folder it would be in
    (tmp_path / "empty").mkdir()
    with pytest.raises(LibraryError, match="No posts"):
        lib.relocate(added.id, tmp_path / "empty")
    assert lib.get(added.id).path == os.path.realpath(root)


# --- finding ---------------------------------------------------------------------------

def test_find_by_id_name_number_path_and_id_start(tmp_path, lib, monkeypatch):
    a = lib.add(archive(tmp_path / "alpha", "title: Daily News\n"))
    b = lib.add(archive(tmp_path / "beta"))
    assert lib.find(a.id) == a and lib.find(b.id) == b
    assert lib.find("daily news") == a and lib.find("DAILY NEWS") == a and lib.find("beta") == b
    assert lib.find("1") == a and lib.find("2") == b
    assert lib.find("3") is None and lib.find("0") is None
    assert lib.find(str(tmp_path / "alpha")) == a
    monkeypatch.chdir(tmp_path)
    assert lib.find("beta/") == b and lib.find("./alpha") == a  # a relative path too
    assert lib.find(a.id[:12]) == a  # the start of its id, when only one has it
    assert lib.find("local:") is None  # both start so: no guess
    assert lib.find("") is None and lib.find("gamma") is None


# --- durability ------------------------------------------------------------------------------

CHILD = """
import sys, time
from reader.core.library import Library
data, what, path, name = sys.argv[1:5]
lib = Library(data)
if what == "add":
    lib.add(path, name=name or None)
else:
    lib.rename(lib.find(path).id, name)
print("done", flush=True)
time.sleep(120)
"""


def run_and_kill(*args: object) -> None:
    """Run CHILD and SIGKILL it as soon as it says "done" (no close, no exit handlers)."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-c", CHILD, *map(str, args)], cwd=REPO, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    timer = threading.Timer(60, proc.kill)
    timer.start()
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "done", proc.stderr.read() if proc.stderr else ""
        proc.send_signal(signal.SIGKILL)
        assert proc.wait() == -signal.SIGKILL
    finally:
        timer.cancel()
        proc.stdout.close()
        proc.stderr.close()


@posix_only
def test_an_add_and_a_rename_survive_a_kill_9_right_after(tmp_path, data):
    first = archive(tmp_path / "first", "title: First\n")
    second = archive(tmp_path / "second")
    run_and_kill(data, "add", first, "")
    with Library(data) as lib:
        assert names(lib) == ["First"]
    run_and_kill(data, "add", second, "Second one")
    run_and_kill(data, "rename", first, "Renamed")
    with Library(data) as lib:
        assert names(lib) == ["Renamed", "Second one"]
        assert [a.path for a in lib.archives()] == [os.path.realpath(first), os.path.realpath(second)]
        assert lib.initialised
