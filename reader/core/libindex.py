"""Queries over every archive of a library: one list, one search, one set of counts.

Each archive keeps its own index (its own cache database, as when it is opened
alone: see the closing note of the library issue for why not one database for
all).  A library's lists are the per-archive lists merged in the same order
rules (`reader.core.queries.SORTS`): each archive sorts its posts in SQL, and
they are merged here by the same keys, ties going to the archive earlier in the
reader's order.  A post of a library is named by a *library id*: its archive's
slot in the upper bits and its id in that archive's index in the lower 32
(`lib_id`, `split_id`), so that a list of 150,000 posts is still a list of ints.

The same article kept by several archives (several NodeBE4 repos scrape the
same sources) is shown once: two posts of *different* archives are one article
when their normalised source URLs are equal (`identity.normalize_url`: scheme,
``www.``, trailing slash, tracking parameters) or their titles and days are.
The copy in the archive first in the reader's order is the one listed; the
others are its *copies* (`copies`, `also_in`) and are marked read or starred
with it.  Within one archive nothing is merged here (its own index already
groups the files of one post).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from .identity import _SEP
from .queries import SORTS, Row, Scope, SearchPages, TreeCounts
from .search import Query, QuerySyntaxError, parse_query

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .index import Index
    from .library import LibraryArchive

__all__ = ["LibraryIndex", "lib_id", "split_id", "merge_counts", "find_duplicates", "group_duplicates", "SLOT_SHIFT",
           "LIBRARY_SORTS"]

SLOT_SHIFT = 32
_LOCAL = (1 << SLOT_SHIFT) - 1
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # SQLite's NOCASE


def lib_id(slot: int, post_id: int) -> int:
    return (slot << SLOT_SHIFT) | post_id


def split_id(library_id: int) -> tuple[int, int]:
    return library_id >> SLOT_SHIFT, library_id & _LOCAL


def _date_desc(r: tuple) -> float:
    return -r[1] if r[1] is not None else math.inf


def _date_asc(r: tuple) -> float:
    return r[1] if r[1] is not None else math.inf


def _by_text(column: int) -> Callable[[tuple], tuple]:
    def key(r: tuple) -> tuple:  # the text ascending (NOCASE), then newest first, undated last
        return (r[column].translate(_ASCII_LOWER), _date_desc(r))
    return key


def _by_text_desc(column: int) -> Callable[[tuple], tuple]:
    def key(r: tuple) -> tuple:  # sorted in reverse: the text descending, then newest first, undated last
        return (r[column].translate(_ASCII_LOWER), r[1] is not None, r[1] or 0)
    return key


def _relevance(r: tuple) -> tuple:
    return (-r[4], _date_desc(r))


# How each sort of `queries.SORTS` merges: (key, reverse), the same order as its SQL (queries._ORDER).
_MERGE: dict[str, tuple[Callable[[tuple], object], bool]] = {
    "date_desc": (_date_desc, False),
    "date_asc": (_date_asc, False),
    "title": (_by_text(2), False),
    "title_desc": (_by_text_desc(2), True),
    "author": (_by_text(3), False),
    "author_desc": (_by_text_desc(3), True),
    "relevance": (_relevance, False),
}
assert set(_MERGE) == set(SORTS)
LIBRARY_SORTS = (*SORTS, "archive", "archive_desc")
FIRST_PAGE = 100  # `query_first`: a search's first results, shown while the whole list is worked out  # by the archive's name (A to Z, Z to A), then newest first


def _merge(parts: Sequence[tuple[_Member, list[tuple]]], sort: str) -> list[int]:
    """Library ids of the archives' keyed rows (`query_keyed`, in the reader's order of archives)
    in `sort`'s order: one flat list sorted stably (reverse=True too), so that ties go to the
    earlier archive and each archive's own order of ties is kept."""
    key, reverse = _MERGE[sort]
    ids = [(m.slot << SLOT_SHIFT) | r[0] for m, part in parts for r in part]
    if sort == "date_desc":  # the usual list: its keys without a function call per post
        keys: list = [-r[1] if r[1] is not None else math.inf for _m, part in parts for r in part]
    elif sort == "date_asc":
        keys = [r[1] if r[1] is not None else math.inf for _m, part in parts for r in part]
    else:
        keys = [key(r) for _m, part in parts for r in part]
    return [ids[n] for n in sorted(range(len(ids)), key=keys.__getitem__, reverse=reverse)]


