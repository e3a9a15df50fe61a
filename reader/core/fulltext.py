"""The full-text shards: plain text of every post in SQLite FTS5 (trigram) tables.

Building a trigram index costs about half a microsecond per character with one
writer, so the text is split over a few shard databases (``text-N.sqlite``),
each built by its own worker process; a query runs over all of them through
ATTACH.  Each shard holds ``docs(id, title, body, orig)`` and an
external-content FTS5 table over it with ``detail=none``: positions are not stored (the index
is a third of the size of ``detail=full`` and the cache stays below the
archive's size), so a term is matched as the AND of its trigrams and then
confirmed with ``instr``/``LIKE`` on the stored text.

The FTS values end with `END` (two control characters never found in text):
every occurrence of a 1 or 2 character term then starts some trigram, so the
trigram vocabulary (the ``vocab`` table) can answer short terms exactly
without reading the text (see `reader.core.search.text_sql`).

``title`` and ``body`` are stored folded to one Chinese script
(`hanzi.fold`, so 習近平 and 习近平 are the same text to search); ``orig`` keeps
the body as written when folding changed it (NULL otherwise, the common case
for a Simplified archive), for snippets in the reader's own script.

Workers read the post files themselves, so no text travels between processes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from .hanzi import fold
from .postfile import Problem

TYPE_CHECKING = False  # not from typing: importing it costs every command-line run
if TYPE_CHECKING:
    from .posts import Post

__all__ = ["END", "open_shard", "index_posts", "delete_docs", "post_text", "worker_init",
           "worker_index_chunk"]

SHARD_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs(
    id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, orig TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, body, content='docs', content_rowid='id', tokenize='trigram', detail=none);
CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(fts, 'row');
"""
END = "\x03\x03"  # appended to every indexed value (not to the stored text)


def open_shard(path: str) -> sqlite3.Connection:
    """A writer connection to one shard, created if missing."""
    con = sqlite3.connect(path, timeout=30, isolation_level=None)
    con.execute("PRAGMA auto_vacuum=INCREMENTAL")  # takes effect on a new file only
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA cache_size=-65536")
    con.executescript(SHARD_SCHEMA)
    return con


def post_text(post: Post) -> str:
    """The searchable plain text of a post's body (what the reader sees)."""
    return body_text(post.body, post.fmt)


def body_text(body: str, fmt: str) -> str:
    # Imported here: opening and querying the shards needs no HTML or Markdown parser.
    from .clean import html_to_text
    from .render import body_to_html

    return html_to_text(body_to_html(body, fmt))


def delete_docs(con: sqlite3.Connection, ids: Iterable[int]) -> int:
    """Remove posts from one shard (FTS external content needs the old values)."""
    removed = 0
    for post_id in ids:
        row = con.execute("SELECT title, body FROM docs WHERE id=?", (post_id,)).fetchone()
        if row is None:
            continue
        con.execute("INSERT INTO fts(fts, rowid, title, body) VALUES('delete', ?, ?, ?)",
                    (post_id, row[0] + END, row[1] + END))
        con.execute("DELETE FROM docs WHERE id=?", (post_id,))
        removed += 1
    return removed


def index_posts(con: sqlite3.Connection, root: str, items: Iterable[tuple[int, str, str]]) -> list[int]:
    """Read, render and index the given (id, relative path, title) posts in one transaction.

    The title comes from the metadata index, so the front matter is not read again.
    Returns the ids indexed; a file that can no longer be read as a post is
    indexed with its title only (the next scan notices the change and reports it).
    """
    done: list[int] = []
    con.execute("BEGIN IMMEDIATE")
    try:
        for post_id, rel, title in items:
            text = _read_text(root, rel)
            title, body = fold(title), fold(text)
            delete_docs(con, (post_id,))
            con.execute("INSERT INTO docs(id, title, body, orig) VALUES(?, ?, ?, ?)",
                        (post_id, title, body, text if body != text else None))
            con.execute("INSERT INTO fts(rowid, title, body) VALUES(?, ?, ?)", (post_id, title + END, body + END))
            done.append(post_id)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return done


def _read_text(root: str, rel: str) -> str:
    from .posts import read_body
    from .sources import open_source

    got = open_source(root).read(rel)
    if isinstance(got, Problem):
        return ""
    body = read_body(got[0], rel)
    if body is None:
        return ""
    try:
        return body_text(*body)
    except Exception:  # the cleaner promises not to raise; never lose the whole batch if it does
        return ""


# --- worker processes -----------------------------------------------------

_worker: dict[str, object] = {}


def worker_init(next_shard, shard_paths: list[str]) -> None:
    """Pool initializer: take a shard of our own for the life of the process.

    `next_shard` is a shared counter (multiprocessing.Value), not a Queue: a
    Queue's feeder thread can deadlock the interpreter's exit."""
    with next_shard.get_lock():
        number = next_shard.value
        next_shard.value += 1
    _worker["number"] = number
    con = open_shard(shard_paths[number])
    # A bulk build merges once at the end (Index._optimize) instead of as it goes: ~13% faster.
    con.execute("INSERT INTO fts(fts, rank) VALUES('automerge', 0)")
    _worker["con"] = con


def worker_index_chunk(root: str, items: list[tuple[int, str, str]]) -> tuple[int, list[int], int]:
    """(shard number, ids indexed, bytes read) for one chunk of posts."""
    con = _worker["con"]
    assert isinstance(con, sqlite3.Connection)
    done = index_posts(con, root, items)
    size = sum(_size(root, rel) for _, rel, _title in items)
    return int(_worker["number"]), done, size  # type: ignore[arg-type]


def _size(root: str, rel: str) -> int:
    from .sources import open_source

    return open_source(root).size(rel)
