"""The index: cold, warm and incremental opens, search, scopes, corrupt caches."""

from __future__ import annotations

import os

import pytest

from helpers import write_post
from reader.core.index import SCHEMA_VERSION, Index
from reader.core.queries import Scope
from reader.core.search import QuerySyntaxError


def make_archive(root):
    posts = root / "_posts"
    write_post(posts, "2020-01-01-putin.md", "title: 普京访华\ndate: 2020-01-01\ntags: [新闻, 俄罗斯]\nauthor: 记者甲",
               "<p>普京今天抵达北京，习近平在人民大会堂举行欢迎仪式。</p>")
    write_post(posts, "2021-05-05-taiwan.md", "title: Taiwan election\ndate: 2021-05-05\ntags: [新闻]\n"
               "categories: [asia]\nauthor: Reporter B", "<p>The election in 台湾 drew a record turnout of voters.</p>")
    write_post(posts, "2019-03-03-cats.md", "title: A letter from a cat\ndate: 2019-03-03T10:00:00+08:00\n"
               "tags: cats pets\nauthor: 记者甲", "Markdown *body* about **cats** and the AI of shelters.\n")
    write_post(posts, "2018-02-02-title-only.md", "title: 习近平的新年贺词\ndate: 2018-02-02",
               "<p>全文见官方网站。</p>")
    write_post(posts, "2018-01-01-broken.md", None, "---\ntitle: \"unclosed\n---\nbody")
    return root


@pytest.fixture
def archive(tmp_path):
    return make_archive(tmp_path / "archive")


@pytest.fixture
def index(archive, tmp_path):
    with Index(archive, tmp_path / "cache", shards=2) as ix:
        ix.update(workers=1)
        yield ix


def paths_of(ix, query="", scope=None, sort=None):
    return [r.path.split("/")[-1] for r in ix.rows(ix.query_ids(query, scope, sort))]


def test_cold_then_warm_then_incremental(archive, tmp_path):
    cache = tmp_path / "cache"
    with Index(archive, cache) as ix:
        report = ix.update(workers=1)
        assert report.cache == "cold"
        assert report.posts == 4 and report.added == 4  # posts, not files: the broken file is a problem
        assert [p.path for p in report.problems] == ["_posts/2018-01-01-broken.md"]
        assert "unclosed quote" in report.problems[0].reason
    with Index(archive, cache) as ix:
        report = ix.update(workers=1)
        assert (report.cache, report.added, report.changed, report.removed) == ("warm", 0, 0, 0)
    # change one, add one, delete one, fix the broken one
    write_post(archive / "_posts", "2020-01-01-putin.md", "title: 普京再次访华\ndate: 2020-01-01", "<p>新的正文：莫斯科。</p>")
    os.utime(archive / "_posts" / "2020-01-01-putin.md", ns=(1, 1))
    write_post(archive / "_posts", "2022-02-02-new.md", "title: New post\ndate: 2022-02-02", "<p>Fresh words.</p>")
    (archive / "_posts" / "2019-03-03-cats.md").unlink()
    write_post(archive / "_posts", "2018-01-01-broken.md", "title: fixed\ndate: 2018-01-01", "<p>ok</p>")
    with Index(archive, cache) as ix:
        report = ix.update(workers=1)
        # the new post and the fixed one are added posts; one changed, one removed
        assert (report.cache, report.added, report.changed, report.removed) == ("incremental", 2, 1, 1)
        assert report.posts == 5 and report.problems == ()
        assert paths_of(ix, "莫斯科") == ["2020-01-01-putin.md"]
        assert paths_of(ix, "人民大会堂") == []  # the old text is gone
        assert paths_of(ix, "cats") == []
        assert paths_of(ix, "fresh") == ["2022-02-02-new.md"]


def test_warm_open_reads_no_post(archive, tmp_path, monkeypatch):
    with Index(archive, tmp_path / "cache") as ix:
        ix.update(workers=1)

    def fail(*a, **k):
        raise AssertionError("a post file was read on a warm open")

    monkeypatch.setattr("reader.core.sources.FolderSource.read", fail)  # every post file is read through it
    monkeypatch.setattr("reader.core.posts.read_body", fail)  # what fulltext reads a body with
    with Index(archive, tmp_path / "cache") as ix:
        assert ix.update(workers=1).cache == "warm"