@dataclass
class _Member:
    slot: int
    archive: LibraryArchive
    index: Index | None = None
    new_since_ns: int = 0


def merge_counts(parts: Iterable[TreeCounts]) -> TreeCounts:
    """Tree counts of several archives added up (the library's Unread, Starred, All...)."""
    total = unread = starred = 0
    maps: dict[str, dict[str, tuple[int, int]]] = {k: {} for k in ("categories", "tags", "authors", "months",
                                                                    "locations")}
    for part in parts:
        total, unread, starred = total + part.total, unread + part.unread, starred + part.starred
        for kind, into in maps.items():
            for name, (n, u) in getattr(part, kind).items():
                had = into.get(name, (0, 0))
                into[name] = (had[0] + n, had[1] + u)
    ordered = {k: dict(sorted(v.items(), key=lambda kv: (-kv[1][0], kv[0]))) for k, v in maps.items()}
    ordered["months"] = dict(sorted(maps["months"].items(), reverse=True))
    return TreeCounts(total, unread, starred, **ordered)


class LibraryIndex(SearchPages):
    """The merged view of a library's archives; each archive's `Index` is given when it is open
    (`set_index`; until then the archive lists nothing)."""

    def __init__(self, archives: Sequence[LibraryArchive] = ()) -> None:
        self._members: dict[str, _Member] = {}  # by archive id, in the reader's order
        self._slots: dict[int, _Member] = {}  # the same, by slot
        self._next_slot = 1
        self._dup_of: dict[int, int] | None = None  # copy's library id -> the listed copy's
        self._copies: dict[int, list[int]] = {}  # listed copy -> every copy, it first
        self.background_duplicates = False  # see `duplicates`
        self._known_dups: dict[int, int] = {}  # the last found, while they are worked out again
        for archive in archives:
            self.add(archive)

    # --- members ------------------------------------------------------------------------

    def add(self, archive: LibraryArchive, index: Index | None = None) -> int:
        """Add (or update the name, place or order of) an archive; returns its slot."""
        member = self._members.get(archive.id)
        if member is None:
            member = self._members[archive.id] = self._slots[self._next_slot] = _Member(self._next_slot, archive)
            self._next_slot += 1
        member.archive = archive
        if index is not None:
            member.index = index
        self._members = dict(sorted(self._members.items(), key=lambda kv: kv[1].archive.position))
        self._dup_of = None
        return member.slot

    def set_index(self, archive_id: str, index: Index | None) -> None:
        self._members[archive_id].index = index
        self._dup_of = None

    def set_new_since(self, archive_id: str, since_ns: int) -> None:
        self._members[archive_id].new_since_ns = since_ns

    def remove(self, archive_id: str) -> Index | None:
        """Take an archive out; returns its index (for the caller to close)."""
        member = self._members.pop(archive_id, None)
        self._dup_of = None
        if member is None:
            return None
        del self._slots[member.slot]
        return member.index

    def spec(self) -> tuple[list[tuple[LibraryArchive, int, int]], dict[int, int], dict[int, list[int]]]:
        """What `from_spec` needs to make this view again in another thread: (archive, slot, new
        since) of each open archive, in order; the copies found so far come along."""
        return [(m.archive, m.slot, m.new_since_ns) for m in self._ready()], self.duplicates(), self._copies

    @classmethod
    def from_spec(cls, spec: tuple[list[tuple[LibraryArchive, int, int]], dict[int, int], dict[int, list[int]]],
                  cache_dir: str | None, state_file: str) -> LibraryIndex:
        """This view again, its archives' indexes opened here (`close` closes them)."""
        from .index import Index

        members, dup_of, copies = spec
        view = cls()
        for archive, slot, since in members:
            index = Index(archive.path, cache_dir)
            index.attach_state(state_file, archive.id)
            view._members[archive.id] = view._slots[slot] = _Member(slot, archive, index, since)
        view.set_duplicates((dup_of, copies))
        view.background_duplicates = True
        return view

    def close(self) -> None:
        for m in self._members.values():
            if m.index is not None:
                m.index.close()
                m.index = None

    @property
    def archives(self) -> list[LibraryArchive]:
        return [m.archive for m in self._members.values()]

    def archive(self, archive_id: str) -> LibraryArchive | None:
        member = self._members.get(archive_id)
        return member.archive if member else None

    def index_of(self, archive_id: str) -> Index | None:
        member = self._members.get(archive_id)
        return member.index if member else None

    def slot_of(self, archive_id: str) -> int | None:
        member = self._members.get(archive_id)
        return member.slot if member else None

    def archive_of(self, library_id: int) -> LibraryArchive | None:
        member = self._by_slot(split_id(library_id)[0])
        return member.archive if member else None

    def _by_slot(self, slot: int) -> _Member | None:
        return self._slots.get(slot)

    def _ready(self) -> list[_Member]:
        return [m for m in self._members.values() if m.index is not None]

    # --- queries ------------------------------------------------------------------------

    def archives_for(self, query: Query, scope: Scope | None = None) -> list[LibraryArchive]:
        """The archives (open or not) a query within a scope asks: the scope's archive, its
        `archive:` fields (two positive ones are OR); an archive the library lacks is a
        QuerySyntaxError naming those it has."""
        archives = [m.archive for m in self._members.values()]
        if scope is not None and scope.archive:
            archives = [a for a in archives if a.id == scope.archive]
        wanted = [(value, negated) for name, value, negated in query.fields if name == "archive"]
        for value, _negated in wanted:
            if not any(self._names(m.archive, value) for m in self._members.values()):
                names = ", ".join(m.archive.name for m in self._members.values())
                raise QuerySyntaxError(f"no archive is named “{value}” (the library has: {names})")
        positive = [v for v, negated in wanted if not negated]
        negative = [v for v, negated in wanted if negated]
        return [a for a in archives
                if (not positive or any(self._names(a, v) for v in positive))
                and not any(self._names(a, v) for v in negative)]

    def members_for(self, query: Query, scope: Scope) -> list[_Member]:
        """The open archives a query within a scope asks (`archives_for`)."""
        asked = {a.id for a in self.archives_for(query, scope)}
        return [m for m in self._ready() if m.archive.id in asked]

    @staticmethod
    def _names(archive: LibraryArchive, value: str) -> bool:
        return archive.name.casefold() == value.casefold() or archive.id == value

    def query_ids(self, query: Query | str = "", scope: Scope | None = None, sort: str | None = None) -> list[int]:
        """Library ids of the posts matching `query` within `scope` in every archive it covers,
        merged in `sort`'s order; an article kept by several archives listed once."""
        q = parse_query(query) if isinstance(query, str) else query
        scope = scope or Scope()
        sort = sort or ("relevance" if q.terms else "date_desc")
        if sort not in LIBRARY_SORTS:
            raise ValueError(f"unknown sort {sort!r}; one of {', '.join(LIBRARY_SORTS)}")
        members = self.members_for(q, scope)
        if sort in ("archive", "archive_desc"):  # each archive newest first, the archives by name
            members.sort(key=lambda m: m.archive.name.casefold(), reverse=sort == "archive_desc")
            ids = [(m.slot << SLOT_SHIFT) | i for m in members
                   for i in m.index.query_ids(q, self._member_scope(m, scope), "date_desc")]  # type: ignore[union-attr]
            return self._listed_once(ids)
        parts = [(m, m.index.query_keyed(q, self._member_scope(m, scope), sort))  # type: ignore[union-attr]
                 for m in members]
        if len(parts) == 1 and sort != "relevance":  # relevance comes newest first: sorted here
            member, rows = parts[0]
            base = member.slot << SLOT_SHIFT
            return [base | r[0] for r in rows]
        return self._listed_once(_merge(parts, sort))

    def query_first(self, query: Query | str, scope: Scope | None = None, sort: str | None = None,
                    count: int = FIRST_PAGE) -> tuple[list[int], bool]:
        """The first `count` ids `query_ids` would give, reading the text of about that many posts
        rather than of every one the words' trigrams point at (a common word: 20,000 posts, 0.4 s):
        the candidates of every archive are merged in the list's order, then confirmed from the
        top.  (ids, complete): complete when they are the whole list.  With no words, or a word
        too short for the index, it is the whole list."""
        q = parse_query(query) if isinstance(query, str) else query
        scope = scope or Scope()
        sort = sort or ("relevance" if q.terms else "date_desc")
        if sort not in SORTS:
            return self.query_ids(q, scope, sort), True
        members = self.members_for(q, scope)
        if not q.has_text:  # a tree entry's list: each archive's first posts, merged
            if len(members) < 2:
                return self.query_ids(q, scope, sort), True
            return self._first_listed(q, scope, sort, members, count)
        parts = []
        for m in members:
            found = m.index.candidates(q, self._member_scope(m, scope), sort)  # type: ignore[union-attr]
            if found is None:
                return self.query_ids(q, scope, sort), True
            parts.append((m, found))
        order = _merge(parts, sort)
        members_by_slot = {m.slot: m for m, _part in parts}
        confirmed: list[int] = []
        done = 0
        while done < len(order) and len(confirmed) < count:
            batch = order[done:done + max(count, 64)]
            done += len(batch)
            by_slot: dict[int, list[int]] = {}
            for library_id in batch:
                by_slot.setdefault(library_id >> SLOT_SHIFT, []).append(library_id & _LOCAL)
            good: set[int] = set()
            for slot, local in by_slot.items():
                base = slot << SLOT_SHIFT
                good.update(base | i for i in members_by_slot[slot].index.confirm(q, local))  # type: ignore[union-attr]
            confirmed += [i for i in batch if i in good]
        complete = done >= len(order)
        return self._listed_once(confirmed if complete else confirmed[:count]), complete

    def _first_listed(self, q: Query, scope: Scope, sort: str, members: list[_Member],
                      count: int) -> tuple[list[int], bool]:
        parts = [(m, m.index.query_keyed(q, self._member_scope(m, scope), sort, count))  # type: ignore[union-attr]
                 for m in members]
        order = _merge(parts, sort)
        complete = all(len(part) < count for _m, part in parts)
        return self._listed_once(order if complete else order[:count]), complete

    @staticmethod
    def _member_scope(member: _Member, scope: Scope) -> Scope:
        if scope.kind == "new" and scope.value in ("", "0"):  # the library's New: each archive since its last open
            return Scope("new", str(member.new_since_ns))
        return Scope(scope.kind, scope.value)

    def _listed_once(self, ids: list[int]) -> list[int]:
        """`ids` without the copies of which a copy of an archive earlier in the reader's order is
        among them (not only the listed copy: without it, the next archive's copy stands for it)."""
        dup_of = self.duplicates()
        if not dup_of:
            return ids
        present = set(ids)
        hidden = set()
        for i, first in dup_of.items():  # a few thousand copies, not the 150,000 ids
            if i not in present:
                continue
            if first in present:
                hidden.add(i)
                continue
            group = self._copies.get(first, [])  # in the reader's order
            before = group[:group.index(i)] if i in group else group
            slot = i >> SLOT_SHIFT
            if any(c in present and c >> SLOT_SHIFT != slot for c in before):
                hidden.add(i)
        return [i for i in ids if i not in hidden] if hidden else ids

    def rows(self, ids: Sequence[int]) -> list[Row]:
        """The rows of these library ids, in their order (ids of archives gone are left out)."""
        by_slot: dict[int, list[int]] = {}
        for library_id in ids:
            slot, post = split_id(library_id)
            by_slot.setdefault(slot, []).append(post)
        found: dict[int, Row] = {}
        for slot, posts in by_slot.items():
            member = self._by_slot(slot)
            if member is None or member.index is None:
                continue
            base, archive = slot << SLOT_SHIFT, member.archive.id
            for row in member.index.rows(posts):
                found[base | row.id] = replace(row, id=base | row.id, archive=archive)
        return [found[i] for i in ids if i in found]

    def row(self, library_id: int) -> Row | None:
        rows = self.rows([library_id])
        return rows[0] if rows else None

    def row_by_key(self, archive_id: str, key: str) -> Row | None:
        member = self._members.get(archive_id)
        if member is None or member.index is None:
            return None
        row = member.index.row_by_key(key)
        if row is None:
            return None
        base = member.slot << SLOT_SHIFT
        return replace(row, id=base | row.id, archive=archive_id)

    def text(self, library_id: int) -> str:
        slot, post = split_id(library_id)
        member = self._by_slot(slot)
        return member.index.text(post) if member and member.index else ""

    def tree_counts(self) -> dict[str, TreeCounts]:
        """Each open archive's tree counts, by archive id."""
        return {m.archive.id: m.index.tree_counts() for m in self._ready()}  # type: ignore[union-attr]

    # --- one article in several archives ----------------------------------------------------

    def duplicates(self) -> dict[int, int]:
        """Library id of each copy not listed -> the listed copy's (worked out once per change of
        the archives open: ~0.2 s for 150,000 posts).  With `background_duplicates` (the window)
        it is never worked out here: `set_duplicates` gives it, and until then what was known."""
        if self._dup_of is None:
            if self.background_duplicates:
                return self._known_dups
            self._find_duplicates()
        assert self._dup_of is not None
        return self._dup_of

    def copies(self, library_id: int) -> list[int]:
        """Every copy of the article (the listed one first); [library_id] when it has none."""
        dup_of = self.duplicates()
        first = dup_of.get(library_id, library_id)
        return list(self._copies.get(first, [library_id]))

    def has_copies(self, library_id: int) -> bool:
        """Whether another archive keeps this article too (as far as worked out)."""
        return library_id in self.duplicates() or library_id in self._copies

    def also_in(self, library_id: int) -> list[LibraryArchive]:
        """The other archives keeping this article."""
        mine = split_id(library_id)[0]
        out = []
        for other in self.copies(library_id):
            slot = split_id(other)[0]
            member = self._by_slot(slot)
            if slot != mine and member is not None and member.archive not in out:
                out.append(member.archive)
        return out

    def duplicate_sources(self) -> list[tuple[int, str]]:
        """(slot, archive path) of each open archive, in the reader's order: what `find_duplicates`
        reads (from another thread, with its own connections)."""
        return [(m.slot, m.archive.path) for m in self._ready()]

    def set_duplicates(self, found: tuple[dict[int, int], dict[int, list[int]]]) -> None:
        """The copies `find_duplicates` found (worked out in the background)."""
        self._dup_of, self._copies = found
        self._known_dups = found[0]

    def _find_duplicates(self) -> None:
        self.set_duplicates(group_duplicates(
            (m.slot, m.index.con.execute(DUPLICATE_SQL)) for m in self._ready()))  # type: ignore[union-attr]


