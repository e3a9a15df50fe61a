"""Queries over a library's archives (reader.core.libindex): one list merged in each sort's
order, archive:NAME in the query language, scopes in every archive, one row for an article
several archives keep, and the tree counts added up."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from helpers import write_post
from reader.core.index import Index
from reader.core.libindex import LibraryIndex, lib_id, merge_counts, split_id
from reader.core.library import Library
from reader.core.queries import SORTS, Scope
from reader.core.search import QuerySyntaxError, parse_query
from reader.core.state import StateStore


def post(root: Path, day: str | None, slug: str, title: str, *, author: str = "Someone", url: str = "",
         tags: tuple[str, ...] = (), categories: tuple[str, ...] = (), body: str = "Some words.") -> None:
    """`_posts/DAY-SLUG.md` (`_posts/SLUG.md` with no date anywhere when `day` is None)."""
    front = [f"title: {title}", f"author: {author}"]
    if day:
        front.append(f"date: {day}")
    if url:
        front.append(f"from: {url}")
    front.append(f"tags: [{', '.join(tags)}]")
    front.append(f"categories: [{', '.join(categories)}]")
    write_post(root / "_posts", f"{day}-{slug}.md" if day else f"{slug}.md", "\n".join(front), f"<p>{body}</p>\n")


def _slug(path: str) -> str:
    return re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.rsplit("/", 1)[-1].rsplit(".", 1)[0])


class Setup:
    """A library of archives written into tmp_path, each indexed, and its LibraryIndex."""

    def __init__(self, tmp_path: Path, archives: dict[str, list[tuple]]) -> None:
        self.data = tmp_path / "data"
        self.library = Library(self.data)
        self.roots: dict[str, Path] = {}
        self.indexes: dict[str, Index] = {}
        self.ids: dict[str, str] = {}  # name -> archive id
        for name, posts in archives.items():
            root = tmp_path / "sites" / name.lower().replace(" ", "-")
            root.mkdir(parents=True)
            (root / "_config.yml").write_text(f"title: {name}\n", encoding="utf-8")
            for args, kwargs in posts:
                post(root, *args, **kwargs)
            archive = self.library.add(root)
            assert archive.name == name
            self.roots[name], self.ids[name] = root, archive.id
        for name, root in self.roots.items():
            ix = Index(root, tmp_path / "cache", shards=2)
            ix.refresh(workers=1)
            ix.build_fulltext(workers=1)
            ix.attach_state(str(self.library.store.file), self.ids[name])
            self.indexes[name] = ix
        self.view = LibraryIndex(self.library.archives())
        for name, ix in self.indexes.items():
            self.view.set_index(self.ids[name], ix)

    def close(self) -> None:
        for ix in self.indexes.values():
            ix.close()
        self.library.close()

    def names(self) -> list[str]:
        return [a.name for a in self.view.archives]

    def lid(self, name: str, slug: str) -> int:
        """The library id of the post of archive `name` in `_posts/[DAY-]SLUG.md`."""
        ix = self.indexes[name]
        found = [r.id for r in ix.rows(ix.query_ids()) if _slug(r.path) == slug]
        assert len(found) == 1, (name, slug)
        return lib_id(self.view.slot_of(self.ids[name]), found[0])

    def label(self, library_id: int) -> str:
        """'ARCHIVE/slug' of a library id."""
        archive = self.view.archive_of(library_id)
        row = self.indexes[archive.name].rows([split_id(library_id)[1]])[0]
        return f"{archive.name}/{_slug(row.path)}"

    def labels(self, query="", scope=None, sort=None) -> list[str]:
        return [self.label(i) for i in self.view.query_ids(query, scope, sort)]

    def mark_read(self, name: str, *stems: str) -> None:
        state = StateStore(self.roots[name], self.data)
        assert state.archive == self.ids[name]
        state.set_read(list(stems))
        state.close()


def p(day, slug, title, **kwargs):
    return (day, slug, title), kwargs


# Three archives with no article in two of them, but ties across them: equal dates, equal
# titles (on other days, or undated), equal authors, undated posts, a word in titles and bodies.
ORDERING = {
    "Alpha Site": [
        p("2020-05-05", "alpha-report", "Alpha report", author="Kim", tags=("news",), categories=("world",)),
        p("2020-05-05", "zebra", "zebra notes", author="kim", tags=("news", "zoo")),
        p("2021-01-01", "beta-story", "beta story", author="Lee", tags=("misc",), body="an election far away"),
        p(None, "undated-memo", "Undated memo", author="Kim", tags=("news",)),
        p("2019-03-03", "election-day", "Election day", author="Ann", categories=("world",),
          body="The election was held."),
        p("2018-01-01", "quiet", "Quiet", author="Émile"),
    ],
    "beta": [
        p("2020-05-05", "gamma", "Gamma", author="Kim", tags=("news",)),
        p("2021-02-02", "alpha-report", "Alpha report", author="Lee", tags=("misc",)),
        p(None, "undated-memo", "Undated memo", author="Kim"),
        p(None, "another", "another memo", author="ann", tags=("news",)),
        p("2018-08-08", "something", "Something", author="Zed", body="election results came late"),
        p("2019-03-03", "election-night", "Election night", author="Ann", body="election"),
    ],
    "Gamma": [
        p("2020-05-05", "delta", "Delta", author="Kim", tags=("news",), categories=("world",)),
        p("2022-02-02", "recap", "election recap", author="Bo"),
        p(None, "memo-two", "Memo two", author="Bo"),
        p("2016-06-06", "election-day", "Election day", author="Ann", body="the election of 2016"),
        p("2020-05-04", "zebra", "Zebra Notes", author="Kim"),  # as Alpha Site's, on another day
    ],
}


@pytest.fixture
def lib3(tmp_path):
    setup = Setup(tmp_path, ORDERING)
    yield setup
    setup.close()


def _ascii_lower(text: str) -> str:  # SQLite's NOCASE folds ASCII letters only
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)


def _order_parts(sort: str):
    """Each sort's order as (value, descending) parts, written from queries._ORDER: undated posts
    after dated ones in both date orders; the text orders then newest first (undated last)."""
    undated = (lambda e: e["ts"] is None, False)
    newest = (lambda e: e["ts"] or 0, True)
    text = {"title": lambda e: _ascii_lower(e["title"]), "author": lambda e: _ascii_lower(e["author"])}
    return {
        "date_desc": [undated, newest],
        "date_asc": [undated, (lambda e: e["ts"] or 0, False)],
        "title": [(text["title"], False), undated, newest],
        "title_desc": [(text["title"], True), undated, newest],
        "author": [(text["author"], False), undated, newest],
        "author_desc": [(text["author"], True), undated, newest],
        "relevance": [(lambda e: e["hits"], True), undated, newest],
    }[sort]


def expected_ids(setup: Setup, query: str, scope: Scope | None, sort: str | None) -> list[int]:
    """The union of each archive's own list, as library ids, in `sort`'s order; ties go to the
    archive earlier in the library, then keep each archive's own order."""
    q = parse_query(query)
    sort = sort or ("relevance" if q.terms else "date_desc")
    entries = []
    for position, archive in enumerate(setup.view.archives):
        ix = setup.indexes[archive.name]
        ids = ix.query_ids(q, scope, sort)
        for n, row in enumerate(ix.rows(ids)):
            hits = sum(term.lower() in row.title.lower() for term in q.terms)
            entries.append({"id": lib_id(setup.view.slot_of(archive.id), row.id), "ts": row.timestamp,
                            "title": row.title, "author": row.author, "hits": hits, "pos": position, "n": n})
    parts = [*_order_parts(sort), (lambda e: e["pos"], False), (lambda e: e["n"], False)]

    def compare(a, b) -> int:
        for value, descending in parts:
            x, y = value(a), value(b)
            if x != y:
                return (1 if x < y else -1) if descending else (-1 if x < y else 1)
        return 0

    return [e["id"] for e in sorted(entries, key=functools.cmp_to_key(compare))]