def test_search_short_and_long_terms(index):
    assert paths_of(index, "普京") == ["2020-01-01-putin.md"]  # 2 characters: LIKE
    assert paths_of(index, "人民大会堂") == ["2020-01-01-putin.md"]  # 5 characters: trigrams + confirm
    assert paths_of(index, "大会人") == []  # its trigrams are not all there
    assert paths_of(index, "台湾") == ["2021-05-05-taiwan.md"]
    assert paths_of(index, "ELECTION") == ["2021-05-05-taiwan.md"]  # case-insensitive
    assert paths_of(index, "ai") == ["2021-05-05-taiwan.md", "2019-03-03-cats.md"]  # substrings: T-ai-wan
    assert paths_of(index, '"record turnout"') == ["2021-05-05-taiwan.md"]
    assert paths_of(index, '"turnout record"') == []
    assert paths_of(index, "普京 莫斯科") == []  # AND


def test_title_matches_rank_first(index):
    # 习近平 is in one post's title and another post's body; the title match is newer-independent.
    assert paths_of(index, "习近平") == ["2018-02-02-title-only.md", "2020-01-01-putin.md"]


def test_excludes_fields_and_dates(index):
    assert paths_of(index, "tag:新闻") == ["2021-05-05-taiwan.md", "2020-01-01-putin.md"]
    assert paths_of(index, "tag:新闻 -台湾") == ["2020-01-01-putin.md"]
    assert paths_of(index, "-tag:新闻") == ["2019-03-03-cats.md", "2018-02-02-title-only.md"]
    assert paths_of(index, "category:asia") == ["2021-05-05-taiwan.md"]
    # a filter or a tree scope together with a word long enough for MATCH
    assert paths_of(index, "tag:新闻 人民大会堂") == ["2020-01-01-putin.md"]
    assert paths_of(index, "tag:新闻 election") == ["2021-05-05-taiwan.md"]
    assert paths_of(index, "election", Scope("tag", "新闻")) == ["2021-05-05-taiwan.md"]
    assert paths_of(index, "election after:2021-01-01") == ["2021-05-05-taiwan.md"]
    assert paths_of(index, "election", Scope("category", "asia")) == ["2021-05-05-taiwan.md"]
    assert paths_of(index, "author:记者甲") == ["2020-01-01-putin.md", "2019-03-03-cats.md"]
    assert paths_of(index, "tag:cats") == ["2019-03-03-cats.md"]  # a space-separated string of tags
    assert paths_of(index, "after:2020-01-01 before:2021-05-05") == ["2020-01-01-putin.md"]
    assert paths_of(index, "after:2021") == ["2021-05-05-taiwan.md"]
    assert paths_of(index, "-普京 -cats -election") == ["2018-02-02-title-only.md"]


def test_scopes_and_sorts(index):
    assert paths_of(index, scope=Scope("tag", "新闻"), sort="date_asc") == ["2020-01-01-putin.md", "2021-05-05-taiwan.md"]
    assert paths_of(index, scope=Scope("year", "2018")) == ["2018-02-02-title-only.md"]
    assert paths_of(index, scope=Scope("month", "2019-03")) == ["2019-03-03-cats.md"]
    assert paths_of(index, scope=Scope("author", "Reporter B")) == ["2021-05-05-taiwan.md"]
    assert paths_of(index, "新闻", scope=Scope("category", "asia")) == []
    assert paths_of(index, sort="title")[0] == "2019-03-03-cats.md"  # "A letter…" sorts first
    with pytest.raises(ValueError):
        index.query_ids(sort="random")


def test_counts(index):
    assert index.label_counts("tag") == {"新闻": 2, "cats": 1, "pets": 1, "俄罗斯": 1}
    assert index.label_counts("category") == {"asia": 1}
    assert index.author_counts() == {"记者甲": 2, "Reporter B": 1}
    assert index.month_counts() == {"2021-05": 1, "2020-01": 1, "2019-03": 1, "2018-02": 1}


def test_search_results_carry_highlighted_snippets(index):
    result = index.search("大会堂")
    assert result.total == 1
    hit = result.hits[0]
    assert "人民大会堂" in hit.snippet
    (start, end), = hit.highlights
    assert hit.snippet[start:end] == "大会堂"
    with pytest.raises(QuerySyntaxError):
        index.search('"open')


