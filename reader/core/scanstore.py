"""Writing a metadata scan into the cache: files as found, then one post per identity.

`Index.refresh` (reader.core.index) stats every candidate, then:

1. `plan` compares what was found with the ``files`` table: unchanged files
   (same size and mtime) are skipped; a file that vanished from one place and
   appeared in another with the same name, size, folder-given categories and
   bytes (its git blob id) is a *move*: its reading is kept, nothing is parsed.
2. The rest is parsed and `store_parsed` writes it, batch by batch, with no
   post yet (``key`` NULL): a run killed here resumes from it.
3. `regroup`, in one transaction, applies the moves and removals, then for
   every file name touched decides the posts: files with one name are one post
   per article (`identity.signature`), shown from one copy (`canonical`), and
   keyed by `identity.post_key`.  A post keeps its row id (and so its text in
   the full-text shards, its place in the list) while its files move.

What counts as a change for the reader is reported per post: added, removed,
moved (the shown file is another one, with the same bytes) and changed (the
shown bytes changed, so its text is indexed again).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .discover import Found
from .identity import post_key, same_article
from .postfile import Problem

TYPE_CHECKING = False  # not from typing: importing it costs every command-line run
if TYPE_CHECKING:
    from .posts import Post

__all__ = ["ScanPlan", "GroupResult", "plan", "prepare", "store_parsed", "regroup", "origin_of", "canonical_rank",
           "FILE_COLUMNS"]

FILE_COLUMNS = ("size", "mtime_ns", "hash", "stem", "sig", "location", "title", "date", "ts", "date_source",
                "author", "url", "layout", "published", "draft", "fmt", "encoding", "extra", "tags", "categories")
_COPIED = ", ".join(c for c in FILE_COLUMNS)
_BULK = 2000  # touched names above this: read every file row at once rather than by name


@dataclass
class ScanPlan:
    todo: list[Found]  # to parse: new or changed files
    removed: list[str]  # paths gone (moves not included)
    moves: list[tuple[str, Found]]  # (old path, the file now) with the same bytes
    changed_files: int  # files of `todo` that were known before (re-read in place)


@dataclass
class GroupResult:
    added: int = 0
    removed: int = 0
    moved: int = 0
    changed: int = 0
    parsed: int = 0  # files read and parsed
    stale_text: list[int] = field(default_factory=list)  # post ids whose text must be indexed again

    def add(self, other: GroupResult) -> None:
        """Count in what another regroup of the same scan did (a scan shown as it goes regroups in steps)."""
        self.added += other.added
        self.removed += other.removed
        self.moved += other.moved
        self.changed += other.changed
        self.parsed += other.parsed
        self.stale_text += other.stale_text


def origin_of(f: Found) -> str:
    """What a file's place gives its reading: folder categories and the draft flag."""
    return json.dumps([list(f.categories), f.draft], ensure_ascii=False)


def canonical_rank(location: str, mtime_ns: int, path: str) -> tuple[int, int, str]:
    """Which copy of a post is shown: one in ``_posts`` first (the scrapers re-add a post there when
    they fetch it again, so it is the newest scrape, and the one the site itself shows), then the
    most recently changed file, then the first path."""
    return (0 if location == "_posts" else 2 if location == "_drafts" else 1, -mtime_ns, path)