# --- merged order ---------------------------------------------------------------------------

@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("query", ["", "election", "election day", "tag:news", "-election author:kim"])
def test_merged_list_is_the_union_in_each_sorts_order(lib3, sort, query):
    got = lib3.view.query_ids(query, sort=sort)
    assert got == expected_ids(lib3, query, None, sort)
    assert len(got) == sum(len(ix.query_ids(query, sort=sort)) for ix in lib3.indexes.values())


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("query", ["election", "election day", "-election author:kim", "day", "elect", "", "tag:news"])
@pytest.mark.parametrize("count", [1, 3, 1000])
def test_a_search_s_first_results_are_the_start_of_its_whole_list(lib3, sort, query, count):
    """What the window shows first (`query_first`: only about `count` posts' text read) is the
    start of the list worked out in full, in every order; `complete` says when it is all of it."""
    whole = lib3.view.query_ids(query, sort=sort)
    first, complete = lib3.view.query_first(query, sort=sort, count=count)
    assert first == whole[:len(first)]
    assert len(first) >= min(count, len(whole))
    assert complete == (first == whole)


def test_library_ids_are_slot_and_post_id(lib3):
    slots = {name: lib3.view.slot_of(archive_id) for name, archive_id in lib3.ids.items()}
    assert len(set(slots.values())) == 3
    for name, ix in lib3.indexes.items():
        slot = slots[name]
        mine = lib3.view.query_ids(f'archive:"{name}"')
        assert mine == [(slot << 32) | post_id for post_id in ix.query_ids()]
        for library_id in mine:
            assert split_id(library_id) == (slot, library_id & 0xFFFFFFFF) == (slot, library_id - (slot << 32))
            assert lib_id(*split_id(library_id)) == library_id
            row, own = lib3.view.row(library_id), ix.rows([split_id(library_id)[1]])[0]
            assert (row.id, row.archive, row.path, row.title) == (library_id, lib3.ids[name], own.path, own.title)
            assert lib3.view.archive_of(library_id).name == name