def test_markdown_bodies_are_searched_as_rendered_text(index):
    text = index.text(index.row_by_path("_posts/2019-03-03-cats.md").id)
    assert "about cats and the AI" in text and "**" not in text


def test_unread_and_starred_scopes_use_reader_state(index, archive, tmp_path):
    from reader.core.state import StateStore
    state = StateStore(archive, tmp_path / "data")
    state.set_read(["2020-01-01-putin", "2019-03-03-cats"])  # marks are kept by post key: the file name
    state.set_starred("2021-05-05-taiwan")
    index.attach_state(str(state.file), state.archive)
    assert paths_of(index, scope=Scope("unread")) == ["2021-05-05-taiwan.md", "2018-02-02-title-only.md"]
    assert paths_of(index, scope=Scope("starred")) == ["2021-05-05-taiwan.md"]
    # a short term scans the shards in parallel, each on its own connection: the scope still applies
    assert paths_of(index, "ai", scope=Scope("unread")) == ["2021-05-05-taiwan.md"]
    assert paths_of(index, "ai", scope=Scope("unread"), sort="date_asc") == ["2021-05-05-taiwan.md"]
    state.set_starred("2021-05-05-taiwan", False)
    assert paths_of(index, scope=Scope("starred")) == []


@pytest.mark.parametrize("damage", ["garbage", "truncate", "empty"])
def test_corrupt_cache_is_rebuilt(archive, tmp_path, damage):
    cache = tmp_path / "cache"
    with Index(archive, cache) as ix:
        ix.update(workers=1)
        db = ix.folder / "index.sqlite"
    for extra in ("-wal", "-shm"):
        (db.parent / (db.name + extra)).unlink(missing_ok=True)
    data = db.read_bytes()
    db.write_bytes({"garbage": b"not a database at all" * 100, "truncate": data[:1000], "empty": b""}[damage])
    with Index(archive, cache) as ix:
        report = ix.update(workers=1)
        assert report.posts == 4
        assert paths_of(ix, "普京") == ["2020-01-01-putin.md"]


def test_schema_change_rebuilds(archive, tmp_path):
    cache = tmp_path / "cache"
    with Index(archive, cache) as ix:
        ix.update(workers=1)
        ix.con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with Index(archive, cache) as ix:
        assert ix.update(workers=1).cache == "cold"
        assert ix.count() == 4


def test_missing_shard_rebuilds_text_only(archive, tmp_path):
    cache = tmp_path / "cache"
    with Index(archive, cache, shards=2) as ix:
        ix.update(workers=1)
        folder = ix.folder
    for f in folder.glob("text-1.sqlite*"):
        f.unlink()
    with Index(archive, cache) as ix:
        assert ix.refresh(workers=1).cache == "warm"
        assert not ix.fulltext_ready
        ix.build_fulltext(workers=1)
        assert paths_of(ix, "普京") == ["2020-01-01-putin.md"]


def test_parallel_build_matches_serial(archive, tmp_path, monkeypatch):
    import reader.core.index as index_module
    for i in range(30):
        write_post(archive / "_posts", f"2017-01-{i % 28 + 1:02d}-bulk-{i}.md", f"title: bulk {i}\ntags: [bulk]",
                   f"<p>批量文章第{i}号，内容相同的词：互联网审查。</p>")
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 10)
    with Index(archive, tmp_path / "cache-par", shards=2) as ix:
        ix.update(workers=2)
        assert ix.fulltext_ready
        used = {s for (s,) in ix.con.execute("SELECT DISTINCT shard FROM posts")}
        parallel = set(ix.query_ids("互联网审查")), ix.count()
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 10_000)
    with Index(archive, tmp_path / "cache-ser", shards=2) as ix:
        ix.update(workers=1)
        serial = set(ix.query_ids("互联网审查")), ix.count()
    assert len(parallel[0]) == 30 and parallel == serial
    assert used <= {0, 1}


def test_cache_is_outside_the_archive_and_named_per_archive(archive, tmp_path):
    with Index(archive, tmp_path / "cache") as a, Index(tmp_path, tmp_path / "cache") as b:
        assert a.folder != b.folder
        assert a.folder.parent == tmp_path / "cache"
        assert not str(a.folder).startswith(str(archive))