def plan(root: str, found: dict[str, Found], con: sqlite3.Connection) -> ScanPlan:
    known = {path: (size, mtime, digest, origin) for path, size, mtime, digest, origin in
             con.execute("SELECT path, size, mtime_ns, hash, origin FROM files")}
    known_problems = {path: (size, mtime) for path, size, mtime in
                      con.execute("SELECT path, size, mtime_ns FROM problems")}
    todo: list[Found] = []
    for rel, f in found.items():
        old = known.get(rel)
        stamp = (f.size, f.mtime_ns)
        if (old and old[:2] == stamp) or known_problems.get(rel) == stamp:
            continue
        todo.append(f)
    removed = [rel for rel in (known.keys() | known_problems.keys()) if rel not in found]
    gone: dict[tuple[str, int], list[str]] = defaultdict(list)
    for rel in removed:
        if rel in known:
            gone[(rel.rsplit("/", 1)[-1], known[rel][0])].append(rel)
    moves: list[tuple[str, Found]] = []
    if gone:
        kept = []
        for f in todo:
            candidates = gone.get((f.rel.rsplit("/", 1)[-1], f.size)) if f.rel not in known else None
            old_rel = _same_bytes(root, f, candidates, known) if candidates else None
            if old_rel is None:
                kept.append(f)
            else:
                candidates.remove(old_rel)
                moves.append((old_rel, f))
        todo = kept
        moved_from = {old for old, _ in moves}
        removed = [rel for rel in removed if rel not in moved_from]
    changed_files = sum(1 for f in todo if f.rel in known or f.rel in known_problems)
    return ScanPlan(todo, removed, moves, changed_files)


def _same_bytes(root: str, f: Found, candidates: list[str], known: dict) -> str | None:
    origin = origin_of(f)
    matching = [rel for rel in candidates if known[rel][3] == origin]
    if not matching:
        return None
    from .sources import open_source  # here: a warm scan never reads a file

    digest = open_source(root).digest(f)  # a git entry knows it; a file is read as the parse workers read it
    if digest is None:
        return None
    return next((rel for rel in matching if known[rel][2] == digest), None)


def prepare(f: Found, item: Post | Problem, digest: str, sig: str) -> tuple[bool, tuple[object, ...]]:
    """(is a post, the row `store_parsed` writes) for a parsed file: made in the parse workers,
    so that the process writing the cache only writes."""
    if isinstance(item, Problem):
        return False, (f.rel, f.size, f.mtime_ns, item.reason)
    return True, (f.rel, origin_of(f), "\n".join(item.notes), f.size, f.mtime_ns, digest, f.stem,
                  sig, f.location, item.title, item.date, item.timestamp,
                  item.date_source, item.author, item.url, item.layout, int(item.published),
                  int(item.draft), item.fmt, item.encoding, json.dumps(item.extra, ensure_ascii=False),
                  json.dumps(item.tags, ensure_ascii=False), json.dumps(item.categories, ensure_ascii=False))


def store_parsed(con: sqlite3.Connection, batch: Sequence[tuple[bool, tuple[object, ...]]]) -> None:
    """Write parsed files (`prepare`); their posts are decided by `regroup`."""
    file_rows = [row for is_post, row in batch if is_post]
    problem_rows = [row for is_post, row in batch if not is_post]
    paths = [(row[0],) for _is_post, row in batch]
    con.execute("BEGIN")
    try:
        con.executemany("DELETE FROM problems WHERE path=?", paths)
        con.executemany("INSERT INTO problems VALUES(?, ?, ?, ?)", problem_rows)
        columns = ("path", "origin", "notes", *FILE_COLUMNS)
        con.executemany(f"INSERT OR REPLACE INTO files({', '.join(columns)}, key) "  # NULL key: decided again
                        f"VALUES({', '.join('?' * len(columns))}, NULL)", file_rows)
        # A file that became a Problem is no longer a copy of its post.
        con.executemany("DELETE FROM files WHERE path=?", [(r[0],) for r in problem_rows])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def regroup(con: sqlite3.Connection, moves: Iterable[tuple[str, Found]], removed: Iterable[str],
            stems: set[str], fresh: bool | None = None) -> GroupResult:
    """Apply moves and removals, and decide the posts of every name touched (and of every file not
    yet grouped): one transaction, so that the posts always match the files.

    `fresh`: the cache held no post when the scan began (its first posts were first seen when their
    files were written); by default, whether it holds none now."""
    now = time.time_ns()
    result = GroupResult()
    con.execute("BEGIN")
    try:
        if fresh is None:
            fresh = con.execute("SELECT NOT EXISTS (SELECT 1 FROM posts)").fetchone()[0]
        for old, f in moves:
            con.execute("DELETE FROM files WHERE path=?", (f.rel,))
            con.execute("UPDATE files SET path=?, mtime_ns=?, location=?, key=NULL WHERE path=?",
                        (f.rel, f.mtime_ns, f.location, old))
            stems.add(f.stem)
        for rel in removed:
            stems.add(os.path.splitext(rel.rsplit("/", 1)[-1])[0])
            con.execute("DELETE FROM files WHERE path=?", (rel,))
            con.execute("DELETE FROM problems WHERE path=?", (rel,))
        stems.update(s for (s,) in con.execute("SELECT DISTINCT stem FROM files WHERE key IS NULL"))
        if stems:
            _decide(con, stems, now, bool(fresh), result)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return result