def test_ties_go_to_the_archive_earlier_in_the_library(lib3):
    dated = [x for x in lib3.labels() if x in ("Alpha Site/alpha-report", "Alpha Site/zebra", "beta/gamma",
                                               "Gamma/delta", "beta/alpha-report", "Gamma/zebra")]
    def archives(labels):
        return [x.split("/")[0] for x in labels]

    # 2021-02-02; the four of 2020-05-05 (Alpha Site's two first, in its own order); 2020-05-04
    assert dated[0] == "beta/alpha-report" and dated[3:] == ["beta/gamma", "Gamma/delta", "Gamma/zebra"]
    assert archives(dated) == ["beta", "Alpha Site", "Alpha Site", "beta", "Gamma", "Gamma"]
    oldest = [x for x in lib3.labels(sort="date_asc") if x in dated]
    assert archives(oldest) == ["Gamma", "Alpha Site", "Alpha Site", "beta", "Gamma", "beta"]
    # undated last in both date orders, in the library's order among them
    undated = ["Alpha Site/undated-memo", "beta/undated-memo", "beta/another", "Gamma/memo-two"]
    assert sorted(lib3.labels(sort="date_desc")[-4:]) == sorted(undated)
    assert sorted(lib3.labels(sort="date_asc")[-4:]) == sorted(undated)
    assert [x.split("/")[0] for x in lib3.labels(sort="date_desc")[-4:]] == ["Alpha Site", "beta", "beta", "Gamma"]
    # one title in two archives: newest first; undated, then by the archives' order
    titles = lib3.labels(sort="title")
    assert [x for x in titles if x.endswith("alpha-report")] == ["beta/alpha-report", "Alpha Site/alpha-report"]
    assert [x for x in titles if x.endswith("undated-memo")] == ["Alpha Site/undated-memo", "beta/undated-memo"]
    assert [x for x in lib3.labels(sort="title_desc") if x.endswith("undated-memo")] == [
        "Alpha Site/undated-memo", "beta/undated-memo"]
    # moving an archive first gives it the ties
    lib3.library.move(lib3.ids["Gamma"], 0)
    for archive in lib3.library.archives():
        lib3.view.add(archive)
    assert lib3.names() == ["Gamma", "Alpha Site", "beta"]
    moved = [x for x in lib3.labels() if x in dated]
    assert moved[:2] == ["beta/alpha-report", "Gamma/delta"] and moved[4:] == ["beta/gamma", "Gamma/zebra"]
    assert archives(moved) == ["beta", "Gamma", "Alpha Site", "Alpha Site", "beta", "Gamma"]
    for sort in SORTS:
        assert lib3.view.query_ids(sort=sort) == expected_ids(lib3, "", None, sort)


