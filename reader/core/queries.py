"""Reading the index: counts, rows by id, and queries (search + tree scope + sort).

Lists are ids first (`Index.query_ids`), rows fetched for the few that are
shown (`Index.rows`): a list of 50,000 posts costs a list of ints.
"""

from __future__ import annotations

import json
import re
import sqlite3
from urllib.parse import unquote, urlsplit
from dataclasses import dataclass, field
from pathlib import Path

from .hanzi import find_spans, fold
from .postfile import Problem
from .search import MIN_MATCH_CHARS, Query, like_pattern, parse_query, text_sql

TYPE_CHECKING = False  # not from typing: importing it costs every command-line run
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Row", "Scope", "Hit", "SearchResult", "TreeCounts", "SORTS", "QueryMixin", "SearchPages"]

SORTS = ("relevance", "date_desc", "date_asc", "title", "title_desc", "author", "author_desc")
EXPANSION_MAX = 1500  # trigrams: a short term with more (的, 是) is cheaper to scan for
SCOPES = ("all", "unread", "starred", "new", "tag", "category", "author", "year", "month", "location")

# Undated posts (ts NULL) come after the dated ones in both date orders: they have no place in
# either, and a list sorted newest (or oldest) first must start with posts that have a date.
# (Elsewhere `p.ts DESC` puts them last too: SQLite sorts NULL lowest.)
_ORDER = {
    "date_desc": "p.ts IS NULL, p.ts DESC, p.id DESC",
    "date_asc": "p.ts IS NULL, p.ts ASC, p.id ASC",
    "title": "p.title COLLATE NOCASE ASC, p.ts DESC",
    "title_desc": "p.title COLLATE NOCASE DESC, p.ts DESC",
    "author": "p.author COLLATE NOCASE ASC, p.ts DESC",
    "author_desc": "p.author COLLATE NOCASE DESC, p.ts DESC",
}


# What `query_keyed` reads for each sort (the columns the sort needs; '' and 0 stand for the rest).
_KEYED = {"title": ", p.ts, p.title, '', 0", "title_desc": ", p.ts, p.title, '', 0",
          "author": ", p.ts, '', p.author, 0", "author_desc": ", p.ts, '', p.author, 0",
          "relevance": ", p.ts, '', '', {hits}", "": ", p.ts, '', '', 0"}


@dataclass(frozen=True)
class Row:
    """A post as the list and the header show it."""

    id: int
    path: str
    title: str
    date: str  # local time as written, ISO 8601; '' when the post is undated
    timestamp: int | None  # UTC seconds; None when undated
    author: str
    url: str
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    published: bool  # False for 'published: false' in the front matter
    draft: bool  # the file is in _drafts/
    fmt: str
    mtime_ns: int = 0  # of the file when it was read
    key: str = ""  # the post's identity in its archive (reader.core.identity): what marks are kept by
    location: str = "_posts"  # where the shown file is: _posts, _drafts, a collection, archived, ...
    digest: str = ""  # git blob id of the shown file: a different value means it changed on disk
    also_at: tuple[str, ...] = ()  # the other files holding this post (paths)
    archive: str = ""  # the id of the archive holding it, in a library's lists (reader.core.libindex)
    archive_name: str = ""  # its name, when the library holds several archives
    also_in: tuple[str, ...] = ()  # names of the other archives keeping this article (shown once)


@dataclass(frozen=True)
class Scope:
    """What the tree has selected: all posts, unread, starred, one tag, category, author, year or month."""

    kind: str = "all"
    value: str = ""
    archive: str = ""  # in a library: the one archive it is in ('' for every archive)


@dataclass(frozen=True)
class Hit:
    row: Row
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # [start, end) spans of matched words in `snippet`