def _decide(con: sqlite3.Connection, stems: set[str], now: int, fresh: bool, result: GroupResult) -> None:
    files: dict[str, list[tuple[str, str, str, int, str, str | None]]] = defaultdict(list)
    posts: dict[str, dict[str, tuple[int, str, str, str, int]]] = defaultdict(dict)
    file_sql = "SELECT path, stem, sig, location, mtime_ns, hash, key FROM files"
    post_sql = "SELECT id, stem, sig, key, path, hash, copies FROM posts"
    if len(stems) > _BULK:
        file_rows, post_rows = con.execute(file_sql), con.execute(post_sql)
    else:
        names = json.dumps(sorted(stems), ensure_ascii=False)
        file_rows = con.execute(f"{file_sql} WHERE stem IN (SELECT value FROM json_each(?))", (names,))
        post_rows = list(con.execute(f"{post_sql} WHERE stem IN (SELECT value FROM json_each(?))", (names,)))
    for path, stem, sig, location, mtime, digest, key in file_rows:
        if stem in stems:
            files[stem].append((path, sig, location, mtime, digest, key))
    for pid, stem, sig, key, path, digest, copies in post_rows:
        if stem in stems:
            posts[stem][sig] = (pid, key, path, digest, copies)
    new_posts: list[tuple[str, int, int, str]] = []  # (key, copies, first seen, path shown): inserted at once
    file_keys: list[tuple[str, str]] = []
    for stem in stems:
        _decide_name(con, stem, files.get(stem, ()), posts.get(stem, {}), now, fresh, result, new_posts, file_keys)
    result.added += len(new_posts)
    if new_posts:  # one statement for all: 30,000 single-row INSERT ... SELECTs cost 2 s
        con.execute("CREATE TEMP TABLE IF NOT EXISTS new_posts(key TEXT PRIMARY KEY, copies INTEGER, "
                    "seen INTEGER, path TEXT)")
        con.execute("DELETE FROM temp.new_posts")
        con.executemany("INSERT INTO temp.new_posts VALUES(?, ?, ?, ?)", new_posts)
        con.execute(f"INSERT INTO posts(key, copies, seen_ns, path, {_COPIED}) "
                    f"SELECT n.key, n.copies, n.seen, f.path, {', '.join('f.' + c for c in FILE_COLUMNS)} "
                    "FROM temp.new_posts n JOIN files f ON f.path = n.path")
        for kind, column in (("tag", "tags"), ("category", "categories")):
            con.execute(f"INSERT INTO labels SELECT p.id, '{kind}', j.value FROM posts p, json_each(p.{column}) j "
                        "WHERE p.key IN (SELECT key FROM temp.new_posts)")
        con.execute("DELETE FROM temp.new_posts")
    con.executemany("UPDATE files SET key=? WHERE path=? AND key IS NOT ?", [(k, p, k) for k, p in file_keys])