def test_cancelled_indexing_keeps_what_was_done_and_resumes(archive, tmp_path, monkeypatch):
    import reader.core.index as index_module
    from reader.core.index import Cancelled
    for i in range(40):
        write_post(archive / "_posts", f"2016-02-{i % 28 + 1:02d}-more-{i}.md", f"title: more {i}", f"<p>第{i}篇：长江</p>")
    monkeypatch.setattr(index_module, "CHUNK", 8)
    calls = []
    with Index(archive, tmp_path / "cache") as ix:
        ix.refresh(workers=1)
        with pytest.raises(Cancelled):
            ix.build_fulltext(progress=lambda done, total: calls.append(done), cancel=lambda: len(calls) >= 2,
                              workers=1)
        assert 0 < ix.pending_text() < ix.count()
    with Index(archive, tmp_path / "cache") as ix:
        assert ix.update(workers=1).cache == "warm"
        assert ix.fulltext_ready
        assert len(ix.query_ids("长江")) == 40


def test_progress_reports_every_post(archive, tmp_path):
    seen = []
    with Index(archive, tmp_path / "cache") as ix:
        ix.refresh(progress=lambda d, t: seen.append((d, t)), workers=1)
    assert seen[-1] == (5, 5)


def test_short_terms_are_found_at_the_very_end_and_in_tiny_texts(tmp_path):
    """Short terms are answered from the trigram vocabulary: an occurrence at the end of a
    title or body, or a text shorter than a trigram, must still be found."""
    posts = tmp_path / "archive" / "_posts"
    write_post(posts, "2020-01-01-end.md", "title: 今天\ndate: 2020-01-01", "<p>文章最后一个字是猫</p>")
    write_post(posts, "2020-01-02-tiny.md", "title: 猫\ndate: 2020-01-02", "<p>狗</p>")
    write_post(posts, "2020-01-03-none.md", "title: 别的\ndate: 2020-01-03", "<p>没有那个字。</p>")
    write_post(posts, "2020-01-04-ai.md", "title: Tiny\ndate: 2020-01-04", "<p>AI</p>")
    with Index(tmp_path / "archive", tmp_path / "cache", shards=2) as ix:
        ix.update(workers=1)
        assert sorted(paths_of(ix, "猫")) == ["2020-01-01-end.md", "2020-01-02-tiny.md"]
        assert paths_of(ix, "狗") == ["2020-01-02-tiny.md"]
        assert paths_of(ix, "是猫") == ["2020-01-01-end.md"]
        assert paths_of(ix, "ai") == ["2020-01-04-ai.md"]
        assert paths_of(ix, "猫 -狗") == ["2020-01-01-end.md"]
        assert paths_of(ix, "猫 tag:x") == []
        assert paths_of(ix, "鸟") == []


def test_text_is_indexed_newest_first_and_searchable_before_it_is_all_done(tmp_path):
    """A cold open: search works on the posts indexed so far, and those are the newest."""
    from reader.core.index import CHUNK, Cancelled

    posts = tmp_path / "archive" / "_posts"
    for i in range(CHUNK * 3):
        day = f"20{10 + i // 12:02d}-{i % 12 + 1:02d}-01"  # later files are newer
        write_post(posts, f"{day}-post-{i}.md", f"title: Post {i}\ndate: {day}", "<p>关于选举的文章。</p>")
    with Index(tmp_path / "archive", tmp_path / "cache", shards=1) as ix:
        ix.refresh()
        seen = []

        def stop_after_first_chunk():
            return bool(seen)

        with pytest.raises(Cancelled):
            ix.build_fulltext(progress=lambda done, total: seen.append(done), cancel=stop_after_first_chunk,
                              workers=1)
        assert seen == [CHUNK] and ix.pending_text() == CHUNK * 2
        found = ix.rows(ix.query_ids("选举"))
        assert len(found) == CHUNK
        assert {r.title for r in found} == {f"Post {i}" for i in range(CHUNK * 2, CHUNK * 3)}


def test_the_metadata_scan_runs_with_the_cycle_collector_off(archive, tmp_path, monkeypatch):
    """Its full passes over a 100,000-post scan froze the window for 0.2-0.5 s each."""
    import gc

    states = []
    real = Index._scan

    def scan(self, *args):
        states.append(gc.isenabled())
        return real(self, *args)

    monkeypatch.setattr(Index, "_scan", scan)
    with Index(archive, tmp_path / "cache") as ix:
        ix.update(workers=1)
    assert states == [False] and gc.isenabled()