@dataclass(frozen=True)
class TreeCounts:
    """(total, unread) per tree entry, most used first; unread needs `attach_state`."""

    total: int
    unread: int
    starred: int
    categories: dict[str, tuple[int, int]]
    tags: dict[str, tuple[int, int]]
    authors: dict[str, tuple[int, int]]
    months: dict[str, tuple[int, int]]  # 'YYYY-MM', newest first
    locations: dict[str, tuple[int, int]] = field(default_factory=dict)  # where the shown files are


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[Hit, ...]


_ROW_SQL = ("SELECT id, path, title, date, ts, author, url, tags, categories, published, draft, fmt, mtime_ns, "
            "key, location, hash, CASE WHEN copies > 1 THEN (SELECT json_group_array(f.path) FROM files f "
            "WHERE f.key = posts.key AND f.path != posts.path) END FROM posts")


def _row(r: tuple) -> Row:
    return Row(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7])), tuple(json.loads(r[8])),
               bool(r[9]), bool(r[10]), r[11], r[12], r[13], r[14], r[15],
               tuple(sorted(json.loads(r[16]))) if r[16] else ())


def attach_state_db(con: sqlite3.Connection, state_file: str) -> None:
    """Join the reader's marks database to `con` as ``st``, read-only."""
    con.execute("ATTACH DATABASE ? AS st", (Path(state_file).as_uri() + "?mode=ro",))


class SearchPages:
    """`search` and `snippet` over what a class answers: `query_ids`, `rows` and `text` (an
    archive's `Index`, a library's `reader.core.libindex.LibraryIndex`)."""

    def query_ids(self, query: Query | str = "", scope: Scope | None = None, sort: str | None = None) -> list[int]:
        raise NotImplementedError

    def rows(self, ids: Sequence[int]) -> list[Row]:
        raise NotImplementedError

    def text(self, post_id: int) -> str:
        raise NotImplementedError

    def search(self, query: str, *, scope: Scope | None = None, sort: str | None = None,
               limit: int = 50, offset: int = 0) -> SearchResult:
        """Matching posts, best first, with a snippet around the first match."""
        q = parse_query(query)
        ids = self.query_ids(q, scope, sort)
        page = ids[offset:offset + limit] if limit >= 0 else ids[offset:]
        hits = tuple(Hit(row, *self.snippet(row.id, q)) for row in self.rows(page))
        return SearchResult(query, len(ids), hits)

    def snippet(self, post_id: int, query: Query | str, width: int = 120) -> tuple[str, tuple[tuple[int, int], ...]]:
        """A one-line window of the post's text around its first matched word, and the matched spans."""
        q = parse_query(query) if isinstance(query, str) else query
        text = self.text(post_id)
        return make_snippet(text, q.terms, width)


