"""The reader's own data: separate from the cache, durable, per archive."""

from __future__ import annotations

import shutil

from helpers import write_post
from reader.core.index import Index
from reader.core.state import StateStore


def test_marks_survive_reopen_and_cache_deletion(tmp_path):
    archive = tmp_path / "archive"
    write_post(archive / "_posts", "2020-01-01-a.md", "title: a")
    with Index(archive, tmp_path / "cache") as ix:
        ix.update(workers=1)
        cache_folder = ix.folder
    state = StateStore(archive, tmp_path / "data")
    state.set_read("_posts/2020-01-01-a.md")
    state.set_starred("_posts/2020-01-01-a.md")
    state.set_scroll("_posts/2020-01-01-a.md", 0.42)
    state.set_last_opened("_posts/2020-01-01-a.md")
    state.close()
    shutil.rmtree(cache_folder)
    assert not list((tmp_path / "data").glob("**/index.sqlite"))
    again = StateStore(archive, tmp_path / "data")
    assert again.is_read("_posts/2020-01-01-a.md") and again.is_starred("_posts/2020-01-01-a.md")
    assert again.scroll("_posts/2020-01-01-a.md") == 0.42
    assert again.last_opened() == "_posts/2020-01-01-a.md"


def test_marks_are_per_archive_and_toggle(tmp_path):
    a = StateStore(tmp_path / "one", tmp_path / "data")
    b = StateStore(tmp_path / "two", tmp_path / "data")
    a.set_read(["x.md", "y.md"])
    assert a.read_keys() == {"x.md", "y.md"} and b.read_keys() == set()
    a.set_read("x.md", False)
    assert a.read_keys() == {"y.md"}
    assert not a.is_starred("y.md")
    assert a.scroll("never-opened.md") == 0.0


def test_default_data_dir_honours_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LECTERN_DATA_DIR", str(tmp_path / "env-data"))
    store = StateStore(tmp_path / "archive")
    assert store.file == tmp_path / "env-data" / "state.sqlite"