def _decide_name(con: sqlite3.Connection, stem: str, files: Iterable[tuple[str, str, str, int, str, str | None]],
                 existing: dict[str, tuple[int, str, str, str, int]], now: int, fresh: bool,
                 result: GroupResult, new_posts: list[tuple[str, int, int, str]],
                 file_keys: list[tuple[str, str]]) -> None:
    """The posts of one file name: one per article (`identity.same_article`), each shown from its
    best copy, keeping the row (id, text, first-seen time) of the post it was."""
    articles = _articles(list(files))
    owners: dict[int, tuple[int, str, str, str, int]] = {}  # article -> the existing post it continues
    for sig, post in sorted(existing.items(), key=lambda item: item[1][0]):
        match = next((i for i, copies in enumerate(articles) if any(r[1] == sig for r in copies)), None)
        if match is None:
            match = next((i for i, copies in enumerate(articles)
                          if any(same_article(r[1], sig) for r in copies)), None)
        if match is None and len(existing) == 1 and len(articles) == 1:
            match = 0  # one article under one name before and after: re-scraped with a new URL and title
        if match is None or match in owners:  # every copy of it is gone, or it merged into another
            _delete_post(con, post[0])
            result.removed += 1
            result.stale_text.append(post[0])
        else:
            owners[match] = post
    decided = []
    for i, copies in enumerate(articles):
        best = min(copies, key=lambda r: canonical_rank(r[2], r[3], r[0]))
        decided.append((i, post_key(stem, best[1], len(articles)), best, copies))
    updates = []
    for i, key, best, copies in decided:
        old = owners.get(i)
        if old is not None and old[1:] != (key, best[0], best[4], len(copies)):
            updates.append((old, key, best, copies))
            # Free the key and path first: another article of this name may take them.
            con.execute("UPDATE posts SET key=?, path=? WHERE id=?", (f"\0{old[0]}", f"\0{old[0]}", old[0]))
    for (pid, _key, old_path, old_digest, _n), key, best, copies in updates:
        path, digest = best[0], best[4]
        con.execute(f"UPDATE posts SET ({_COPIED}) = (SELECT {_COPIED} FROM files WHERE path=?), key=?, path=?, "
                    "copies=? WHERE id=?", (path, key, path, len(copies), pid))
        if old_path != path:
            _labels(con, pid, path)
        if old_digest != digest:
            con.execute("UPDATE posts SET shard=NULL WHERE id=?", (pid,))
            result.stale_text.append(pid)
            result.changed += 1
        elif old_path != path:
            result.moved += 1
    for i, key, best, copies in decided:
        if i not in owners:
            seen = best[3] if fresh else now  # a first index has no 'before': the file's time says when
            new_posts.append((key, len(copies), seen, best[0]))
        file_keys.extend((key, r[0]) for r in copies)


def _articles(copies: list[tuple[str, str, str, int, str, str | None]]) -> list[list[tuple]]:
    """The copies of one name grouped into articles: linked when their URLs or titles are the same
    (a chain links too: A~B by URL, B~C by title)."""
    groups: list[list[tuple]] = []
    for row in sorted(copies):
        linked = [g for g in groups if any(same_article(row[1], other[1]) for other in g)]
        merged = [row]
        for g in linked:
            merged += g
            groups.remove(g)
        groups.append(merged)
    return sorted(groups, key=lambda g: min(r[0] for r in g))


def _labels(con: sqlite3.Connection, pid: int, path: str) -> None:
    con.execute("DELETE FROM labels WHERE post_id=?", (pid,))
    con.execute("INSERT INTO labels SELECT ?, 'tag', value FROM files, json_each(files.tags) WHERE files.path=?",
                (pid, path))
    con.execute("INSERT INTO labels SELECT ?, 'category', value FROM files, json_each(files.categories) "
                "WHERE files.path=?", (pid, path))


def _delete_post(con: sqlite3.Connection, pid: int) -> None:
    con.execute("DELETE FROM labels WHERE post_id=?", (pid,))
    con.execute("DELETE FROM posts WHERE id=?", (pid,))