def test_relevance_puts_title_hits_first_then_newest(lib3):
    got = lib3.labels("election")
    # in the title, newest first (the two of 2019-03-03: the earlier archive's first); then in the text
    assert got == ["Gamma/recap", "Alpha Site/election-day", "beta/election-night", "Gamma/election-day",
                   "Alpha Site/beta-story", "beta/something"]
    assert lib3.view.query_ids("election") == lib3.view.query_ids("election", sort="relevance")


# --- scopes and archive: ---------------------------------------------------------------------

@pytest.mark.parametrize("scope", [Scope("tag", "news"), Scope("category", "world"), Scope("author", "Kim"),
                                   Scope("unread"), Scope("starred"), Scope("year", "2020"),
                                   Scope("month", "2019-03")])
def test_scopes_apply_in_every_archive(lib3, scope):
    lib3.mark_read("Alpha Site", "2020-05-05-alpha-report", "undated-memo")
    lib3.mark_read("Gamma", "2020-05-05-delta")
    for sort in ("date_desc", "title", "relevance"):
        query = "election" if sort == "relevance" else ""
        got = lib3.view.query_ids(query, scope, sort)
        assert got == expected_ids(lib3, query, scope, sort)
    labels = lib3.labels(scope=scope)
    if scope == Scope("tag", "news"):
        assert sorted(labels[:2]) == ["Alpha Site/alpha-report", "Alpha Site/zebra"]  # one day: its own order
        assert labels[2:] == ["beta/gamma", "Gamma/delta", "Alpha Site/undated-memo", "beta/another"]
    if scope == Scope("unread"):
        assert "Alpha Site/alpha-report" not in labels and "Gamma/delta" not in labels
        assert "beta/undated-memo" in labels and "Alpha Site/zebra" in labels and len(labels) == 17 - 3


def test_scope_archive_restricts_to_one(lib3):
    beta = lib3.ids["beta"]
    got = lib3.labels(scope=Scope("all", archive=beta))
    assert got and all(x.startswith("beta/") for x in got)
    assert got == [lib3.label(lib_id(lib3.view.slot_of(beta), i)) for i in lib3.indexes["beta"].query_ids()]
    assert lib3.labels("tag:news", Scope("all", archive=beta)) == ["beta/gamma", "beta/another"]
    assert lib3.labels(scope=Scope("tag", "news", archive=lib3.ids["Gamma"])) == ["Gamma/delta"]
    assert lib3.labels("archive:gamma", Scope("all", archive=beta)) == []  # both must hold


def test_archive_field_restricts_excludes_and_ors(lib3):
    every = lib3.labels()
    of = {name: [x for x in every if x.startswith(name + "/")] for name in lib3.roots}
    assert lib3.labels('archive:"Alpha Site"') == of["Alpha Site"]
    assert lib3.labels('archive:"alpha site"') == of["Alpha Site"]  # any letter case
    assert lib3.labels(f"archive:{lib3.ids['beta']}") == of["beta"]  # or its id
    assert lib3.labels("-archive:beta") == [x for x in every if not x.startswith("beta/")]
    assert lib3.labels("archive:beta archive:Gamma") == [x for x in every if not x.startswith("Alpha Site/")]
    assert lib3.labels("archive:beta -archive:beta") == []
    assert lib3.labels("archive:Gamma election") == ["Gamma/recap", "Gamma/election-day"]
    assert lib3.labels("archive:Gamma -archive:beta tag:news") == ["Gamma/delta"]
    for sort in SORTS:
        assert lib3.view.query_ids("archive:beta archive:Gamma", sort=sort) == [
            i for i in lib3.view.query_ids(sort=sort) if not lib3.label(i).startswith("Alpha Site/")]