DUPLICATE_SQL = "SELECT id, sig, substr(date, 1, 10) FROM posts"


def find_duplicates(sources: Sequence[tuple[int, str]], cache_dir: str | None = None
                    ) -> tuple[dict[int, int], dict[int, list[int]]]:
    """`LibraryIndex.duplicates` worked out from the archives' caches (`duplicate_sources`)."""
    from .index import Index

    def rows() -> Iterable[tuple[int, list[tuple[int, str, str]]]]:
        for slot, path in sources:
            with Index(path, cache_dir) as ix:
                yield slot, ix.con.execute(DUPLICATE_SQL).fetchall()

    return group_duplicates(rows())


def group_duplicates(parts: Iterable[tuple[int, Iterable[tuple[int, str, str]]]]
                     ) -> tuple[dict[int, int], dict[int, list[int]]]:
    """(copy -> listed copy, listed copy -> every copy) of the posts of several archives, given as
    (slot, rows of (id, signature, day)) in the reader's order: the first archive's copy is listed."""
    by_url: dict[str, int] = {}
    by_title: dict[tuple[str, str], int] = {}
    dup_of: dict[int, int] = {}
    copies: dict[int, list[int]] = {}
    for slot, rows in parts:
        base = slot << SLOT_SHIFT
        for post, sig, day in rows:
            url, _, title = sig.partition(_SEP)
            me = base | post
            first = by_url.get(url) if url else None
            if first is None and title and day:
                first = by_title.get((title, day))
            if first is not None and first >> SLOT_SHIFT != slot:
                dup_of[me] = first
                copies.setdefault(first, [first]).append(me)
            else:
                first = me
            if url:
                by_url.setdefault(url, first)
            if title and day:
                by_title.setdefault((title, day), first)
    return dup_of, copies