class QueryMixin(SearchPages):
    """Query methods of `reader.core.index.Index` (needs `con` and `shard_count`)."""

    con: sqlite3.Connection
    shard_count: int
    _state_key: str | None = None
    _state_file: str | None = None

    def _readers(self) -> list[sqlite3.Connection]:
        """One extra read connection per shard, for scanning shards in parallel (see Index)."""
        raise NotImplementedError

    # --- the reader's own data, joined read-only for unread/starred scopes ----

    def attach_state(self, state_file: str, archive_key: str) -> None:
        """Let unread/starred scopes see the reader's marks (a separate database)."""
        if self._state_key is None:
            attach_state_db(self.con, state_file)
        self._state_key = archive_key
        self._state_file = state_file

    # --- counts -----------------------------------------------------------------

    def count(self) -> int:
        return self.con.execute("SELECT count(*) FROM posts").fetchone()[0]

    def problems(self) -> list[Problem]:
        """Files that are no post, with why; then posts shown although read leniently (`recovered`)."""
        return ([Problem(p, r) for p, r in self.con.execute("SELECT path, reason FROM problems ORDER BY path")]
                + [Problem(p, r, recovered=True) for p, r in
                   self.con.execute("SELECT path, notes FROM files WHERE notes != '' ORDER BY path")])

    def label_counts(self, kind: str) -> dict[str, int]:
        """{name: posts} for kind 'tag' or 'category', most used first."""
        return dict(self.con.execute(
            "SELECT name, count(*) AS n FROM labels WHERE kind=? GROUP BY name ORDER BY n DESC, name",
            (kind,)))

    def author_counts(self) -> dict[str, int]:
        return dict(self.con.execute(
            "SELECT author, count(*) AS n FROM posts WHERE author != '' GROUP BY author ORDER BY n DESC, author"))

    def month_counts(self) -> dict[str, int]:
        """{'YYYY-MM': posts}, newest first (by the post's own local date)."""
        return dict(self.con.execute(
            "SELECT substr(date, 1, 7) AS m, count(*) FROM posts WHERE date != '' GROUP BY m ORDER BY m DESC"))

    def tree_counts(self) -> TreeCounts:
        """Everything the tree shows, in a few grouped queries."""
        read, params = "0", []
        if self._state_key is not None:
            read, params = "p.key IN (SELECT post FROM st.marks WHERE archive=? AND read=1)", [self._state_key]
        unread = f"sum(CASE WHEN {read} THEN 0 ELSE 1 END)"

        def grouped(sql: str, *extra: object) -> dict[str, tuple[int, int]]:
            return {name: (total, left or 0) for name, total, left in self.con.execute(sql, [*params, *extra])}

        labels = (f"SELECT l.name, count(*) AS n, {unread} FROM labels l JOIN posts p ON p.id = l.post_id "
                  "WHERE l.kind = ? GROUP BY l.name ORDER BY n DESC, l.name")
        total, left = self.con.execute(f"SELECT count(*), {unread} FROM posts p", params).fetchone()
        starred = 0
        if self._state_key is not None:
            starred = self.con.execute(
                "SELECT count(*) FROM posts p WHERE p.key IN "
                "(SELECT post FROM st.marks WHERE archive=? AND starred=1)", [self._state_key]).fetchone()[0]
        return TreeCounts(
            total=total, unread=left or 0, starred=starred,
            categories=grouped(labels, "category"),
            tags=grouped(labels, "tag"),
            authors=grouped(f"SELECT p.author, count(*) AS n, {unread} FROM posts p WHERE p.author != '' "
                            "GROUP BY p.author ORDER BY n DESC, p.author"),
            months=grouped(f"SELECT substr(p.date, 1, 7) AS m, count(*), {unread} FROM posts p "
                           "WHERE p.date != '' GROUP BY m ORDER BY m DESC"),
            locations=grouped(f"SELECT p.location, count(*), {unread} FROM posts p GROUP BY p.location "
                              "ORDER BY p.location"),
        )

    # --- rows --------------------------------------------------------------------

    def rows(self, ids: Sequence[int]) -> list[Row]:
        """Rows for these ids, in the same order (missing ids are skipped)."""
        found: dict[int, Row] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i:i + 500])
            sql = f"{_ROW_SQL} WHERE id IN ({','.join('?' * len(chunk))})"
            found.update((r[0], _row(r)) for r in self.con.execute(sql, chunk))
        return [found[i] for i in ids if i in found]

    def keys_of(self, ids: Sequence[int] | None = None) -> dict[int, str]:
        """{post id: post key} for these ids (one query however many), or for every post."""
        if ids is None:
            return dict(self.con.execute("SELECT id, key FROM posts"))
        return dict(self.con.execute("SELECT id, key FROM posts WHERE id IN (SELECT value FROM json_each(?))",
                                     (json.dumps(list(ids)),)))

    def scope_counts(self, ids: Sequence[int], new_since_ns: int = 0) -> dict[Scope, int]:
        """How many of these posts each tree entry holds (all, each tag, category, author, year,
        month, location, and the posts new since `new_since_ns`): read marks change the tree's
        counts by these, in one pass however many posts were marked."""
        ids_json = json.dumps(list(ids))
        chosen = "SELECT value FROM json_each(?)"
        found: dict[Scope, int] = {Scope("all"): len(ids), Scope("unread"): len(ids)}
        for kind, name, n in self.con.execute(
                f"SELECT kind, name, count(*) FROM labels WHERE post_id IN ({chosen}) GROUP BY kind, name",
                (ids_json,)):
            found[Scope(kind, name)] = n
        grouped = (("author", "author"), ("month", "substr(date, 1, 7)"), ("year", "substr(date, 1, 4)"),
                   ("location", "location"))
        for kind, column in grouped:
            for value, n in self.con.execute(
                    f"SELECT {column}, count(*) FROM posts WHERE id IN ({chosen}) GROUP BY 1", (ids_json,)):
                found[Scope(kind, value or "")] = n
        if new_since_ns:
            found[Scope("new", str(new_since_ns))] = self.con.execute(
                f"SELECT count(*) FROM posts WHERE id IN ({chosen}) AND seen_ns > ?",
                (ids_json, new_since_ns)).fetchone()[0]
        return found

    def row_by_path(self, path: str) -> Row | None:
        """The post a file holds (shown from that file or from another copy)."""
        r = self.con.execute(f"{_ROW_SQL} WHERE path=?", (path,)).fetchone()
        if r is None:
            r = self.con.execute(f"{_ROW_SQL} WHERE key=(SELECT key FROM files WHERE path=?)", (path,)).fetchone()
        return _row(r) if r else None

    def row_by_key(self, key: str) -> Row | None:
        """The post with this identity; a bare file name also finds the one post it names
        when a second article with that name made its key ``NAME#…``."""
        r = self.con.execute(f"{_ROW_SQL} WHERE key=?", (key,)).fetchone()
        if r is None and "#" not in key:
            found = self.con.execute(f"{_ROW_SQL} WHERE stem=? LIMIT 2", (key,)).fetchall()
            r = found[0] if len(found) == 1 else None
        return _row(r) if r else None

    def file_location(self, path: str) -> str | None:
        """Where a post file is (_posts, archived, ...), or None for a file that holds no post."""
        row = self.con.execute("SELECT location FROM files WHERE path=?", (path,)).fetchone()
        return row[0] if row else None

    def file_count(self) -> int:
        return self.con.execute("SELECT count(*) FROM files").fetchone()[0]

    def post_for_link(self, url: str) -> str | None:
        """The path of the post a link points to, if it is in this archive.

        A link matches a post whose source URL it is, or names a post file
        (``2024-03-02-keyboard.md``) or a Jekyll permalink (``/2024/03/02/keyboard.html``).
        """
        row = self.con.execute("SELECT path FROM posts WHERE url = ? LIMIT 1", (url,)).fetchone()
        if row:
            return row[0]
        stem = link_stem(url)
        if stem is None:
            return None
        name = like_pattern(stem)[1:-1]  # the stem with LIKE wildcards escaped
        row = self.con.execute("SELECT path FROM posts WHERE path LIKE ? ESCAPE '\\' OR path LIKE ? ESCAPE '\\' "
                               "ORDER BY length(path) LIMIT 1", (f"%/{name}.%", f"{name}.%")).fetchone()
        return row[0] if row else None

    def folders(self) -> set[str]:
        """The folders (relative, '' for the root) to watch for posts: those holding post files or files
        that could not be read, except that of posts found by their dated name outside the post folders
        (``archived/2021-05-20/``: thousands of folders) only the top folder counts, where new ones appear."""
        found: set[str] = set()
        for sql in ("SELECT DISTINCT rtrim(path, replace(path, '/', '')) FROM files WHERE location LIKE '\\_%' "
                    "ESCAPE '\\'",
                    "SELECT DISTINCT location FROM files WHERE location NOT LIKE '\\_%' ESCAPE '\\'",
                    "SELECT DISTINCT rtrim(path, replace(path, '/', '')) FROM problems"):
            try:
                rows = self.con.execute(sql)
            except sqlite3.OperationalError:
                continue
            found.update(r[0].rstrip("/") for r in rows)
        return found

    def text(self, post_id: int) -> str:
        """The indexed plain text of a post ('' until its text is indexed)."""
        shard = self.con.execute("SELECT shard FROM posts WHERE id=?", (post_id,)).fetchone()
        if not shard or shard[0] is None:
            return ""
        row = self.con.execute(f"SELECT coalesce(orig, body) FROM s{int(shard[0])}.docs WHERE id=?",
                               (post_id,)).fetchone()
        return row[0] if row else ""

    # --- queries -------------------------------------------------------------------

    def query_ids(self, query: Query | str = "", scope: Scope | None = None, sort: str | None = None) -> list[int]:
        """Ids of the posts matching a query within a tree scope, sorted.

        `sort` defaults to relevance when the query has words, else newest first.
        Relevance: posts with more of the words in their title first, then newest.
        """
        return [r[0] for r in self._ordered(query, scope, sort, "")]

    def query_keyed(self, query: Query | str = "", scope: Scope | None = None, sort: str | None = None,
                    limit: int = -1) -> list[tuple[int, int | None, str, str, int]]:
        """`query_ids` with what each post is sorted by: (id, ts, title, author, title hits), so
        that lists of several archives can be merged in the same order (reader.core.libindex).
        Only what `sort` needs is read ('' and 0 stand for the rest: 150,000 titles cost 0.1 s);
        relevance comes in newest-first order, with its title hits: the caller sorts by them
        (stable: the same order as `query_ids`; the hits are worked out once, not twice).  `limit`:
        the first so many (-1: all); relevance with words is always whole (its order is the caller's)."""
        q = parse_query(query) if isinstance(query, str) else query
        if sort == "relevance" or (sort is None and q.terms):
            return self._ordered(q, scope, "date_desc", _KEYED["relevance"],  # type: ignore[return-value]
                                 -1 if q.terms else limit)
        return self._ordered(query, scope, sort, _KEYED.get(sort or "", _KEYED[""]), limit)  # type: ignore[return-value]

    def _ordered(self, query: Query | str, scope: Scope | None, sort: str | None, extra: str,
                 limit: int = -1) -> list[tuple]:
        q = parse_query(query) if isinstance(query, str) else query
        sort = sort or ("relevance" if q.terms else "date_desc")
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORTS)}")
        where, params = self._filters(q, scope or Scope())
        if q.has_text:
            ids = self._text_hits(q, where, params)
            where, params = ["p.id IN (SELECT value FROM json_each(?))"], [json.dumps(ids)]
        return self._ordered_where(q, where, params, sort, extra, limit)

    def _ordered_where(self, q: Query, where: list[str], params: list[object], sort: str, extra: str,
                       limit: int = -1) -> list[tuple]:
        hit_params = [like_pattern(fold(t)) for t in q.terms]
        if hit_params:
            self.con.create_function("fold", 1, fold, deterministic=True)
        hits = " + ".join("(fold(p.title) LIKE ? ESCAPE '\\')" for _ in q.terms) or "0"
        order = _ORDER.get(sort)
        order_params: list[object] = []
        if order is None:  # relevance: posts with more of the words in their title first, then newest
            # (with no words, no hits term: SQLite reads ORDER BY (0) as a column number and fails)
            order = f"({hits}) DESC, p.ts DESC, p.id DESC" if q.terms else "p.ts DESC, p.id DESC"
            order_params = list(hit_params)
        columns = extra.format(hits=hits)
        select_params = hit_params if "{hits}" in extra else []
        sql = f"SELECT p.id{columns} FROM posts p WHERE {' AND '.join(where) or '1'} ORDER BY {order} LIMIT ?"
        return self.con.execute(sql, [*select_params, *params, *order_params, limit]).fetchall()

    # --- the first page of a search, without reading every matching post's text ----------------

    def candidates(self, query: Query, scope: Scope | None = None,
                   sort: str = "date_desc") -> list[tuple[int, int | None, str, str, int]] | None:
        """The posts that may match `query`'s words (its trigrams' MATCH: no text read) and match
        its other parts, keyed and ordered as `query_keyed` orders them; `confirm` says which
        really do.  None when a word must be scanned for (too short for the index)."""
        texts = [text_sql(query, self._expansions(n, query)) for n in range(self.shard_count)]
        if any(ts.match is None and ts.where != "0" for ts in texts):
            return None
        found: list[int] = []
        for n, ts in enumerate(texts):
            if ts.match is not None:
                found += [r[0] for r in self.con.execute(f"SELECT rowid FROM s{n}.fts WHERE fts MATCH ?", (ts.match,))]
        candidate_only = Query(fields=query.fields, before=query.before, after=query.after)
        where, params = self._filters(candidate_only, scope or Scope())
        where.append("p.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(found))
        order = "date_desc" if sort == "relevance" else sort  # relevance: sorted by the caller
        return self._ordered_where(query, where, params, order, _KEYED.get(sort, _KEYED[""]))

    def confirm(self, query: Query, ids: Sequence[int]) -> set[int]:
        """Which of these candidates really match the query's words (their text is read)."""
        out: set[int] = set()
        chosen = json.dumps(list(ids))
        for n in range(self.shard_count):
            ts = text_sql(query, self._expansions(n, query))
            if ts.where == "0":
                continue
            sql = f"SELECT d.id FROM s{n}.docs d WHERE d.id IN (SELECT value FROM json_each(?))"
            if ts.where:
                sql += f" AND {ts.where}"
            out.update(r[0] for r in self.con.execute(sql, (chosen, *ts.params)))
        return out

    def _text_hits(self, q: Query, where: list[str], params: list[object]) -> list[int]:
        """Ids of posts whose text matches, among those passing the filters, from every shard.

        A query with no term long enough for MATCH scans the stored text: then
        each shard is scanned on its own connection and thread (SQLite lets go
        of the GIL), which halves the wait on two cores.
        """
        queries = []
        scans = False
        for n in range(self.shard_count):
            ts = text_sql(q, self._expansions(n, q))
            scans = scans or ts.match is None
            conds = list(where)
            shard_params: list[object] = list(params)  # in the order of `conds`
            if ts.match:
                conds.append(f"d.id IN (SELECT rowid FROM s{n}.fts WHERE fts MATCH ?)")
                shard_params.append(ts.match)
            if ts.where:
                conds.append(ts.where)
                shard_params += ts.params
            sql = f"SELECT d.id FROM posts p JOIN s{n}.docs d ON d.id = p.id WHERE {' AND '.join(conds) or '1'}"
            queries.append((sql, shard_params))
        if scans and len(queries) > 1:
            from concurrent.futures import ThreadPoolExecutor  # here: most searches need no threads

            readers = self._readers()
            with ThreadPoolExecutor(len(queries)) as pool:
                parts = pool.map(lambda i: [r[0] for r in readers[i].execute(*queries[i])], range(len(queries)))
                return [pid for part in parts for pid in part]
        return [r[0] for sql, ps in queries for r in self.con.execute(sql, ps)]

    def _expansions(self, shard: int, q: Query) -> dict[str, list[str]]:
        """For each short term of the query, the trigrams of this shard starting with it
        (none for a term with more than EXPANSION_MAX: it is scanned instead)."""
        out: dict[str, list[str]] = {}
        for term in {fold(t) for t in q.terms if len(t) < MIN_MATCH_CHARS}:
            rows = self.con.execute(f"SELECT term FROM s{shard}.vocab WHERE term >= ? AND term < ? LIMIT ?",
                                    (term, term + "\U0010ffff", EXPANSION_MAX + 1)).fetchall()
            if len(rows) <= EXPANSION_MAX:
                out[term] = [r[0] for r in rows]
        return out

    def _filters(self, q: Query, scope: Scope) -> tuple[list[str], list[object]]:
        where: list[str] = []
        params: list[object] = []
        for name, value, negated in q.fields:
            neg = "NOT " if negated else ""
            if name == "archive":  # which archives to ask: the library's business (libindex)
                continue
            if name == "author":
                where.append(f"{neg}(p.author LIKE ? ESCAPE '\\')")
                params.append(like_pattern(value))
            else:
                where.append(f"p.id {neg}IN (SELECT post_id FROM labels WHERE kind=? AND name=? COLLATE NOCASE)")
                params += [name, value]
        if q.before is not None:
            where.append("p.ts < ?")
            params.append(q.before)
        if q.after is not None:
            where.append("p.ts >= ?")
            params.append(q.after)
        scope_sql, scope_params = self._scope_sql(scope)
        if scope_sql:
            where.append(scope_sql)
            params += scope_params
        return where, params

    def _scope_sql(self, scope: Scope) -> tuple[str, list[object]]:
        kind, value = scope.kind, scope.value
        if kind == "all":
            return "", []
        if kind in ("tag", "category"):
            return "p.id IN (SELECT post_id FROM labels WHERE kind=? AND name=?)", [kind, value]
        if kind == "author":
            return "p.author = ?", [value]
        if kind == "year":
            return "substr(p.date, 1, 4) = ?", [value]
        if kind == "month":
            return "substr(p.date, 1, 7) = ?", [value]
        if kind == "location":
            return "p.location = ?", [value]
        if kind == "new":  # unread posts first seen after `value` (ns): what a pull brought (not what it moved)
            unread, unread_params = self._scope_sql(Scope("unread"))
            return f"p.seen_ns > ? AND {unread}", [int(value or 0), *unread_params]
        if kind in ("unread", "starred"):
            if self._state_key is None:
                return ("1", []) if kind == "unread" else ("0", [])
            column = "read" if kind == "unread" else "starred"
            neg = "NOT " if kind == "unread" else ""
            return (f"p.key {neg}IN (SELECT post FROM st.marks WHERE archive=? AND {column}=1)",
                    [self._state_key])
        raise ValueError(f"unknown scope {kind!r}; one of {', '.join(SCOPES)}")



_SPACE = re.compile(r"\s+")
_PERMALINK = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})/([^/]+?)(?:\.html?)?/?$")
_POST_FILE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2}-.+)\.(?:md|markdown|mkd|mkdn|html|htm)$", re.IGNORECASE)


def link_stem(url: str) -> str | None:
    """'YYYY-MM-DD-slug' named by a link to a post file or a Jekyll date permalink, else None."""
    path = unquote(urlsplit(url).path)
    name = path.rstrip("/").rsplit("/", 1)[-1]
    m = _POST_FILE.match(name)
    if m:
        return m.group(1)
    m = _PERMALINK.search(path)
    if m:
        return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}-{m[4]}"
    return None


def make_snippet(text: str, terms: Sequence[str], width: int = 120) -> tuple[str, tuple[tuple[int, int], ...]]:
    """(snippet, highlight spans): `width` characters of `text` around the first term found.

    Terms match ignoring case and the Simplified/Traditional difference; the
    snippet is the text as written (folding keeps offsets)."""
    found = find_spans(text, terms)
    first = found[0][0] if found else -1
    if first < 0:
        start = 0
    else:
        start = max(0, first - width // 3)
        # Start at a word boundary when there is one close by.
        space = text.rfind(" ", max(0, start - 10), first)
        start = space + 1 if space >= 0 and space + 1 <= first else start
    end = min(len(text), start + width)
    window = text[start:end]
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    snippet = lead + _SPACE.sub(" ", window) + tail
    return snippet, tuple(find_spans(snippet, terms))