@pytest.mark.parametrize("query", ["archive:nowhere", "-archive:nowhere", "archive:beta archive:Nowhere"])
def test_an_unknown_archive_name_is_a_syntax_error_listing_the_names(lib3, query):
    with pytest.raises(QuerySyntaxError) as raised:
        lib3.view.query_ids(query)
    message = str(raised.value)
    assert "nowhere" in message.lower()
    for name in ("Alpha Site", "beta", "Gamma"):
        assert name in message


# --- one article in several archives ---------------------------------------------------------

DUPLICATES = {
    "First": [
        # must merge with Second's copy
        p("2020-01-01", "tracked", "Tracked story", url="http://www.example.com/story/1/?utm_source=x&utm_medium=y",
          tags=("t",), body="the first copy"),
        p("2020-02-02", "no-url", "Same title, same day"),
        p("2020-03-03", "other-url", "Different sources", url="https://first.example/a"),
        # must not merge
        p("2020-04-04", "other-day", "Same title, other day"),
        p("2020-05-05", "day-one", "First of the day"),
        p("2020-06-06", "unrelated", "Unrelated one", url="https://first.example/u1"),
        # one URL twice in one archive: two posts of it, not merged by the library
        p("2020-07-07", "twin-one", "Twin one", url="https://first.example/same"),
        p("2020-07-08", "twin-two", "Twin two", url="https://first.example/same"),
        # in all three archives
        p("2020-08-08", "everywhere", "Everywhere", url="https://news.example/everywhere"),
    ],
    "Second": [
        p("2020-01-03", "tracked-copy", "Tracked story, retitled", url="https://example.com/story/1",
          tags=("t", "u"), body="the second copy has a uniqueword"),
        p("2020-02-02", "no-url-copy", "Same title, same day", url="https://second.example/x"),
        p("2020-03-03", "other-url-copy", "Different sources", url="https://second.example/b"),
        p("2020-04-05", "other-day", "Same title, other day"),
        p("2020-05-05", "day-two", "Second of the day"),
        p("2020-06-07", "unrelated", "Unrelated two", url="https://second.example/u2"),
        p("2020-08-08", "everywhere", "Everywhere", url="https://news.example/everywhere/"),
    ],
    "Third": [
        p("2020-08-09", "everywhere", "Everywhere, again", url="https://NEWS.example/everywhere?fbclid=1"),
        p("2020-09-09", "own", "Third's own"),
    ],
}


@pytest.fixture
def dups(tmp_path):
    setup = Setup(tmp_path, DUPLICATES)
    yield setup
    setup.close()


MERGED = [("tracked", "tracked-copy"), ("no-url", "no-url-copy"), ("other-url", "other-url-copy")]


def test_one_article_in_two_archives_is_listed_once(dups):
    listed = dups.labels()
    for first, second in MERGED:
        a = dups.lid("First", first)
        b = dups.lid("Second", second)
        assert f"First/{first}" in listed
        assert f"Second/{second}" not in listed  # the copy of the later archive is not listed
        assert dups.view.copies(a) == dups.view.copies(b) == [a, b]
        assert [x.name for x in dups.view.also_in(a)] == ["Second"]
        assert [x.name for x in dups.view.also_in(b)] == ["First"]
        assert dups.view.duplicates()[b] == a
    # the posts that must not merge are all listed, each once
    for label in ("First/other-day", "Second/other-day", "First/day-one",
                  "Second/day-two", "First/unrelated", "Second/unrelated",
                  "First/twin-one", "First/twin-two", "Third/own"):
        assert listed.count(label) == 1, label
        name, stem = label.split("/")
        single = dups.lid(name, stem)
        assert dups.view.copies(single) == [single] and dups.view.also_in(single) == []
    every = sum(ix.count() for ix in dups.indexes.values())
    assert len(listed) == len(set(listed)) == every - len(MERGED) - 2  # 'Everywhere' once for three


