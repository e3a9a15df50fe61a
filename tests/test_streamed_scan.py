"""A first index shows the posts read so far, newest first, rather than after the whole archive."""

from __future__ import annotations

import time

import pytest

from helpers import write_post
from reader.core import index as index_mod
from reader.core.index import Index
from reader.core.queries import Scope


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "archive"
    for i in range(300):
        day = f"2023-{1 + i % 12:02d}-{1 + i // 12:02d}"
        write_post(root / "_posts", f"{day}-post-{i}.md", f"title: Post {i}\ndate: {day}\nfrom: https://x.org/{i}")
    # The same articles again under archived/DATE/, as the archive scripts leave them: one post each.
    for i in range(0, 300, 3):
        day = f"2023-{1 + i % 12:02d}-{1 + i // 12:02d}"
        write_post(root / "archived" / day, f"{day}-post-{i}.md", f"title: Post {i}\ndate: {day}\nfrom: https://x.org/{i}")
    return root


@pytest.mark.parametrize("workers", [1, 2])  # in this process; in worker processes (400 files: in parallel)
def test_a_first_index_shows_posts_as_they_are_read_newest_first(archive, tmp_path, monkeypatch, workers):
    monkeypatch.setattr(index_mod, "SHOW_EVERY_S", 0.0)  # every batch, so that a fast machine streams too
    seen: list[tuple[int, list[str]]] = []
    with Index(archive, tmp_path / "cache") as ix:
        def shown(report):
            seen.append((report.posts, [r.date for r in ix.rows(ix.query_ids())]))

        began = time.time_ns()  # after every file was written
        final = ix.refresh(workers=workers, shown=shown)
        assert len(seen) >= 1 if workers > 1 else len(seen) >= 3
        counts = [posts for posts, _dates in seen]
        assert counts == sorted(counts) and counts[-1] < final.posts == 300
        newest = sorted((f"2023-{1 + i % 12:02d}-{1 + i // 12:02d}" for i in range(300)), reverse=True)
        first_posts, first_dates = seen[0]
        assert first_dates == newest[:first_posts]  # the first to show are the newest
        for posts, dates in seen:  # and each time the list grows below what is shown
            assert dates == newest[:posts]
        assert final.files == 400 and final.duplicates == 100 and final.added == 300
        assert final.cache == "cold"
        # No post counts as new: a first index has no "before" (each was first seen when written).
        assert ix.query_ids("", Scope("new", str(began))) == []
        assert ix.con.execute("SELECT count(*) FROM posts WHERE copies = 2").fetchone()[0] == 100
        seen.clear()
        assert ix.refresh(workers=1, shown=shown).cache == "warm"
        assert seen == []  # an index already made shows at once, in one go


def test_a_pull_is_not_streamed(archive, tmp_path, monkeypatch):
    monkeypatch.setattr(index_mod, "SHOW_EVERY_S", 0.0)
    with Index(archive, tmp_path / "cache") as ix:
        ix.refresh(workers=1)
        for i in range(200):
            write_post(archive / "_posts", f"2024-01-01-pulled-{i}.md", f"title: Pulled {i}\ndate: 2024-01-01")
        calls = []
        report = ix.refresh(workers=1, shown=calls.append)
        assert report.added == 200 and calls == []