def test_an_article_in_three_archives(dups):
    first = dups.lid("First", "everywhere")
    second = dups.lid("Second", "everywhere")
    third = dups.lid("Third", "everywhere")
    assert dups.view.copies(third) == [first, second, third]
    assert [a.name for a in dups.view.also_in(first)] == ["Second", "Third"]
    assert [a.name for a in dups.view.also_in(third)] == ["First", "Second"]
    assert [x for x in dups.labels() if "everywhere" in x] == ["First/everywhere"]
    # without the first archive, the article is still listed once: the copy of the earlier archive
    assert [x for x in dups.labels("-archive:First") if "everywhere" in x] == ["Second/everywhere"]
    assert [x for x in dups.labels("archive:Second archive:Third") if "everywhere" in x] == [
        "Second/everywhere"]
    assert [x for x in dups.labels("archive:Third") if "everywhere" in x] == ["Third/everywhere"]
    for sort in (*SORTS, "archive", "archive_desc"):
        assert [x for x in dups.labels("-archive:First", sort=sort) if "everywhere" in x] == [
            "Second/everywhere"], sort


def test_a_search_matching_only_the_later_copy_lists_it(dups):
    second = dups.lid("Second", "tracked-copy")
    assert dups.view.query_ids("uniqueword") == [second]
    assert dups.labels("retitled") == ["Second/tracked-copy"]
    assert dups.labels("tag:u") == ["Second/tracked-copy"]
    assert dups.labels("tag:t") == ["First/tracked"]  # both match: the first copy
    assert dups.labels("archive:Second tracked") == ["Second/tracked-copy"]
    result = dups.view.search("uniqueword")
    assert result.total == 1 and result.hits[0].row.id == second
    assert result.hits[0].row.archive == dups.ids["Second"]
    assert "uniqueword" in result.hits[0].snippet


def test_merged_sort_orders_stay_consistent_with_duplicates(dups):
    for sort in SORTS:
        got = dups.view.query_ids(sort=sort)
        dup_of = dups.view.duplicates()
        assert got == [i for i in expected_ids(dups, "", None, sort) if i not in dup_of], sort


# --- counts -------------------------------------------------------------------------------

def test_merge_counts_adds_up_each_archives_counts(lib3):
    lib3.mark_read("Alpha Site", "2020-05-05-alpha-report", "undated-memo")
    lib3.mark_read("beta", "2020-05-05-gamma")
    state = StateStore(lib3.roots["Gamma"], lib3.data)
    state.set_starred("2020-05-05-delta")
    state.close()
    parts = lib3.view.tree_counts()
    assert set(parts) == set(lib3.ids.values())
    merged = merge_counts(parts.values())
    assert merged.total == 17 == sum(ix.count() for ix in lib3.indexes.values())
    assert merged.unread == 17 - 3 and merged.starred == 1
    assert merged.tags["news"] == (6, 6 - 3)
    assert merged.tags["misc"] == (2, 2) and merged.tags["zoo"] == (1, 1)
    assert merged.categories["world"] == (3, 2)
    assert merged.authors["Kim"] == (6, 6 - 3) and merged.authors["kim"] == (1, 1)
    assert merged.months["2020-05"] == (5, 5 - 2)
    assert list(merged.months) == sorted(merged.months, reverse=True)  # newest first
    counts = [n for n, _ in merged.tags.values()]
    assert counts == sorted(counts, reverse=True)  # most used first
    for kind in ("tags", "categories", "authors", "months", "locations"):
        for name, (total, unread) in getattr(merged, kind).items():
            assert total == sum(getattr(c, kind).get(name, (0, 0))[0] for c in parts.values())
            assert unread == sum(getattr(c, kind).get(name, (0, 0))[1] for c in parts.values())
    assert merge_counts([]).total == 0


def test_duplicates_worked_out_from_the_caches_are_the_same(dups, tmp_path):
    from reader.core.libindex import LibraryIndex as View, find_duplicates

    found = find_duplicates(dups.view.duplicate_sources(), str(tmp_path / "cache"))
    assert found == (dups.view.duplicates(), dups.view._copies)
    other = View(dups.library.archives())
    other.background_duplicates = True
    for name, ix in dups.indexes.items():
        other.set_index(dups.ids[name], ix)
    assert len(other.query_ids()) == sum(ix.count() for ix in dups.indexes.values())  # not known yet: all
    other.set_duplicates(found)
    assert other.query_ids() == dups.view.query_ids()
    assert other.query_ids("-archive:First") == dups.view.query_ids("-archive:First")
